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
 * @param since              from when the rule has held
 */
public record ReviewFlag(String ruleId, String kind, String instrumentId, String planInterventionId, String goalId,
                         String reason, Instant since) {
}
