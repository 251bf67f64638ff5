package org.tend.assessment.domain.instrument;

import java.util.List;
import java.util.Optional;

/**
 * A named list of response options shared by several items (e.g. PHQ-9's "Not at all … Nearly every day").
 * Options keep the order in which they are shown.
 */
public record OptionSet(String id, List<ResponseOption> options) {

    public OptionSet {
        options = options == null ? List.of() : List.copyOf(options);
    }

    public boolean allows(int value) {
        return options.stream().anyMatch(o -> o.value() == value);
    }

    public Optional<ResponseOption> option(int value) {
        return options.stream().filter(o -> o.value() == value).findFirst();
    }

    public List<Integer> values() {
        return options.stream().map(ResponseOption::value).toList();
    }

    /** Lowest option value; the set must not be empty. */
    public int min() {
        return options.stream().mapToInt(ResponseOption::value).min().orElseThrow();
    }

    /** Highest option value; the set must not be empty. */
    public int max() {
        return options.stream().mapToInt(ResponseOption::value).max().orElseThrow();
    }
}
