package org.tend.insights.privacy;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every figure the API can return for one measure of one programme (every scope × every closed period, to-date
 * included), with its true observation, and the additive relations among them. This is the whole input of a plan: the
 * decision depends on nothing else, so the same data always gets the same plan whatever was asked before.
 *
 * <p>Relations are candidates: "this figure is the sum of those". The planner uses each for every value where it
 * holds in the data (the counts add up, the sums add up, a category's cells add up), since an attacker can subtract
 * wherever it holds. {@link Builder#build()} adds the standard ones of the lattice itself:
 * <ul>
 *   <li>for every period, the programme is the sum of its cohorts;</li>
 *   <li>for every scope, a quarter is the sum of its three months (it holds for flows: enrolments, events);</li>
 *   <li>for every scope, to-date at a month is to-date at the month before plus the month (it holds for flows too).</li>
 * </ul>
 * To-date figures of stocks (participants active) are cumulative, not additive: no relation holds and the
 * differencing rule covers them.
 */
public final class MeasureLattice {

    /** One candidate relation: {@code total} is the sum of {@code parts}. */
    public record Relation(FigureKey total, List<FigureKey> parts) {
        public Relation {
            Objects.requireNonNull(total, "total");
            parts = List.copyOf(parts);
            if (parts.size() < 2) {
                throw new IllegalArgumentException("a relation adds up at least two parts");
            }
            if (parts.contains(total) || new LinkedHashSet<>(parts).size() != parts.size()) {
                throw new IllegalArgumentException("a relation's figures are distinct");
            }
        }
    }

    private final String programme;
    private final String measure;
    private final Observation.Kind kind;
    private final NavigableMap<FigureKey, Observation> figures;
    private final List<Relation> relations;

    private MeasureLattice(Builder b) {
        this.programme = b.programme;
        this.measure = b.measure;
        this.kind = b.kind;
        this.figures = Collections.unmodifiableNavigableMap(new TreeMap<>(b.figures));
        this.relations = List.copyOf(b.relations);
    }

    public static Builder builder(String programme, String measure, Observation.Kind kind) {
        return new Builder(programme, measure, kind);
    }

    public String programme() {
        return programme;
    }

    public String measure() {
        return measure;
    }

    public Observation.Kind kind() {
        return kind;
    }

    /** The figures in release order. */
    public NavigableMap<FigureKey, Observation> figures() {
        return figures;
    }

    public List<Relation> relations() {
        return relations;
    }

    public static final class Builder {
        private final String programme;
        private final String measure;
        private final Observation.Kind kind;
        private final Map<FigureKey, Observation> figures = new TreeMap<>();
        private final Set<Relation> relations = new LinkedHashSet<>();

        private Builder(String programme, String measure, Observation.Kind kind) {
            this.programme = Objects.requireNonNull(programme, "programme");
            this.measure = Objects.requireNonNull(measure, "measure");
            this.kind = Objects.requireNonNull(kind, "kind");
        }

        public Builder figure(Scope scope, Period period, Observation observation) {
            return figure(FigureKey.of(scope, period), observation);
        }

        public Builder figure(FigureKey key, Observation observation) {
            Objects.requireNonNull(observation, "observation");
            if (observation.kind() != kind) {
                throw new IllegalArgumentException(measure + " is a " + kind + " measure, not " + observation.kind());
            }
            if (figures.putIfAbsent(key, observation) != null) {
                throw new IllegalArgumentException("figure " + key + " given twice");
            }
            return this;
        }

        /** A further relation among figures of the lattice, beside the standard ones. */
        public Builder relation(FigureKey total, List<FigureKey> parts) {
            relations.add(new Relation(total, parts));
            return this;
        }

        public MeasureLattice build() {
            for (Relation r : relations) {
                for (FigureKey key : concat(r.total(), r.parts())) {
                    if (!figures.containsKey(key)) {
                        throw new IllegalArgumentException("relation names " + key + ", which is not a figure");
                    }
                }
            }
            checkCategories();
            addStandardRelations();
            return new MeasureLattice(this);
        }

        private void checkCategories() {
            if (kind != Observation.Kind.DISTRIBUTION) {
                return;
            }
            Set<Set<String>> categorySets = figures.values().stream()
                    .map(o -> ((Observation.Distribution) o).cells().keySet())
                    .collect(Collectors.toSet());
            if (categorySets.size() > 1) {
                throw new IllegalArgumentException("every figure of " + measure + " lists the same categories");
            }
        }

        private void addStandardRelations() {
            Map<Period, List<FigureKey>> byPeriod = new TreeMap<>();
            Map<Scope, Map<Period, FigureKey>> byScope = new TreeMap<>();
            for (FigureKey key : figures.keySet()) {
                byPeriod.computeIfAbsent(key.period(), p -> new ArrayList<>()).add(key);
                byScope.computeIfAbsent(key.scope(), s -> new TreeMap<>()).put(key.period(), key);
            }
            List<Relation> standard = new ArrayList<>();
            byPeriod.forEach((period, keys) -> {
                FigureKey programmeFigure = FigureKey.of(Scope.programme(), period);
                List<FigureKey> cohorts = keys.stream().filter(k -> !k.scope().isProgramme()).toList();
                if (figures.containsKey(programmeFigure) && cohorts.size() >= 2) {
                    standard.add(new Relation(programmeFigure, cohorts));
                }
            });
            byScope.forEach((scope, periods) -> periods.forEach((period, key) -> {
                if (period.kind() == Period.Kind.QUARTER) {
                    List<FigureKey> months = new ArrayList<>();
                    for (YearMonth m = period.first(); !m.isAfter(period.last()); m = m.plusMonths(1)) {
                        FigureKey month = periods.get(Period.month(m));
                        if (month != null) {
                            months.add(month);
                        }
                    }
                    if (months.size() == 3) {
                        standard.add(new Relation(key, months));
                    }
                } else if (period.kind() == Period.Kind.TO_DATE) {
                    FigureKey before = periods.get(Period.toDate(period.last().minusMonths(1)));
                    FigureKey month = periods.get(Period.month(period.last()));
                    if (before != null && month != null) {
                        standard.add(new Relation(key, List.of(before, month)));
                    }
                }
            }));
            relations.addAll(standard);
        }

        private static List<FigureKey> concat(FigureKey first, List<FigureKey> rest) {
            List<FigureKey> all = new ArrayList<>(rest.size() + 1);
            all.add(first);
            all.addAll(rest);
            return all;
        }
    }
}
