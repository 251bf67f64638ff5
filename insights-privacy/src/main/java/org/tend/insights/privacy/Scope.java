package org.tend.insights.privacy;

import java.util.Comparator;
import java.util.Objects;

/**
 * Whom a figure covers: the whole programme, or one cohort (a department). A cohort's members in a period are the
 * participants whose department is that cohort at the end of the period, so the cohorts of one period partition the
 * programme's participants of that period.
 */
public record Scope(Level level, String cohort) implements Comparable<Scope> {

    public enum Level { PROGRAMME, COHORT }

    private static final Scope PROGRAMME = new Scope(Level.PROGRAMME, "");

    /** The programme first, then cohorts by name: the order in which ties are released. */
    private static final Comparator<Scope> ORDER = Comparator.comparing(Scope::level).thenComparing(Scope::cohort);

    public Scope {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(cohort, "cohort");
        if ((level == Level.PROGRAMME) != cohort.isEmpty()) {
            throw new IllegalArgumentException("a cohort scope names its cohort, the programme scope names none");
        }
    }

    public static Scope programme() {
        return PROGRAMME;
    }

    public static Scope cohort(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a cohort has a name");
        }
        return new Scope(Level.COHORT, name);
    }

    public boolean isProgramme() {
        return level == Level.PROGRAMME;
    }

    @Override
    public int compareTo(Scope other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return isProgramme() ? "programme" : "cohort:" + cohort;
    }
}
