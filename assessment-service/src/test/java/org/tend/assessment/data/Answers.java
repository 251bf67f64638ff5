package org.tend.assessment.data;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tend.assessment.domain.instrument.InstrumentDefinition;
import org.tend.assessment.domain.instrument.Item;
import org.tend.assessment.domain.instrument.OptionSet;

/** Answer sets for the shipped instruments, built from the definition so tests state only the score they need. */
final class Answers {

    private Answers() {}

    /**
     * Answers every scored item so that the raw score is exactly {@code raw}: items are filled in form order, each
     * contributing as much as is left. A reversed item gets the answer that yields its contribution.
     */
    static Map<String, Integer> forRawScore(InstrumentDefinition definition, int raw) {
        int remaining = raw - definition.rawRange().min();
        if (remaining < 0 || raw > definition.rawRange().max()) {
            throw new IllegalArgumentException(raw + " is outside " + definition + "'s range " + definition.rawRange());
        }
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (Item item : definition.scoredItems()) {
            OptionSet options = definition.optionsFor(item);
            int contribution = options.min() + Math.min(remaining, options.max() - options.min());
            remaining -= contribution - options.min();
            answers.put(item.id(), item.reversed() ? options.max() + options.min() - contribution : contribution);
        }
        return answers;
    }

    /** Every scored item answered with the same value. */
    static Map<String, Integer> allScored(InstrumentDefinition definition, int value) {
        Map<String, Integer> answers = new LinkedHashMap<>();
        definition.scoredItems().forEach(item -> answers.put(item.id(), value));
        return answers;
    }
}
