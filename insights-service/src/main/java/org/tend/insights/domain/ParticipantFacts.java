package org.tend.insights.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What one participant did in one programme, as the figures need it: their enrolment (with the cohort), the
 * assessments they completed in the programme, the goals they set and rated, the recommendations they were given and
 * progress-service's outcome classes, each list in time order. Goals and recommendations carry no programme on their
 * events: a goal counts in every programme the participant is enrolled in; a recommendation in the programme of the
 * assessment it is based on (every programme of the participant when that assessment is unknown).
 * {@code consentChanges} are their withdrawals and renewals of consent, in time order.
 */
public record ParticipantFacts(InsightEvent.ParticipantEnrolled enrolment,
                               List<InsightEvent.AssessmentCompleted> assessments,
                               List<InsightEvent.GoalSet> goals,
                               List<InsightEvent.GoalProgressRated> ratings,
                               List<InsightEvent.RecommendationsIssued> recommendations,
                               List<InsightEvent.OutcomeAssessed> outcomes,
                               List<InsightEvent> consentChanges) {

    public ParticipantFacts(InsightEvent.ParticipantEnrolled enrolment,
                            List<InsightEvent.AssessmentCompleted> assessments, List<InsightEvent.GoalSet> goals,
                            List<InsightEvent.GoalProgressRated> ratings,
                            List<InsightEvent.RecommendationsIssued> recommendations,
                            List<InsightEvent.OutcomeAssessed> outcomes) {
        this(enrolment, assessments, goals, ratings, recommendations, outcomes, List.of());
    }

    public ParticipantFacts {
        Objects.requireNonNull(enrolment, "enrolment");
        assessments = sorted(assessments);
        goals = sorted(goals);
        ratings = sorted(ratings);
        recommendations = sorted(recommendations);
        outcomes = sorted(outcomes);
        consentChanges = sorted(consentChanges);
    }

    /**
     * Whether the participant's consent stood withdrawn at the instant: the latest withdrawal or renewal before it
     * decides. A period leaves out everyone whose consent stood withdrawn when it began, so a withdrawal changes the
     * figures from the next period on and never a period already under way or closed.
     */
    public boolean withdrawnAt(java.time.Instant instant) {
        boolean withdrawn = false;
        for (InsightEvent change : consentChanges) {
            if (!change.time().isBefore(instant)) {
                break;
            }
            withdrawn = change instanceof InsightEvent.ConsentWithdrawn;
        }
        return withdrawn;
    }

    public String participantId() {
        return enrolment.participantId();
    }

    /** Time order; ties by the record's text, so that the same facts always give the same figures. */
    private static <T extends InsightEvent> List<T> sorted(List<T> events) {
        return events == null ? List.of() : events.stream()
                .sorted(Comparator.comparing(InsightEvent::time).thenComparing(Object::toString)).toList();
    }
}
