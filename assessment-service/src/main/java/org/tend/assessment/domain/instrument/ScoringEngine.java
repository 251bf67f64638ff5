package org.tend.assessment.domain.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Scores a set of answers against one instrument definition. A pure function: no state, no I/O.
 *
 * <p>Rules: every scored item must be answered; an unscored item is optional unless its definition sets
 * {@code requiredWhenTotalAbove} and the raw score is above it; each answer must be one of the item's option values;
 * answers to unknown items are rejected. Missing items are never imputed or prorated (docs/clinical-basis.md §2.2:
 * prorating is unconfirmed, and PHQ-9 item 9 must never be guessed). All violations are reported together.
 */
public final class ScoringEngine {

    private ScoringEngine() {}

    /**
     * Refuses, in one violation naming {@code answers}, more answers than the instrument has items: some of them
     * cannot be its items, and a set that large is not looked at answer by answer (nor echoed back one key each).
     *
     * @throws InvalidAnswersException with the rule {@link AnswerViolation#TOO_MANY_ANSWERS}
     */
    public static void requireAtMostOneAnswerPerItem(InstrumentDefinition definition, Map<String, ?> answers) {
        int items = definition.items().size();
        if (answers.size() > items) {
            throw new InvalidAnswersException(definition, List.of(new AnswerViolation(null,
                    AnswerViolation.TOO_MANY_ANSWERS, definition.id() + " " + definition.version() + " has " + items
                    + " items; " + answers.size() + " answers were given")));
        }
    }

    /**
     * @param definition a definition that passed {@link DefinitionValidator}
     * @param answers answer value by item id; a {@code null} value counts as unanswered
     * @throws InvalidAnswersException when the answers break any rule above
     */
    public static ScoredResult score(InstrumentDefinition definition, Map<String, Integer> answers) {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(answers, "answers");
        requireAtMostOneAnswerPerItem(definition, answers);

        List<AnswerViolation> violations = new ArrayList<>();
        for (Item item : definition.items()) {
            Integer answer = answers.get(item.id());
            OptionSet options = definition.optionsFor(item);
            if (answer == null) {
                if (item.scored()) {
                    violations.add(new AnswerViolation(item.id(), AnswerViolation.REQUIRED,
                            "item " + item.number() + " must be answered; missing answers are never imputed"));
                }
            } else if (!options.allows(answer)) {
                violations.add(new AnswerViolation(item.id(), AnswerViolation.NOT_AN_OPTION,
                        answer + " is not one of the item's answer values " + options.values()));
            }
        }
        TreeSet<String> unknown = answers.keySet().stream()
                .filter(key -> key == null || definition.item(key).isEmpty())
                .map(String::valueOf)
                .collect(Collectors.toCollection(TreeSet::new));
        for (String itemId : unknown) {
            violations.add(new AnswerViolation(itemId, AnswerViolation.UNKNOWN_ITEM,
                    definition.id() + " " + definition.version() + " has no item " + itemId));
        }
        if (!violations.isEmpty()) {
            throw new InvalidAnswersException(definition, violations);
        }

        int raw = 0;
        for (Item item : definition.scoredItems()) {
            raw += contribution(definition, item, answers.get(item.id()));
        }

        for (Item item : definition.items()) {
            Integer threshold = item.requiredWhenTotalAbove();
            if (!item.scored() && threshold != null && raw > threshold && answers.get(item.id()) == null) {
                violations.add(new AnswerViolation(item.id(), AnswerViolation.REQUIRED,
                        "item " + item.number() + " must be answered when the total is above " + threshold));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidAnswersException(definition, violations);
        }

        Integer scaled = definition.scoring().hasScaledScore() ? raw * definition.scoring().multiplier() : null;
        int bandedScore = definition.bandBasis() == ScoreBasis.SCALED ? scaled : raw;
        Band band = definition.bandFor(bandedScore)
                .orElseThrow(() -> new IllegalStateException(
                        definition + " has no band for score " + bandedScore + "; was it validated?"));

        List<CriticalItemRule> triggered = definition.criticalItems().stream()
                .filter(rule -> {
                    Integer answer = answers.get(rule.itemId());
                    return answer != null && rule.firesOn(answer);
                })
                .toList();

        ScreeningRule screening = definition.screensFor();
        boolean positive = screening != null && screening.isPositive(band);
        return new ScoredResult(definition.id(), definition.version(), raw, scaled, band, triggered, positive,
                positive ? screening.instrumentId() : null);
    }

    /**
     * What one answer adds to the raw score: the answer itself, or (max + min) − answer for a reversed item
     * (PSS-10: 4 − x). Unscored items contribute nothing.
     */
    public static int contribution(InstrumentDefinition definition, Item item, int answer) {
        if (!item.scored()) {
            return 0;
        }
        if (!item.reversed()) {
            return answer;
        }
        OptionSet options = definition.optionsFor(item);
        return options.max() + options.min() - answer;
    }
}
