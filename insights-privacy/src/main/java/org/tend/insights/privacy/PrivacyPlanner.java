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
 *   <li>complementary: in every relation that holds (cells to their total, cohorts to the programme, months to their
 *       quarter, to-date to the month before plus the month), either nothing is withheld, or the total is withheld with
 *       at least one part, or at least two parts are withheld that together cover 0 or at least k participants; and in
 *       exact mode such a derived remainder is held to the differencing rule too.</li>
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
        boolean changed;
        do {
            changed = figuresFollowTheirCount(work);
            changed |= complementary(work);
            if (!settings.noiseMode()) {
                changed |= derivedDifferencing(work);
            }
        } while (changed);
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

    boolean complementary(PlanWork w) {
        boolean changed = false;
        for (Relation r : w.relations) {
            while (violated(r, w.k)) {
                Node next = PlanWork.candidate(r);
                if (next == null) {
                    break;
                }
                changed |= w.withhold(next, Rule.COMPLEMENTARY);
            }
        }
        return changed;
    }

    /** Whether subtracting the released members of the relation recovers withheld values about 1..k−1 people. */
    static boolean violated(Relation r, int k) {
        List<Node> unknown = PlanWork.unknownWithheldParts(r);
        if (!r.total().released()) {
            return !r.total().population.isEmpty() && unknown.isEmpty();
        }
        if (unknown.isEmpty()) {
            return false;
        }
        if (unknown.size() == 1) {
            return true;
        }
        int covered = PlanWork.union(unknown).size();
        return covered < k;
    }

    // ---- rule 4 against derived remainders ----

    /**
     * A relation whose total is released and two or more parts withheld tells their sum: a derived value over the
     * union of those parts. It must not differ by 1..k−1 participants from a released value, nor from another derived
     * one. The later of the two gives way: a later released value is withheld, else the relation withholds one more
     * member.
     */
    boolean derivedDifferencing(PlanWork w) {
        int k = w.k;
        SizeIndex released = new SizeIndex();
        for (Node n : w.nodes) {
            if (n.released()) {
                released.add(n);
            }
        }
        List<Relation> derivedFrom = new ArrayList<>();
        List<Population> derived = new ArrayList<>();
        boolean changed = false;
        for (Relation r : w.relations) {
            if (!r.total().released()) {
                continue;
            }
            List<Node> unknown = PlanWork.unknownWithheldParts(r);
            if (unknown.size() < 2) {
                continue;
            }
            Population remainder = PlanWork.union(unknown);
            if (remainder.size() < k) {
                continue;
            }
            Node clash = released.conflict(remainder, k);
            if (clash != null) {
                if (clash.index > r.latest()) {
                    changed |= clash.part == Part.COUNT ? w.withholdFigure(clash, Rule.DIFFERENCING)
                            : w.withhold(clash, Rule.DIFFERENCING);
                } else {
                    Node next = PlanWork.candidate(r);
                    if (next != null) {
                        changed |= w.withhold(next, Rule.COMPLEMENTARY);
                    }
                }
                continue;
            }
            boolean grown = false;
            for (int i = 0; i < derived.size() && !grown; i++) {
                int d = remainder.symmetricDifference(derived.get(i), k);
                if (d > 0 && d < k) {
                    Relation other = derivedFrom.get(i);
                    Relation later = other.latest() > r.latest() ? other : r;
                    Node next = PlanWork.candidate(later);
                    if (next != null) {
                        changed |= w.withhold(next, Rule.COMPLEMENTARY);
                    }
                    grown = true;
                }
            }
            if (!grown) {
                derivedFrom.add(r);
                derived.add(remainder);
            }
        }
        return changed;
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
        return new DisclosurePlan(l.programme(), l.measure(), l.kind(), settings, releases, NoiseState.of(draws));
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
