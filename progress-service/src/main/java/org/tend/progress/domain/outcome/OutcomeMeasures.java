package org.tend.progress.domain.outcome;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every outcome definition of one version of the outcome data: the instruments and the NHS Talking Therapies
 * convention.
 */
public record OutcomeMeasures(String version, Map<String, OutcomeMeasure> instruments,
                              TalkingTherapiesConvention talkingTherapies) {

    public OutcomeMeasures {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(talkingTherapies, "talkingTherapies");
        instruments = Collections.unmodifiableMap(new TreeMap<>(instruments));
    }

    public Optional<OutcomeMeasure> of(String instrumentId) {
        return Optional.ofNullable(instruments.get(instrumentId));
    }
}
