package org.tend.insights.privacy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the API may show of one figure.
 *
 * <ul>
 *   <li>{@code count}: how many participants (every kind; a rate's denominator, a distribution's total);</li>
 *   <li>{@code sum}: a {@link Observation.Kind#SUM} figure's sum (its mean is sum/count when both are released);
 *       empty for the other kinds;</li>
 *   <li>{@code cells}: a distribution's categories in order, or a rate's {@link Observation.Rate#MET} and
 *       {@link Observation.Rate#NOT_MET}; empty for the other kinds.</li>
 * </ul>
 */
public record FigureRelease(FigureKey key, Observation.Kind kind, Disclosure count, Optional<Disclosure> sum,
                            Map<String, Disclosure> cells) {

    public FigureRelease {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(count, "count");
        Objects.requireNonNull(sum, "sum");
        cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
    }

    /** Whether HR sees anything of this figure. */
    public boolean anyReleased() {
        return count.isReleased() || sum.map(Disclosure::isReleased).orElse(false)
                || cells.values().stream().anyMatch(Disclosure::isReleased);
    }

    /** This figure with every released value withheld for the given rule (values already withheld keep their rule). */
    public FigureRelease withheldFor(Rule rule) {
        Map<String, Disclosure> withheldCells = new LinkedHashMap<>();
        cells.forEach((category, cell) -> withheldCells.put(category, withhold(cell, rule)));
        return new FigureRelease(key, kind, withhold(count, rule), sum.map(s -> withhold(s, rule)), withheldCells);
    }

    private static Disclosure withhold(Disclosure value, Rule rule) {
        return value.isReleased() ? Disclosure.withheld(rule) : value;
    }
}
