package org.tend.insights.privacy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The planner's working state: every value of every figure as a node (its population, its true value, released or
 * withheld and why) in release order, and every relation that holds among nodes.
 */
final class PlanWork {

    enum Part { COUNT, SUM, CELL }

    static final class Node {
        final int index;
        final int figure;
        final FigureKey key;
        final Part part;
        final String category;
        final Population population;
        final long value;
        /** Nobody is in the figure: anyone who knows the memberships knows each of its values is 0. */
        final boolean emptyFigure;
        Rule withheld;

        Node(int index, int figure, FigureKey key, Part part, String category, Population population, long value,
             boolean emptyFigure) {
            this.emptyFigure = emptyFigure;
            this.index = index;
            this.figure = figure;
            this.key = key;
            this.part = part;
            this.category = category;
            this.population = population;
            this.value = value;
        }

        boolean released() {
            return withheld == null;
        }

        int size() {
            return population.size();
        }

        String id() {
            return key.scope() + "/" + key.period() + "/" + (part == Part.CELL ? "cell:" + category : part.name()
                    .toLowerCase(java.util.Locale.ROOT));
        }

        @Override
        public String toString() {
            return id() + "(" + size() + (released() ? "" : ", " + withheld.code()) + ")";
        }
    }

    /**
     * {@code total} is the sum of {@code parts} in the data. {@code latest}: the member released last.
     * {@code disjoint}: the parts share no participant (and, for counts and cells, make up the total's population
     * exactly), so what is left of the total is a value over the union of the parts left.
     */
    record Relation(Node total, List<Node> parts, int latest, boolean disjoint) {
        List<Node> members() {
            List<Node> all = new ArrayList<>(parts.size() + 1);
            all.add(total);
            all.addAll(parts);
            return all;
        }
    }

    final int k;
    final MeasureLattice lattice;
    final List<Node> nodes = new ArrayList<>();
    /** Per figure (release order), its nodes: count first, then sum or cells. */
    final List<List<Node>> figures = new ArrayList<>();
    final List<Observation> observations = new ArrayList<>();
    final List<Relation> relations = new ArrayList<>();
    /** Figures of an earlier period that a later step had to withhold (see {@link DisclosurePlan#reachedBack()}). */
    final java.util.Set<FigureKey> reachedBack = new java.util.TreeSet<>();

    PlanWork(MeasureLattice lattice, int k) {
        this.k = k;
        this.lattice = lattice;
        Map<FigureKey, Integer> figureIndex = new HashMap<>();
        for (Map.Entry<FigureKey, Observation> e : lattice.figures().entrySet()) {
            int f = figures.size();
            figureIndex.put(e.getKey(), f);
            observations.add(e.getValue());
            figures.add(nodesOf(f, e.getKey(), e.getValue()));
        }
        for (List<Node> figure : figures) {
            if (figure.size() > 1 && figure.get(1).part == Part.CELL) {
                relations.add(relation(figure.get(0), figure.subList(1, figure.size())));
            }
        }
        for (MeasureLattice.Relation r : lattice.relations()) {
            List<Node> total = figures.get(figureIndex.get(r.total()));
            List<List<Node>> parts = r.parts().stream().map(p -> figures.get(figureIndex.get(p))).toList();
            for (int i = 0; i < total.size(); i++) {
                int part = i;
                List<Node> partNodes = parts.stream().map(p -> p.get(part)).toList();
                Relation relation = relation(total.get(i), partNodes);
                if (adds(total.get(i), partNodes) && (relation.disjoint() || total.get(i).part == Part.SUM)) {
                    relations.add(relation);
                }
            }
        }
        relations.sort(Comparator.comparingInt(Relation::latest));
    }

    private List<Node> nodesOf(int f, FigureKey key, Observation o) {
        List<Node> out = new ArrayList<>();
        Population members = o.members();
        boolean empty = members.isEmpty();
        out.add(node(f, key, Part.COUNT, null, members, members.size(), empty));
        if (o instanceof Observation.Sum sum) {
            out.add(node(f, key, Part.SUM, null, members, sum.total(), empty));
        } else if (o instanceof Observation.Rate rate) {
            rate.cells().forEach((c, cell) -> out.add(node(f, key, Part.CELL, c, cell, cell.size(), empty)));
        } else if (o instanceof Observation.Distribution d) {
            d.cells().forEach((c, cell) -> out.add(node(f, key, Part.CELL, c, cell, cell.size(), empty)));
        }
        return out;
    }

    private Node node(int f, FigureKey key, Part part, String category, Population population, long value,
                      boolean emptyFigure) {
        Node n = new Node(nodes.size(), f, key, part, category, population, value, emptyFigure);
        nodes.add(n);
        return n;
    }

    /**
     * Whether the parts' values add up to the total's: then an attacker can subtract. Counts and cells are used only
     * where the parts' populations make up the total's exactly: a count that adds up by coincidence (one member left
     * a department as another joined) tells a membership-aware attacker nothing they did not know, and an attacker
     * unaware of memberships cannot tell it from one that does not add up.
     */
    private static boolean adds(Node total, List<Node> parts) {
        long sum = 0;
        for (Node p : parts) {
            sum += p.value;
        }
        return sum == total.value;
    }

    private static Relation relation(Node total, List<Node> parts) {
        int latest = total.index;
        int sizes = 0;
        for (Node p : parts) {
            latest = Math.max(latest, p.index);
            sizes += p.size();
        }
        Population union = union(parts);
        boolean disjoint = union.size() == sizes
                && (total.part == Part.SUM || union.equals(total.population));
        return new Relation(total, List.copyOf(parts), latest, disjoint);
    }

    /** Withholds the node for the rule unless it is withheld already; true if it was released. */
    boolean withhold(Node node, Rule rule) {
        if (node.withheld != null) {
            return false;
        }
        node.withheld = rule;
        return true;
    }

    /** Withholds every value of the node's figure. */
    boolean withholdFigure(Node node, Rule rule) {
        boolean changed = false;
        for (Node n : figures.get(node.figure)) {
            changed |= withhold(n, rule);
        }
        return changed;
    }

    static Population union(List<Node> nodes) {
        Population all = Population.empty();
        for (Node n : nodes) {
            all = all.union(n.population);
        }
        return all;
    }

    /**
     * One step of the plan: the figures whose periods end by {@code end} are the first {@code nodes} nodes, and the
     * relations among them the first {@code relations}.
     */
    record Step(java.time.YearMonth end, int nodes, int relations) {
    }

    /** A step per period end, in order. */
    List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        int r = 0;
        for (int i = 0; i < nodes.size(); i++) {
            java.time.YearMonth end = nodes.get(i).key.period().last();
            boolean last = i + 1 == nodes.size() || !nodes.get(i + 1).key.period().last().equals(end);
            if (last) {
                while (r < relations.size() && relations.get(r).latest() <= i) {
                    r++;
                }
                steps.add(new Step(end, i + 1, r));
            }
        }
        return steps;
    }

    /** Of two candidates, the smaller population, then the later. */
    static Node smaller(Node n, Node best) {
        if (best == null) {
            return n;
        }
        if (n.size() != best.size()) {
            return n.size() < best.size() ? n : best;
        }
        return n.index > best.index ? n : best;
    }

    /** Of two candidates, the later period end, then the smaller, then the later. */
    static Node candidateOrder(Node n, Node best) {
        if (best == null) {
            return n;
        }
        int end = n.key.period().last().compareTo(best.key.period().last());
        if (end != 0) {
            return end > 0 ? n : best;
        }
        return smaller(n, best);
    }
}
