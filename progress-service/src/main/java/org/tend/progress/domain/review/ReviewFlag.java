package org.tend.progress.domain.review;

import java.time.Instant;

/**
 * A plan (or a participant) that needs review, and why.
 *
 * @param ruleId             the rule that raised it
 * @param kind               the rule's kind
 * @param instrumentId       the instrument the rule judged (null for no-check-in)
 * @param planInterventionId the plan's intervention, when the rule is about a plan
 * @param goalId             the goal that started the plan, when the rule is about a plan
 * @param reason             a sentence naming the numbers
 * @param since              from when the flag has been open: when the rule began to hold, or when the review
 *                           that last resolved it stopped holding
 * @param overdueAt          when it is overdue unless resolved (the programme's review period after {@code since});
 *                           null on a flag as a rule raises it
 * @param overdue            whether that time has passed
 */
public record ReviewFlag(String ruleId, String kind, String instrumentId, String planInterventionId, String goalId,
                         String reason, Instant since, Instant overdueAt, boolean overdue) {

    /** A flag as a rule raises it, before the programme's review period is applied. */
    public ReviewFlag(String ruleId, String kind, String instrumentId, String planInterventionId, String goalId,
                      String reason, Instant since) {
        this(ruleId, kind, instrumentId, planInterventionId, goalId, reason, since, null, false);
    }

    /** The flag open since {@code openSince}, overdue once the review period has passed from then. */
    public ReviewFlag open(Instant openSince, java.time.Period reviewPeriod, Instant now) {
        Instant due = openSince.plus(java.time.Duration.ofDays(reviewPeriod.getDays()));
        return new ReviewFlag(ruleId, kind, instrumentId, planInterventionId, goalId, reason, openSince, due,
                !now.isBefore(due));
    }
}
