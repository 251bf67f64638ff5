package org.tend.insights.privacy;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An HR user who has every answer the API gave them and knows who belongs to every scope in every period (the worst
 * case of "knows some members' departments and enrolment dates"), but not anyone's answers. It looks for any group of
 * 1 to k−1 participants it can pin down, with its own code (BitSets, its own relations), independent of the planner's:
 *
 * <ul>
 *   <li>{@code threshold}: a released value over 1..k−1 participants, or a mean, rate or distribution over fewer
 *       than k;</li>
 *   <li>{@code differencing} (a), {@code consecutive} (c), {@code margin} (d): two released values whose populations
 *       differ by 1..k−1 participants (any two; consecutive periods of a scope; a cohort against its programme);</li>
 *   <li>{@code recovered} (b): a withheld value an attacker recovers by subtracting along relations (cells to their
 *       total, cohorts to the programme, months to their quarter, to-date to the month before plus the month), in
 *       chains;</li>
 *   <li>{@code remainder} (b, d): a known total minus its known parts leaving a group of 1..k−1;</li>
 *   <li>{@code remainder-differencing}: such a remainder 1..k−1 apart from a released value;</li>
 *   <li>{@code homogeneity} (e): a known count and a known cell (or sum) showing all but fewer than k members in one
 *       category (or at one end of the range).</li>
 * </ul>
 */
final class Attacker {

    record Leak(String kind, String detail) {
        @Override
        public String toString() {
            return kind + ": " + detail;
        }
    }

    /** {@code released}: the user saw it; {@code withheld}: the plan withholds it (the user may not have asked). */
    private record Value(FigureKey key, String part, BitSet population, long truth, boolean released,
                         boolean withheld, boolean emptyFigure) {
        int size() {
            return population.cardinality();
        }

        @Override
        public String toString() {
            return key + "/" + part + "(" + size() + ")";
        }
    }

    private final int k;
    private final boolean exact;
    private final List<Value> values = new ArrayList<>();
    private final Map<FigureKey, List<Value>> byFigure = new HashMap<>();
    private final List<List<Value>> relations = new ArrayList<>();
    /** The relations whose parts share nobody (and make up the total's population, for counts and cells). */
    private final Set<List<Value>> disjoint = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final List<Leak> leaks = new ArrayList<>();

    private Attacker(MeasureLattice lattice, DisclosurePlan plan, Map<FigureKey, FigureRelease> seen, int k,
                     boolean exact) {
        this.k = k;
        this.exact = exact;
        lattice.figures().forEach((key, o) -> {
            FigureRelease r = seen.get(key);
            FigureRelease all = plan.release(key).orElseThrow();
            BitSet members = bits(o.members());
            boolean empty = members.isEmpty();
            List<Value> vs = new ArrayList<>();
            vs.add(new Value(key, "count", members, members.cardinality(), r != null && r.count().isReleased(),
                    !all.count().isReleased(), empty));
            if (o instanceof Observation.Sum s) {
                vs.add(new Value(key, "sum", members, s.total(), r != null && r.sum().orElseThrow().isReleased(),
                        !all.sum().orElseThrow().isReleased(), empty));
            }
            Map<String, Population> cells = o instanceof Observation.Distribution d ? d.cells()
                    : o instanceof Observation.Rate rate ? rate.cells() : Map.of();
            cells.forEach((category, cell) -> vs.add(new Value(key, "cell:" + category, bits(cell), cell.size(),
                    r != null && r.cells().get(category).isReleased(), !all.cells().get(category).isReleased(),
                    empty)));
            values.addAll(vs);
            byFigure.put(key, vs);
        });
        relations(lattice);
    }

    /**
     * Every leak in what the user saw ({@code seen}: the answers they got, by figure); the plan says which values are
     * withheld, to judge what a recovered value is worth.
     */
    static List<Leak> attack(MeasureLattice lattice, DisclosurePlan plan, Map<FigureKey, FigureRelease> seen, int k,
                             boolean exact) {
        Attacker a = new Attacker(lattice, plan, seen, k, exact);
        a.threshold(lattice);
        if (exact) {
            a.pairs();
        }
        a.derive();
        return a.leaks;
    }

    private void relations(MeasureLattice lattice) {
        for (List<Value> figure : byFigure.values()) {
            if (figure.size() > 1 && figure.get(1).part().startsWith("cell:")) {
                relations.add(figure);
                disjoint.add(figure);
            }
        }
        Set<Period> periods = new TreeSet<>();
        Set<Scope> scopes = new TreeSet<>();
        lattice.figures().keySet().forEach(key -> {
            periods.add(key.period());
            scopes.add(key.scope());
        });
        for (Period period : periods) {
            List<FigureKey> cohorts = scopes.stream().filter(s -> !s.isProgramme())
                    .map(s -> FigureKey.of(s, period)).filter(byFigure::containsKey).toList();
            addIfHolds(FigureKey.of(Scope.programme(), period), cohorts);
        }
        for (Scope scope : scopes) {
            for (Period period : periods) {
                if (period.kind() == Period.Kind.QUARTER) {
                    List<FigureKey> months = new ArrayList<>();
                    for (YearMonth m = period.first(); !m.isAfter(period.last()); m = m.plusMonths(1)) {
                        months.add(FigureKey.of(scope, Period.month(m)));
                    }
                    addIfHolds(FigureKey.of(scope, period), months);
                } else if (period.kind() == Period.Kind.TO_DATE) {
                    addIfHolds(FigureKey.of(scope, period), List.of(
                            FigureKey.of(scope, Period.toDate(period.last().minusMonths(1))),
                            FigureKey.of(scope, Period.month(period.last()))));
                }
            }
        }
    }

    private void addIfHolds(FigureKey total, List<FigureKey> parts) {
        if (!byFigure.containsKey(total) || parts.size() < 2 || !parts.stream().allMatch(byFigure::containsKey)) {
            return;
        }
        List<Value> t = byFigure.get(total);
        for (int i = 0; i < t.size(); i++) {
            long sum = 0;
            List<Value> relation = new ArrayList<>();
            relation.add(t.get(i));
            for (FigureKey p : parts) {
                Value v = byFigure.get(p).get(i);
                sum += v.truth();
                relation.add(v);
            }
            BitSet union = new BitSet();
            int sizes = 0;
            for (Value v : relation.subList(1, relation.size())) {
                union.or(v.population());
                sizes += v.size();
            }
            boolean isSum = t.get(i).part().equals("sum");
            boolean partition = union.cardinality() == sizes && (isSum || union.equals(t.get(i).population()));
            // A sum of flows (scores of assessments) adds up over parts whose people overlap, so sums need no
            // partition; but the attacker knows a relation only when the populations make it hold, never from the
            // values it is trying to learn: every part's people are in the total and the total's are in some part.
            // (A member who left the cohort can leave a to-date sum equal to the month before plus the month by
            // coincidence, e.g. when their scores add up to 0; believing that would use the truth.)
            BitSet whole = t.get(i).population();
            BitSet outside = (BitSet) union.clone();
            outside.andNot(whole);
            BitSet uncovered = (BitSet) whole.clone();
            uncovered.andNot(union);
            boolean structural = outside.isEmpty() && uncovered.isEmpty();
            if (sum == t.get(i).truth() && (isSum ? structural : partition)) {
                relations.add(relation);
                if (partition) {
                    disjoint.add(relation);
                }
            }
        }
    }

    private void threshold(MeasureLattice lattice) {
        for (Value v : values) {
            if (v.released() && v.size() > 0 && v.size() < k) {
                leak("threshold", v + " released");
            }
        }
        lattice.figures().forEach((key, o) -> {
            if (o.kind() != Observation.Kind.COUNT && o.members().size() < k
                    && byFigure.get(key).stream().anyMatch(Value::released)) {
                leak("threshold", key + ": a " + o.kind() + " over " + o.members().size() + " released");
            }
        });
    }

    private void pairs() {
        List<Value> released = values.stream().filter(Value::released).toList();
        for (int i = 0; i < released.size(); i++) {
            for (int j = i + 1; j < released.size(); j++) {
                Value a = released.get(i);
                Value b = released.get(j);
                if (Math.abs(a.size() - b.size()) >= k) {
                    continue;
                }
                int d = difference(a.population(), b.population());
                if (d > 0 && d < k) {
                    leak(pairKind(a.key(), b.key()), a + " and " + b + " differ by " + d);
                }
            }
        }
    }

    private static String pairKind(FigureKey a, FigureKey b) {
        if (a.scope().equals(b.scope()) && a.period().kind() == b.period().kind()
                && (a.period().last().plusMonths(1).equals(b.period().last())
                || b.period().last().plusMonths(1).equals(a.period().last()))) {
            return "consecutive";
        }
        if (a.period().equals(b.period()) && a.scope().isProgramme() != b.scope().isProgramme()) {
            return "margin";
        }
        return "differencing";
    }

    /** Subtracts along relations until nothing more comes out; then judges what is known. */
    private void derive() {
        Map<Value, Boolean> known = new HashMap<>();
        for (Value v : values) {
            known.put(v, v.released() || v.emptyFigure());
        }
        boolean more = true;
        while (more) {
            more = false;
            for (List<Value> r : relations) {
                List<Value> unknown = r.stream().filter(v -> !known.get(v)).toList();
                if (unknown.size() == 1) {
                    Value v = unknown.get(0);
                    known.put(v, true);
                    more = true;
                    if (v.size() > 0 && v.withheld()) {
                        leak("recovered", v + " withheld but recovered from " + r);
                    }
                }
            }
        }
        List<BitSet> remainders = new ArrayList<>();
        for (List<Value> r : relations) {
            if (!known.get(r.get(0))) {
                continue;
            }
            BitSet remainder = new BitSet();
            r.subList(1, r.size()).stream().filter(v -> !known.get(v)).forEach(v -> remainder.or(v.population()));
            int n = remainder.cardinality();
            if (n > 0 && n < k) {
                leak("remainder", r.get(0) + " less its known parts leaves " + n);
            }
            // Differencing a remainder: of withheld parts only. A remainder of parts the user merely did not ask for
            // is a partial sum of released values, a combination the planner does not check (docs: not protected).
            boolean ofWithheldParts = r.subList(1, r.size()).stream()
                    .filter(v -> !known.get(v)).allMatch(Value::withheld);
            if (n > 0 && disjoint.contains(r) && ofWithheldParts) {
                remainders.add(remainder);
            }
        }
        if (exact) {
            for (BitSet remainder : remainders) {
                for (Value v : values) {
                    if (known.get(v) && v.size() > 0) {
                        int d = difference(remainder, v.population());
                        if (d > 0 && d < k) {
                            leak("remainder-differencing", "a remainder of " + remainder.cardinality() + " and " + v
                                    + " differ by " + d);
                        }
                    }
                }
            }
        }
        for (List<Value> figure : byFigure.values()) {
            Value count = figure.get(0);
            if (!known.get(count) || count.size() == 0) {
                continue;
            }
            for (Value v : figure.subList(1, figure.size())) {
                if (!known.get(v)) {
                    continue;
                }
                if (v.part().startsWith("cell:") && count.size() - v.size() < k && count.size() >= k) {
                    leak("homogeneity", v + " of " + count + " known");
                }
            }
        }
    }

    private void leak(String kind, String detail) {
        leaks.add(new Leak(kind, detail));
    }

    private static int difference(BitSet a, BitSet b) {
        BitSet x = (BitSet) a.clone();
        x.xor(b);
        return x.cardinality();
    }

    private static BitSet bits(Population p) {
        BitSet out = new BitSet();
        for (int id : p.toArray()) {
            out.set(id);
        }
        return out;
    }

    static Map<FigureKey, FigureRelease> everything(DisclosurePlan plan) {
        return plan.releases();
    }

    static Map<FigureKey, FigureRelease> answers(DisclosurePlan plan, Collection<FigureKey> asked) {
        Map<FigureKey, FigureRelease> out = new HashMap<>();
        asked.forEach(key -> out.put(key, plan.release(key).orElseThrow()));
        return out;
    }
}
