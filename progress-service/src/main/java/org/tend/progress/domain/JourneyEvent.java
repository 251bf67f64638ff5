package org.tend.progress.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.tend.progress.domain.Journey.Cohort;
import org.tend.progress.domain.Journey.ScoreRange;

/**
 * One event of a participant's journey: progress-service's own copy of an integration event, with only the fields
 * the journey reads (bound from the record's data by the typed inbound edge, and kept and reloaded the same way).
 * Never a name, an email or free text.
 */
public sealed interface JourneyEvent {

    /** Whose journey the event belongs to (a pseudonymous id; the contract checked its form). */
    String participantId();

    /** When it happened, as the producer recorded it. */
    Instant time();

    /** The short kind shown in the timeline, e.g. {@code assessment-completed}. */
    String kind();

    record ParticipantEnrolled(String participantId, String programmeId, Cohort cohort, Boolean consentGiven,
                               Instant enrolledAt) implements JourneyEvent {
        public ParticipantEnrolled {
            Objects.requireNonNull(programmeId, "programmeId");
            Objects.requireNonNull(enrolledAt, "enrolledAt");
        }

        public String department() {
            return cohort == null ? null : cohort.department();
        }

        @Override
        public Instant time() {
            return enrolledAt;
        }

        @Override
        public String kind() {
            return "enrolled";
        }
    }

    /** The participant withdrew consent: shown on the timeline; the plan reads as withdrawn until they renew it. */
    record ConsentWithdrawn(String participantId, String programmeId, Instant withdrawnAt) implements JourneyEvent {
        public ConsentWithdrawn {
            Objects.requireNonNull(withdrawnAt, "withdrawnAt");
        }

        @Override
        public Instant time() {
            return withdrawnAt;
        }

        @Override
        public String kind() {
            return "consent-withdrawn";
        }
    }

    /** The participant consented again after a withdrawal. */
    record ConsentRenewed(String participantId, String programmeId, Instant renewedAt) implements JourneyEvent {
        public ConsentRenewed {
            Objects.requireNonNull(renewedAt, "renewedAt");
        }

        @Override
        public Instant time() {
            return renewedAt;
        }

        @Override
        public String kind() {
            return "consent-renewed";
        }
    }

    record AssessmentCompleted(String assessmentId, String participantId, String programmeId, String instrumentId,
                               String instrumentVersion, int totalScore, ScoreRange scoreRange, String band,
                               Instant completedAt) implements JourneyEvent {
        public AssessmentCompleted {
            Objects.requireNonNull(assessmentId, "assessmentId");
            Objects.requireNonNull(instrumentId, "instrumentId");
            Objects.requireNonNull(band, "band");
            Objects.requireNonNull(completedAt, "completedAt");
        }

        @Override
        public Instant time() {
            return completedAt;
        }

        @Override
        public String kind() {
            return "assessment-completed";
        }
    }

    record RecommendationsIssued(String participantId, String basedOnAssessmentId, String instrumentId, String band,
                                 String steppedCareLevel, List<Recommended> recommendations, Instant issuedAt)
            implements JourneyEvent {
        public RecommendationsIssued {
            Objects.requireNonNull(issuedAt, "issuedAt");
            recommendations = List.copyOf(recommendations);
        }

        @Override
        public Instant time() {
            return issuedAt;
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

    record GoalSet(String goalId, String participantId, String interventionId, String scale, String setByRole,
                   Instant setAt) implements JourneyEvent {
        public GoalSet {
            Objects.requireNonNull(goalId, "goalId");
            Objects.requireNonNull(interventionId, "interventionId");
            Objects.requireNonNull(setAt, "setAt");
        }

        @Override
        public Instant time() {
            return setAt;
        }

        @Override
        public String kind() {
            return "goal-set";
        }
    }

    /**
     * A goal was rated 0–10, with its GBO outcome as goal-service computed it ({@code goal-progress-rated.v2}; the
     * v1 records of earlier versions carry none).
     *
     * @param changeFromFirst      this rating minus the goal's first; null on the first rating
     * @param changeClassification the change classified against goal-service's reliable change; null when not
     */
    record GoalProgressRated(String goalId, String participantId, int rating, String ratedByRole, Instant ratedAt,
                             Integer changeFromFirst, String changeClassification) implements JourneyEvent {
        public GoalProgressRated {
            Objects.requireNonNull(goalId, "goalId");
            Objects.requireNonNull(ratedAt, "ratedAt");
        }

        @Override
        public Instant time() {
            return ratedAt;
        }

        @Override
        public String kind() {
            return "goal-progress-rated";
        }
    }

    /** A goal was given a Goal Attainment Scaling scale: its weight and the level it starts at (−2 or −1). */
    record AttainmentScaleDefined(String goalId, String participantId, int weight, int baselineLevel,
                                  Instant definedAt) implements JourneyEvent {
        public AttainmentScaleDefined {
            Objects.requireNonNull(goalId, "goalId");
            Objects.requireNonNull(definedAt, "definedAt");
        }

        @Override
        public Instant time() {
            return definedAt;
        }

        @Override
        public String kind() {
            return "attainment-scale-defined";
        }
    }

    /**
     * A goal's attainment was rated on its GAS scale, −2 … +2, with the participant's GAS T-score after it as
     * goal-service computed it ({@code goal-attainment-rated.v2}; null in the v1 records of earlier versions).
     */
    record GoalAttainmentRated(String goalId, String participantId, int level, String ratedByRole, Instant ratedAt,
                               Double gasTScore) implements JourneyEvent {
        public GoalAttainmentRated {
            Objects.requireNonNull(goalId, "goalId");
            Objects.requireNonNull(ratedAt, "ratedAt");
        }

        @Override
        public Instant time() {
            return ratedAt;
        }

        @Override
        public String kind() {
            return "goal-attainment-rated";
        }
    }
    /** A goal was revised: a new version (its wording stays in goal-service). */
    record GoalRevised(String goalId, String participantId, int version, String revisedByRole, Instant revisedAt)
            implements JourneyEvent {
        public GoalRevised {
            Objects.requireNonNull(goalId, "goalId");
            Objects.requireNonNull(revisedAt, "revisedAt");
        }

        @Override
        public Instant time() {
            return revisedAt;
        }

        @Override
        public String kind() {
            return "goal-revised";
        }
    }

    /** A goal ended: {@code achieved} or {@code no-longer-relevant}. */
    record GoalClosed(String goalId, String participantId, String closure, String closedByRole, Instant closedAt)
            implements JourneyEvent {
        public GoalClosed {
            Objects.requireNonNull(goalId, "goalId");
            Objects.requireNonNull(closure, "closure");
            Objects.requireNonNull(closedAt, "closedAt");
        }

        @Override
        public Instant time() {
            return closedAt;
        }

        @Override
        public String kind() {
            return "goal-closed";
        }
    }

    /**
     * The care plan was adjusted (catalogue-service): it begins plan episode {@code episode}; {@code interventions}
     * are the plan's active interventions after it.
     */
    record PlanAdjusted(String adjustmentId, String participantId, int episode, String change, String reason,
                        String previousLevel, String level, String interventionId, String replacedInterventionId,
                        List<String> interventions, String adjustedBy, String adjustedByRole, Instant adjustedAt)
            implements JourneyEvent {
        public PlanAdjusted {
            Objects.requireNonNull(adjustmentId, "adjustmentId");
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(adjustedAt, "adjustedAt");
            interventions = interventions == null ? List.of() : List.copyOf(interventions);
        }

        @Override
        public Instant time() {
            return adjustedAt;
        }

        @Override
        public String kind() {
            return "plan-adjusted";
        }
    }

    /** A practitioner reviewed the care plan and continued it ({@code episode} null before any adjustment). */
    record PlanReviewed(String reviewId, String participantId, Integer episode, String decision, String reason,
                        String reviewedBy, String reviewedByRole, Instant reviewedAt) implements JourneyEvent {
        public PlanReviewed {
            Objects.requireNonNull(reviewId, "reviewId");
            Objects.requireNonNull(reviewedAt, "reviewedAt");
        }

        @Override
        public Instant time() {
            return reviewedAt;
        }

        @Override
        public String kind() {
            return "plan-reviewed";
        }
    }
}
