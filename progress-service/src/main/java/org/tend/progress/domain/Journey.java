package org.tend.progress.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A participant's journey as the participant and their practitioners see it: enrolment, every assessment per
 * instrument (first and latest), the latest recommendations, the goals with their ratings, and every event in time
 * order. Built by {@link Journeys#build}; ids are pseudonymous, intervention names come from the catalogue.
 */
public record Journey(String participantId, String programmeId, Instant enrolledAt, Cohort cohort,
                      List<InstrumentHistory> assessments, LatestRecommendations recommendations,
                      List<GoalProgress> goals, List<TimelineEntry> timeline) {

    /** The coarse cohort code chosen at enrolment (absent when none was chosen). */
    public record Cohort(String department) {
    }

    /** Every completed assessment of one instrument in time order, and the first and latest of them. */
    public record InstrumentHistory(String instrumentId, List<AssessmentResult> results, AssessmentResult first,
                                    AssessmentResult latest) {
    }

    public record AssessmentResult(String assessmentId, Instant time, int totalScore, String band,
                                   String instrumentVersion, ScoreRange scoreRange) {
    }

    public record ScoreRange(int min, int max) {
    }

    /** The most recent recommendation set, each intervention named from the catalogue where it is known. */
    public record LatestRecommendations(Instant issuedAt, String basedOnAssessmentId, String instrumentId,
                                        String band, String steppedCareLevel,
                                        List<RecommendedIntervention> interventions) {
    }

    public record RecommendedIntervention(String interventionId, String interventionName, int rank,
                                          String reasonCode) {
    }

    /**
     * A goal and its ratings in time order. {@code changeFromFirst} is the latest rating minus the first (null
     * before the first rating). A goal whose ratings arrived before the goal itself has no intervention yet.
     */
    public record GoalProgress(String goalId, String interventionId, String interventionName, Instant setAt,
                               List<Rating> ratings, Integer latestRating, Integer changeFromFirst) {
    }

    public record Rating(int rating, Instant time) {
    }

    /** One event of the journey: when, what kind, and the few fields that summarise it. */
    public record TimelineEntry(Instant time, String kind, Map<String, Object> details) {
    }
}
