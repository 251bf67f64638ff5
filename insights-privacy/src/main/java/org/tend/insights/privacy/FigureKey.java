package org.tend.insights.privacy;

import java.util.Comparator;
import java.util.Objects;

/**
 * One figure of a measure: a scope and a period. The natural order is the release order: a figure is "later" than
 * another when its period ends later, or ends together but starts later (a month after its quarter, a quarter after
 * the to-date figure), or covers the same period in a narrower scope (a cohort after the programme).
 */
public record FigureKey(Scope scope, Period period) implements Comparable<FigureKey> {

    private static final Comparator<FigureKey> ORDER = Comparator.comparing(FigureKey::period)
            .thenComparing(FigureKey::scope);

    public FigureKey {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(period, "period");
    }

    public static FigureKey of(Scope scope, Period period) {
        return new FigureKey(scope, period);
    }

    @Override
    public int compareTo(FigureKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return scope + "/" + period;
    }
}
