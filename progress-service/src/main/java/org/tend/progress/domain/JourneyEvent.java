package org.tend.progress.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One fact of a participant's journey, as the projection keeps it: the integration event's id (so that a duplicate
 * record lands on the same key), its time, and the fields the journey shows. Never a name, an email or free text.
 */
public sealed interface JourneyEvent {

    String eventId();

    Instant time();

    /** The short kind shown in the timeline, e.g. {@code assessment-completed}. */
    String kind();

    record ParticipantEnrolled(String eventId, Instant time, String programmeId, String department,
                               Boolean consentGiven) implements JourneyEvent {
        public ParticipantEnrolled {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(programmeId, "programmeId");
        }

        @Override
        public String kind() {
            return "enrolled";
        }
    }

    record AssessmentCompleted(String eventId, Instant time, String assessmentId, String programmeId,
                               String instrumentId, String instrumentVersion, int totalScore, Integer scoreMin,
                               Integer scoreMax, String band) implements JourneyEvent {
        public AssessmentCompleted {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(assessmentId, "assessmentId");
            Objects.requireNonNull(instrumentId, "instrumentId");
            Objects.requireNonNull(band, "band");
        }

        @Override
        public String kind() {
            return "assessment-completed";
        }
    }

    record RecommendationsIssued(String eventId, Instant time, String basedOnAssessmentId, String instrumentId,
                                 String band, String steppedCareLevel, List<Recommended> recommendations)
            implements JourneyEvent {
        public RecommendationsIssued {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(time, "time");
            recommendations = List.copyOf(recommendations);
        }

        @Override
        public String kind() {
            return "recommendations-issued";
        }
    }

    /** One ranked intervention of a recommendation set, with the code of the reason it was chosen. */
    record Recommended(String interventionId, int rank, String reasonCode) {
        public Recommended {
            Objects.requireNonNull(interventionId, "interventionId");
        }
    }

    record GoalSet(String eventId, Instant time, String goalId, String interventionId, String scale,
                   String setByRole) implements JourneyEvent {
        public GoalSet {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(goalId, "goalId");
            Objects.requireNonNull(interventionId, "interventionId");
        }

        @Override
        public String kind() {
            return "goal-set";
        }
    }

    record GoalProgressRated(String eventId, Instant time, String goalId, int rating, String ratedByRole)
            implements JourneyEvent {
        public GoalProgressRated {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(goalId, "goalId");
        }

        @Override
        public String kind() {
            return "goal-progress-rated";
        }
    }

    /** A goal was given a Goal Attainment Scaling scale: its weight and the level it starts at (−2 or −1). */
    record AttainmentScaleDefined(String eventId, Instant time, String goalId, int weight, int baselineLevel)
            implements JourneyEvent {
        public AttainmentScaleDefined {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(goalId, "goalId");
        }

        @Override
        public String kind() {
            return "attainment-scale-defined";
        }
    }

    /** A goal's attainment was rated on its GAS scale, −2 … +2. */
    record GoalAttainmentRated(String eventId, Instant time, String goalId, int level, String ratedByRole)
            implements JourneyEvent {
        public GoalAttainmentRated {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(goalId, "goalId");
        }

        @Override
        public String kind() {
            return "goal-attainment-rated";
        }
    }
}
