package org.tend.insights.privacy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.tend.insights.privacy.PlanWork.Node;
import org.tend.insights.privacy.PlanWork.Part;
import org.tend.insights.privacy.PlanWork.Relation;

/**
 * Decides, for every figure of one measure of one programme, what HR may see: a deterministic function of the data
 * over the whole lattice of figures the API can return ({@link MeasureLattice}), never of the questions asked.
 *
 * <p>The rules (docs/insights-privacy.md gives each with a worked example):
 * <ol>
 *   <li>threshold: a count or cell of 1 to k−1 participants, and a sum, rate or distribution over fewer than k, is
 *       withheld;</li>
 *   <li>homogeneity: a distribution (a rate too) in which all but fewer than k members share one category shows no
 *       cell; a sum whose members are all but fewer than k at one end of their range shows no sum;</li>
 *   <li>differencing: in release order, a value whose population differs from an earlier released value's by 1 to
 *       k−1 participants is withheld (noise mode releases it with noise instead);</li>
 *   <li>complementary: over the relations that hold (cells to their total, cohorts to the programme, months to their
 *       quarter, to-date to the month before plus the month), no withheld value can be recovered, directly or along a
 *       chain of relations, and a released total never leaves its withheld parts covering 1 to k−1 participants; in
 *       exact mode such a remainder is held to the differencing rule too.</li>
 * </ol>
 * Rules 1–3 run once; rule 4 and a figure losing its count run to a fixed point, since each withholding can force
 * another. Each step only withholds, so it ends. No step withholds a value of a period that ends before the period of
 * the value that forced it: a plan of the first m months decides those months as a plan of more months does.
 *
 * <p>The stages are package-private so that the tests can show, with a weakened subclass, that each one is needed.
 */
public class PrivacyPlanner {

    private final PrivacySettings settings;
    private final DiscreteLaplace sampler;

    /** A planner whose noise (in noise mode) comes from a {@link java.security.SecureRandom}. */
    public PrivacyPlanner(PrivacySettings settings) {
        this(settings, DiscreteLaplace.secure());
    }

    public PrivacyPlanner(PrivacySettings settings, DiscreteLaplace sampler) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sampler = Objects.requireNonNull(sampler, "sampler");
    }

    public PrivacySettings settings() {
        return settings;
    }

    public DisclosurePlan plan(MeasureLattice lattice) {
        return plan(lattice, NoiseState.empty());
    }

    /** A plan that keeps the previous plan's noise for every value whose truth has not changed. */
    public DisclosurePlan plan(MeasureLattice lattice, NoiseState previous) {
        PlanWork work = new PlanWork(lattice, settings.minimumGroupSize());
        threshold(work);
        homogeneity(work);
        if (!settings.noiseMode()) {
            differencing(work);
        }
        // Period by period in release order: each step sees only the figures that end by then and may withhold only
        // those that end then, so a plan of the first m months decides them as every later plan does.
        for (PlanWork.Step step : work.steps()) {
            boolean changed;
            do {
                changed = figuresFollowTheirCount(work);
                changed |= complementary(work, step);
                if (!settings.noiseMode()) {
                    changed |= derivedDifferencing(work, step);
                }
            } while (changed);
        }
        return build(work, previous);
    }

    // ---- rule 1 ----

    void threshold(PlanWork w) {
        int k = w.k;
        for (int f = 0; f < w.figures.size(); f++) {
            List<Node> figure = w.figures.get(f);
            Node count = figure.get(0);
            boolean countKind = w.observations.get(f).kind() == Observation.Kind.COUNT;
            if (countKind ? count.size() > 0 && count.size() < k : count.size() < k) {
                w.withholdFigure(count, Rule.THRESHOLD);
            }
            for (Node n : figure) {
                if (n.part == Part.CELL && n.size() > 0 && n.size() < k) {
                    w.withhold(n, Rule.THRESHOLD);
                }
            }
        }
    }

    // ---- rule 3 ----

    void homogeneity(PlanWork w) {
        int k = w.k;
        for (int f = 0; f < w.figures.size(); f++) {
            List<Node> figure = w.figures.get(f);
            Node count = figure.get(0);
            if (!count.released()) {
                continue;
            }
            Observation o = w.observations.get(f);
            if (o instanceof Observation.Sum sum) {
                long n = count.size();
                long aboveMin = sum.total() - n * sum.min();
                long belowMax = n * sum.max() - sum.total();
                // Integer values: each member off an end of the range moves the sum at least 1 from it.
                if (aboveMin < k || belowMax < k) {
                    w.withhold(figure.get(1), Rule.HOMOGENEITY);
                }
            } else if (figure.size() > 1) {
                int largest = 0;
                for (Node cell : figure.subList(1, figure.size())) {
                    largest = Math.max(largest, cell.size());
                }
                if (count.size() - largest < k) {
                    for (Node cell : figure.subList(1, figure.size())) {
                        w.withhold(cell, Rule.HOMOGENEITY);
                    }
                }
            }
        }
    }

    // ---- rule 4 ----

    /** Greedy in release order: a value differing from an earlier released one by 1..k−1 participants is withheld. */
    void differencing(PlanWork w) {
        int k = w.k;
        SizeIndex released = new SizeIndex();
        for (Node n : w.nodes) {
            if (!n.released()) {
                continue;
            }
            if (released.conflict(n.population, k) != null) {
                if (n.part == Part.COUNT) {
                    w.withholdFigure(n, Rule.DIFFERENCING);
                } else {
                    w.withhold(n, Rule.DIFFERENCING);
                }
            } else {
                released.add(n);
            }
        }
    }

    // ---- a figure whose count is withheld shows nothing ----

    boolean figuresFollowTheirCount(PlanWork w) {
        boolean changed = false;
        for (List<Node> figure : w.figures) {
            Node count = figure.get(0);
            if (!count.released()) {
                changed |= w.withholdFigure(count, count.withheld);
            }
        }
        return changed;
    }

    // ---- rule 2 ----

    /**
     * No withheld value may be recoverable, and no released total may leave a remainder of 1..k−1 participants.
     * An attacker knows every released value and the zero of every value withheld because nobody is there; whenever
     * all members but one of a relation are known, they know the last one too, and so on along chains of relations
     * ({@link Closure}). Each withheld value this recovers, and each remainder too small, makes its relation withhold
     * one more released member (at the relation's latest period), and the closure is computed again.
     */
    boolean complementary(PlanWork w, PlanWork.Step step) {
        boolean changed = false;
        while (true) {
            Closure closure = new Closure(w, step);
            Node next = null;
            for (int i = 0; i < step.nodes() && next == null; i++) {
                Node n = w.nodes.get(i);
                if (!n.released() && !n.population.isEmpty() && closure.derivedBy[n.index] != null) {
                    next = closure.breaker(closure.derivedBy[n.index], step);
                }
            }
            for (int r = 0; r < step.relations() && next == null; r++) {
                if (remainderTooSmall(w.relations.get(r), closure.known, w.k)) {
                    next = closure.breaker(w.relations.get(r), step);
                }
            }
            if (next == null) {
                return changed;
            }
            changed |= w.withhold(next, Rule.COMPLEMENTARY);
        }
    }

    /** A known total whose unknown parts together cover 1..k−1 participants. */
    static boolean remainderTooSmall(Relation r, boolean[] known, int k) {
        if (!known[r.total().index]) {
            return false;
        }
        List<Node> unknown = new ArrayList<>();
        for (Node p : r.parts()) {
            if (!known[p.index]) {
                unknown.add(p);
            }
        }
        if (unknown.isEmpty()) {
            return false;
        }
        int covered = PlanWork.union(unknown).size();
        return covered > 0 && covered < k;
    }

    /** What an attacker can know: released values, the zeros of figures nobody is in, and all they imply. */
    static final class Closure {
        final boolean[] known;
        /** For each value known by derivation, the relation that gave it. */
        final Relation[] derivedBy;
        private final PlanWork w;
        private final List<List<Integer>> relationsOf;

        Closure(PlanWork w, PlanWork.Step step) {
            this.w = w;
            int n = step.nodes();
            known = new boolean[n];
            derivedBy = new Relation[n];
            for (Node node : w.nodes.subList(0, n)) {
                known[node.index] = node.released() || node.emptyFigure;
            }
            int[] unknownCount = new int[step.relations()];
            relationsOf = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                relationsOf.add(new ArrayList<>(2));
            }
            java.util.ArrayDeque<Integer> ready = new java.util.ArrayDeque<>();
            for (int r = 0; r < step.relations(); r++) {
                for (Node m : w.relations.get(r).members()) {
                    relationsOf.get(m.index).add(r);
                    if (!known[m.index]) {
                        unknownCount[r]++;
                    }
                }
                if (unknownCount[r] == 1) {
                    ready.add(r);
                }
            }
            while (!ready.isEmpty()) {
                int r = ready.poll();
                if (unknownCount[r] != 1) {
                    continue;
                }
                Relation relation = w.relations.get(r);
                for (Node m : relation.members()) {
                    if (!known[m.index]) {
                        known[m.index] = true;
                        derivedBy[m.index] = relation;
                        for (int other : relationsOf.get(m.index)) {
                            if (--unknownCount[other] == 1) {
                                ready.add(other);
                            }
                        }
                    }
                }
            }
        }

        /**
         * A released value to withhold so that the relation no longer gives what it gives: one of its members, or of
         * the relations that gave its derived members, and so on. Of those, one that ends in this step's period (so
         * no earlier decision changes), the smallest (least lost), the latest of equals.
         */
        Node breaker(Relation start, PlanWork.Step step) {
            java.util.ArrayDeque<Relation> queue = new java.util.ArrayDeque<>();
            java.util.Set<Relation> seen = new java.util.HashSet<>();
            queue.add(start);
            seen.add(start);
            Node now = null;
            Node earlier = null;
            Node fallback = null;
            while (!queue.isEmpty()) {
                Relation r = queue.poll();
                for (Node m : r.members()) {
                    if (m.emptyFigure) {
                        continue;
                    }
                    if (m.released()) {
                        // A released zero cell counts too: withheld, it is unknown again (only the values of a
                        // figure nobody is in are known zeros, to anyone who knows who is in which department).
                        // A value another relation would give straight back is no use.
                        if (rederivable(m)) {
                            fallback = PlanWork.candidateOrder(m, fallback);
                        } else if (m.key.period().last().equals(step.end())) {
                            now = PlanWork.smaller(m, now);
                        } else {
                            earlier = PlanWork.candidateOrder(m, earlier);
                        }
                    } else if (derivedBy[m.index] != null && seen.add(derivedBy[m.index])) {
                        queue.add(derivedBy[m.index]);
                    }
                }
            }
            // Reaching back to an earlier period keeps the plan safe at the cost of changing a past decision: rare (a
            // derivation new in this step nearly always runs through a value of this step), and the plan says so.
            if (now == null) {
                Node chosen = earlier != null ? earlier : fallback;
                if (chosen != null && !chosen.key.period().last().equals(step.end())) {
                    w.reachedBack.add(chosen.key);
                }
                return chosen;
            }
            return now;
        }

        /**
         * Whether withholding the released value would change nothing: in some relation every other member is released
         * (or a known zero), so it would be given straight back.
         */
        private boolean rederivable(Node m) {
            for (int r : relationsOf.get(m.index)) {
                boolean othersKnown = true;
                for (Node other : w.relations.get(r).members()) {
                    if (other != m && !other.released() && !other.emptyFigure) {
                        othersKnown = false;
                        break;
                    }
                }
                if (othersKnown) {
                    return true;
                }
            }
            return false;
        }
    }

    // ---- rule 4 against derived remainders ----

    /**
     * A relation whose total is released and two or more parts withheld tells their sum: a derived value over the
     * union of those parts. It must not differ by 1..k−1 participants from a released value, nor from another derived
     * one. The later of the two gives way: a later released value is withheld, else the relation withholds one more
     * member.
     */
    boolean derivedDifferencing(PlanWork w, PlanWork.Step step) {
        int k = w.k;
        Closure closure = new Closure(w, step);
        boolean[] known = closure.known;
        SizeIndex released = new SizeIndex();
        for (Node n : w.nodes.subList(0, step.nodes())) {
            if (n.released()) {
                released.add(n);
            }
        }
        List<Relation> derivedFrom = new ArrayList<>();
        List<Population> derived = new ArrayList<>();
        for (Relation r : w.relations.subList(0, step.relations())) {
            if (!r.disjoint() || !known[r.total().index]) {
                continue;
            }
            List<Node> unknown = new ArrayList<>();
            for (Node p : r.parts()) {
                if (!known[p.index]) {
                    unknown.add(p);
                }
            }
            if (unknown.size() < 2) {
                continue;
            }
            Population remainder = PlanWork.union(unknown);
            if (remainder.size() < k) {
                continue;
            }
            Node clash = released.conflict(remainder, k);
            if (clash != null) {
                if (clash.index > r.latest() && clash.key.period().last().equals(step.end())) {
                    return clash.part == Part.COUNT ? w.withholdFigure(clash, Rule.DIFFERENCING)
                            : w.withhold(clash, Rule.DIFFERENCING);
                }
                Node next = closure.breaker(r, step);
                return next != null && w.withhold(next, Rule.COMPLEMENTARY);
            }
            for (int i = 0; i < derived.size(); i++) {
                int d = remainder.symmetricDifference(derived.get(i), k);
                if (d > 0 && d < k) {
                    Node next = closure.breaker(r, step);
                    if (next == null) {
                        next = closure.breaker(derivedFrom.get(i), step);
                    }
                    return next != null && w.withhold(next, Rule.COMPLEMENTARY);
                }
            }
            derivedFrom.add(r);
            derived.add(remainder);
        }
        return false;
    }

    // ---- the plan ----

    private DisclosurePlan build(PlanWork w, NoiseState previous) {
        boolean noisy = settings.noiseMode();
        Map<String, NoiseState.Draw> draws = new LinkedHashMap<>();
        TreeMap<FigureKey, FigureRelease> releases = new TreeMap<>();
        for (int f = 0; f < w.figures.size(); f++) {
            List<Node> figure = w.figures.get(f);
            Observation o = w.observations.get(f);
            Node countNode = figure.get(0);
            Disclosure count = null;
            Optional<Disclosure> sum = Optional.empty();
            Map<String, Disclosure> cells = new LinkedHashMap<>();
            Epsilon share = o.kind() == Observation.Kind.COUNT ? settings.noise().perFigure()
                    : settings.noise().perFigure().dividedBy(2);
            for (Node n : figure) {
                Disclosure d;
                if (!n.released()) {
                    d = Disclosure.withheld(n.withheld);
                } else if (!noisy) {
                    d = Disclosure.released(n.value, false);
                } else {
                    long sensitivity = n.part == Part.SUM ? sensitivity((Observation.Sum) o) : 1;
                    d = Disclosure.released(n.value + noise(n, sensitivity, share, previous, draws), true);
                }
                switch (n.part) {
                    case COUNT -> count = d;
                    case SUM -> sum = Optional.of(d);
                    case CELL -> cells.put(n.category, d);
                }
            }
            releases.put(countNode.key, new FigureRelease(countNode.key, o.kind(), count, sum, cells));
        }
        MeasureLattice l = w.lattice;
        return new DisclosurePlan(l.programme(), l.measure(), l.kind(), settings, releases, NoiseState.of(draws),
                w.reachedBack);
    }

    /** The most one participant changes a sum: the largest magnitude a member's value can take (at least 1). */
    private static long sensitivity(Observation.Sum sum) {
        return Math.max(1, Math.max(Math.abs(sum.min()), Math.abs(sum.max())));
    }

    private long noise(Node n, long sensitivity, Epsilon epsilon, NoiseState previous,
                       Map<String, NoiseState.Draw> draws) {
        String scale = sensitivity + "/" + epsilon;
        NoiseState.Draw before = previous.get(n.id());
        NoiseState.Draw draw = before != null && before.trueValue() == n.value && before.scale().equals(scale)
                ? before : new NoiseState.Draw(n.value, scale, sampler.noise(sensitivity, epsilon));
        draws.put(n.id(), draw);
        return draw.noise();
    }

    /** Released nodes by population size, to find one differing from a population by 1..k−1 members. */
    static final class SizeIndex {
        private final Map<Integer, List<Node>> bySize = new HashMap<>();

        void add(Node n) {
            bySize.computeIfAbsent(n.size(), s -> new ArrayList<>()).add(n);
        }

        /** A node whose population differs from the given one by 1..k−1 members, or null. */
        Node conflict(Population p, int k) {
            int size = p.size();
            for (int s = Math.max(0, size - k + 1); s <= size + k - 1; s++) {
                List<Node> same = bySize.get(s);
                if (same == null) {
                    continue;
                }
                for (Node other : same) {
                    if (!other.released()) {
                        continue;
                    }
                    int d = p.symmetricDifference(other.population, k);
                    if (d > 0 && d < k) {
                        return other;
                    }
                }
            }
            return null;
        }
    }
}
