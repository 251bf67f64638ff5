package org.tend.progress.domain.outcome;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every outcome definition of one version of the outcome data: the instruments, the NHS Talking Therapies
 * convention, GAS's ρ and the (optional) GBO reliable change.
 *
 * @param gboReliableChange null unless the data sets one (the 2.45 in the reference is unverified)
 */
public record OutcomeMeasures(String version, Map<String, OutcomeMeasure> instruments,
                              TalkingTherapiesConvention talkingTherapies, double gasRho, Double gboReliableChange) {

    public OutcomeMeasures {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(talkingTherapies, "talkingTherapies");
        instruments = Collections.unmodifiableMap(new TreeMap<>(instruments));
        if (!(gasRho >= 0 && gasRho <= 1)) {
            throw new IllegalArgumentException("the GAS rho is a correlation from 0 to 1");
        }
    }

    public Optional<OutcomeMeasure> of(String instrumentId) {
        return Optional.ofNullable(instruments.get(instrumentId));
    }
}
