package org.tend.progress.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.tend.progress.domain.review.FlagResolutions;
import org.tend.progress.domain.review.ReviewFlag;

/**
 * A participant's journey as the participant and their practitioners see it: enrolment, every assessment per
 * instrument (first, latest, the change between them and what it means), the NHS Talking Therapies outcome, the
 * latest recommendations, the goals with their ratings and attainment, the GAS T-score, whether the plans need
 * review, and one page of its events, newest first. Built by {@link Journeys#build}; ids are pseudonymous,
 * intervention names come from the catalogue. Every figure is computed over the whole journey, whichever page of the
 * timeline is shown; the lists of results and ratings hold at most the newest {@link Journeys#HISTORY_LIMIT} each
 * (the timeline pages through every event).
 *
 * @param consent   whether the participant's consent stands; while it is withdrawn no plan is flagged for review
 *                  (they are not in care) and no new data about them arrives
 * @param gasTScore the Goal Attainment Scaling T-score after the latest attainment rating, as goal-service computed it
 *                  (over the goals with a scale and at least one attainment rating, each at its latest level); null
 *                  when there is none
 * @param talkingTherapies null when neither PHQ-9 nor GAD-7 was measured
 * @param timeline         the page of events asked for, newest first
 * @param timelinePage     where that page lies in the whole timeline
 */
public record Journey(String participantId, String programmeId, Instant enrolledAt, Cohort cohort, Consent consent,
                      List<InstrumentHistory> assessments, TalkingTherapies talkingTherapies,
                      LatestRecommendations recommendations, CarePlan plan, List<GoalProgress> goals,
                      Double gasTScore, Review review, List<ReassessmentSchedule.Due> due,
                      List<TimelineEntry> timeline, TimelinePage timelinePage) {

    /**
     * The journey as the participant reads it: the same, but flags' resolutions name the role that resolved them, not
     * the practitioner's pseudonym.
     */
    public Journey forParticipant() {
        Review own = new Review(review.needsReview(), review.flags(), review.reviewPeriod(), review.overdue(),
                review.resolved().stream().map(FlagResolutions.ResolvedFlag::withoutWho).toList());
        return new Journey(participantId, programmeId, enrolledAt, cohort, consent, assessments, talkingTherapies,
                recommendations, plan, goals, gasTScore, own, due, timeline, timelinePage);
    }

    /**
     * The care plan as its adjustments made it: the level and episode now, each intervention with its start and end,
     * and each episode with the measures taken in it, so "what changed, when, and did it help" reads off it. Null
     * before the plan's first adjustment.
     */
    public record CarePlan(String level, int episode, List<PlanIntervention> interventions, List<Episode> episodes) {
    }

    /** @param status {@code active} or {@code ended} */
    public record PlanIntervention(String interventionId, String interventionName, Instant startedAt, Instant endedAt,
                                   String status) {
    }

    /**
     * One plan episode: begun by an adjustment ({@code change}, {@code reason}), at {@code level} with
     * {@code interventions}, until the next one ({@code endedAt} null for the current one).
     */
    public record Episode(int number, Instant startedAt, Instant endedAt, String change, String reason, String level,
                          List<String> interventions, List<EpisodeOutcome> outcomes) {
    }

    /**
     * One instrument over an episode: from its baseline (the last measure at or before the episode began, else its
     * first in the episode) to its latest measure in the episode, classified as the instrument's journey change is.
     * {@code measures} counts the baseline and the measures after it in the episode; {@code latest}, {@code change}
     * and {@code classification} are null until a measure follows the baseline.
     */
    public record EpisodeOutcome(String instrumentId, int baseline, Instant baselineAt, Integer latest,
                                 Instant latestAt, int measures, Integer change, String classification) {
    }

    /**
     * @param status      {@code given} or {@code withdrawn}
     * @param withdrawnAt when the standing withdrawal was made; absent while consent is given
     */
    public record Consent(String status, Instant withdrawnAt) {
        public static final Consent GIVEN = new Consent("given", null);
    }

    /** The coarse cohort code chosen at enrolment (absent when none was chosen). */
    public record Cohort(String department) {
    }

    /**
     * Every completed assessment of one instrument in time order, the first and latest of them, and the change
     * between them classified by the instrument's method in the outcome data.
     *
     * @param direction      lower-is-better or higher-is-better (null for an instrument the outcome data lacks)
     * @param change         latest − first total score
     * @param classification reliable-improvement | no-reliable-change | reliable-deterioration | not-classified
     * @param rci            the Jacobson–Truax reliable change index (two decimals), only when that method decided
     * @param method         nhs-talking-therapies | jacobson-truax | fixed-threshold | not-classified | none
     * @param rule           the method and threshold that decided, or why the change is not classified
     */
    public record InstrumentHistory(String instrumentId, List<AssessmentResult> results, AssessmentResult first,
                                    AssessmentResult latest, String direction, int change, String classification,
                                    Double rci, String method, String rule) {
    }

    public record AssessmentResult(String assessmentId, Instant time, int totalScore, String band,
                                   String instrumentVersion, ScoreRange scoreRange) {
    }

    public record ScoreRange(int min, int max) {
    }

    /**
     * NHS Talking Therapies outcome over the first and latest PHQ-9 and GAD-7.
     *
     * @param recovery         met | not-met | not-applicable (not a case at the first measure)
     * @param reliableRecovery met (recovery and reliable improvement) | not-met | not-applicable
     */
    public record TalkingTherapies(List<TalkingTherapiesMeasure> measures, boolean caseAtFirst,
                                   boolean reliableImprovement, boolean reliableDeterioration, String recovery,
                                   String reliableRecovery, boolean deteriorationExclusion) {
    }

    /** One measure's part of the Talking Therapies outcome. */
    public record TalkingTherapiesMeasure(String instrumentId, String role, int first, int latest, int change,
                                          int casenessAtOrAbove, boolean caseAtFirst, boolean caseAtLatest,
                                          int reliableChange, String classification) {
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
     * A goal and its ratings in time order. {@code changeFromFirst} is the Goal-Based Outcome as goal-service computed
     * it with the latest rating: that rating minus the first (null until a second rating); {@code
     * changeClassification} classifies it only when goal-service's data sets a GBO reliable change. A goal whose ratings arrived before the goal itself has no
     * intervention yet. {@code attainment} is its Goal Attainment Scaling, if any. {@code status} is {@code active},
     * {@code achieved} or {@code no-longer-relevant} ({@code closedAt} when it ended); {@code version} counts its
     * revisions (1 as set).
     */
    public record GoalProgress(String goalId, String interventionId, String interventionName, Instant setAt,
                               String status, int version, Instant closedAt,
                               List<Rating> ratings, Integer latestRating, Integer changeFromFirst,
                               String changeClassification, Attainment attainment) {
    }

    public record Rating(int rating, Instant time) {
    }

    /**
     * A goal's GAS scale and attainment ratings (−2 … +2) in time order. Weight and baseline are null while only
     * ratings have arrived (the scale's record is on its way).
     */
    public record Attainment(Integer weight, Integer baselineLevel, Instant definedAt,
                             List<AttainmentRating> ratings, Integer latestLevel) {
    }

    public record AttainmentRating(int level, Instant time) {
    }

    /**
     * Whether the plan needs review: every open flag with the rule that raised it and when it is overdue, whether any
     * is ({@code overdue}), the programme's review period, and the flags an adjustment or review has resolved, with
     * who resolved them, how and until when.
     */
    public record Review(boolean needsReview, List<ReviewFlag> flags, String reviewPeriod, boolean overdue,
                         List<FlagResolutions.ResolvedFlag> resolved) {

        /** Flags as the rules raise them, none resolved (the default review period). */
        public Review(boolean needsReview, List<ReviewFlag> flags) {
            this(needsReview, flags, CareSettings.DEFAULT.reviewPeriod().toString(), false, List.of());
        }
    }

    /** One event of the journey: when, what kind, and the few fields that summarise it. */
    public record TimelineEntry(Instant time, String kind, Map<String, Object> details) {
    }

    /**
     * @param limit the most entries a page holds
     * @param total how many events the whole timeline has
     * @param next  the cursor to send as {@code before} for the next, older page; null when this page is the last
     */
    public record TimelinePage(int limit, int total, String next) {
    }
}
