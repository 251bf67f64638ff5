package org.tend.insights.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * insights-service's own copy of the events it reads: only the fields the figures use, bound by the plumbing's typed
 * inbound edge after the record was checked against its published schema. Every event carries the time it happened
 * as its producer recorded it ({@link #time()}): figures are binned by that time, never by when insights received the
 * record, so that a rebuild from offset 0 gives the same figures.
 */
public sealed interface InsightEvent {

    /** When it happened. */
    Instant time();

    /** Whom the event is about: the participant's pseudonym, or null for a programme's or the catalogue's event. */
    default String participant() {
        if (this instanceof ParticipantEnrolled e) {
            return e.participantId();
        } else if (this instanceof ConsentWithdrawn e) {
            return e.participantId();
        } else if (this instanceof ConsentRenewed e) {
            return e.participantId();
        } else if (this instanceof ParticipantErased e) {
            return e.participantId();
        } else if (this instanceof AssessmentCompleted e) {
            return e.participantId();
        } else if (this instanceof GoalSet e) {
            return e.participantId();
        } else if (this instanceof GoalProgressRated e) {
            return e.participantId();
        } else if (this instanceof RecommendationsIssued e) {
            return e.participantId();
        } else if (this instanceof OutcomeAssessed e) {
            return e.participantId();
        }
        return null;
    }

    /** A programme and its minimum group size k ({@code tend.assessment.programme-created.v1}). */
    record ProgrammeCreated(String programmeId, String organisationId, int minimumGroupSize, Instant createdAt)
            implements InsightEvent {
        public ProgrammeCreated {
            Objects.requireNonNull(programmeId, "programmeId");
            Objects.requireNonNull(organisationId, "organisationId");
            Objects.requireNonNull(createdAt, "createdAt");
        }

        @Override
        public Instant time() {
            return createdAt;
        }
    }

    /** A participant joined a programme, in a department (the cohort) if the enrolment named one. */
    record ParticipantEnrolled(String participantId, String programmeId, Cohort cohort, Instant enrolledAt)
            implements InsightEvent {
        public ParticipantEnrolled {
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(programmeId, "programmeId");
            Objects.requireNonNull(enrolledAt, "enrolledAt");
        }

        /** The department, or empty text when the enrolment named none. */
        public String department() {
            return cohort == null || cohort.department() == null ? "" : cohort.department();
        }

        @Override
        public Instant time() {
            return enrolledAt;
        }
    }

    /** A participant withdrew consent: from the next period on the figures leave them out. */
    record ConsentWithdrawn(String participantId, String programmeId, Instant withdrawnAt) implements InsightEvent {
        public ConsentWithdrawn {
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(withdrawnAt, "withdrawnAt");
        }

        @Override
        public Instant time() {
            return withdrawnAt;
        }
    }

    /** A participant who had withdrawn consented again: the figures count them again from the next period on. */
    record ConsentRenewed(String participantId, String programmeId, Instant renewedAt) implements InsightEvent {
        public ConsentRenewed {
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(renewedAt, "renewedAt");
        }

        @Override
        public Instant time() {
            return renewedAt;
        }
    }

    /**
     * A participant was erased ({@code tend.assessment.participant-erased.v1}): insights forgets everything it kept
     * about them. Figures already released are kept as they were; periods that close afterwards leave them out.
     */
    record ParticipantErased(String participantId, String programmeId, String erasureId, Instant erasedAt)
            implements InsightEvent {
        public ParticipantErased {
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(erasedAt, "erasedAt");
        }

        @Override
        public Instant time() {
            return erasedAt;
        }
    }

    /** The cohort of an enrolment. */
    record Cohort(String department) {
    }

    /** A completed questionnaire with its total score and band as assessment-service computed them. */
    record AssessmentCompleted(String assessmentId, String participantId, String programmeId, String instrumentId,
                               int totalScore, ScoreRange scoreRange, String band, Instant completedAt)
            implements InsightEvent {
        public AssessmentCompleted {
            Objects.requireNonNull(assessmentId, "assessmentId");
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(programmeId, "programmeId");
            Objects.requireNonNull(instrumentId, "instrumentId");
            Objects.requireNonNull(completedAt, "completedAt");
        }

        @Override
        public Instant time() {
            return completedAt;
        }
    }

    /** The range of a published score. */
    record ScoreRange(int min, int max) {
    }

    /** A goal linked to the catalogue intervention the participant chose. */
    record GoalSet(String goalId, String participantId, String interventionId, Instant setAt) implements InsightEvent {
        public GoalSet {
            Objects.requireNonNull(goalId, "goalId");
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(interventionId, "interventionId");
            Objects.requireNonNull(setAt, "setAt");
        }

        @Override
        public Instant time() {
            return setAt;
        }
    }

    /**
     * A 0–10 goal-based outcome rating. {@code changeFromFirst} is the GBO change goal-service computed (v2 records);
     * null on a goal's first rating and on v1 records, which carry none.
     */
    record GoalProgressRated(String goalId, String participantId, Instant ratedAt, Integer changeFromFirst)
            implements InsightEvent {
        public GoalProgressRated {
            Objects.requireNonNull(goalId, "goalId");
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(ratedAt, "ratedAt");
        }

        @Override
        public Instant time() {
            return ratedAt;
        }
    }

    /** The interventions catalogue-service recommended after an assessment. */
    record RecommendationsIssued(String participantId, String basedOnAssessmentId, List<Recommended> recommendations,
                                 Instant issuedAt) implements InsightEvent {
        public RecommendationsIssued {
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(issuedAt, "issuedAt");
            recommendations = recommendations == null ? List.of() : List.copyOf(recommendations);
        }

        @Override
        public Instant time() {
            return issuedAt;
        }
    }

    /** One recommended intervention. */
    record Recommended(String interventionId) {
    }

    /** A catalogue entry: the intervention's name and approach, for labels. */
    record InterventionPublished(String interventionId, String name, String approach, Instant publishedAt)
            implements InsightEvent {
        public InterventionPublished {
            Objects.requireNonNull(interventionId, "interventionId");
            Objects.requireNonNull(publishedAt, "publishedAt");
        }

        @Override
        public Instant time() {
            return publishedAt;
        }
    }

    /**
     * A participant's outcome classes after an assessment, as progress-service computed them
     * ({@code tend.progress.outcome-assessed.v1}); they hold from {@code assessedAt} until the next one.
     */
    record OutcomeAssessed(String participantId, String programmeId, String basedOnAssessmentId, Instant assessedAt,
                           List<MeasureOutcome> measures, TalkingTherapies talkingTherapies) implements InsightEvent {
        public OutcomeAssessed {
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(programmeId, "programmeId");
            Objects.requireNonNull(basedOnAssessmentId, "basedOnAssessmentId");
            Objects.requireNonNull(assessedAt, "assessedAt");
            measures = measures == null ? List.of() : List.copyOf(measures);
        }

        @Override
        public Instant time() {
            return assessedAt;
        }
    }

    /** The change on one instrument, classified by progress-service. */
    record MeasureOutcome(String instrumentId, int measureCount, String classification) {
    }

    /** The NHS Talking Therapies outcome (recovery and reliable recovery: met, not-met or not-applicable). */
    record TalkingTherapies(boolean caseAtFirst, boolean reliableImprovement, boolean reliableDeterioration,
                            String recovery, String reliableRecovery) {
    }
}
