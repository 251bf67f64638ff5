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
        Rule withheld;

        Node(int index, int figure, FigureKey key, Part part, String category, Population population, long value) {
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

    /** {@code total} is the sum of {@code parts} in the data. {@code latest}: the member released last. */
    record Relation(Node total, List<Node> parts, int latest) {
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
                if (adds(total.get(i), partNodes)) {
                    relations.add(relation(total.get(i), partNodes));
                }
            }
        }
        relations.sort(Comparator.comparingInt(Relation::latest));
    }

    private List<Node> nodesOf(int f, FigureKey key, Observation o) {
        List<Node> out = new ArrayList<>();
        Population members = o.members();
        out.add(node(f, key, Part.COUNT, null, members, members.size()));
        if (o instanceof Observation.Sum sum) {
            out.add(node(f, key, Part.SUM, null, members, sum.total()));
        } else if (o instanceof Observation.Rate rate) {
            rate.cells().forEach((category, cell) -> out.add(node(f, key, Part.CELL, category, cell, cell.size())));
        } else if (o instanceof Observation.Distribution d) {
            d.cells().forEach((category, cell) -> out.add(node(f, key, Part.CELL, category, cell, cell.size())));
        }
        return out;
    }

    private Node node(int f, FigureKey key, Part part, String category, Population population, long value) {
        Node n = new Node(nodes.size(), f, key, part, category, population, value);
        nodes.add(n);
        return n;
    }

    /** Whether the parts' values add up to the total's: then an attacker can subtract. */
    private static boolean adds(Node total, List<Node> parts) {
        long sum = 0;
        for (Node p : parts) {
            sum += p.value;
        }
        return sum == total.value;
    }

    private static Relation relation(Node total, List<Node> parts) {
        int latest = total.index;
        for (Node p : parts) {
            latest = Math.max(latest, p.index);
        }
        return new Relation(total, List.copyOf(parts), latest);
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
     * The member of a relation to withhold next: a released, non-empty one whose period ends last (so no decision
     * reaches back to an earlier period), the smallest of those (least lost), the latest of equals.
     */
    static Node candidate(Relation r) {
        Node best = null;
        for (Node n : r.members()) {
            if (!n.released() || n.population.isEmpty()) {
                continue;
            }
            if (best == null || better(n, best)) {
                best = n;
            }
        }
        return best;
    }

    private static boolean better(Node n, Node best) {
        int end = n.key.period().last().compareTo(best.key.period().last());
        if (end != 0) {
            return end > 0;
        }
        if (n.size() != best.size()) {
            return n.size() < best.size();
        }
        return n.index > best.index;
    }
}
