package org.tend.insights.privacy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The true value of one figure, as the service computed it from events, with the participants behind it. One measure
 * has one kind of observation throughout.
 */
public sealed interface Observation {

    enum Kind { COUNT, SUM, RATE, DISTRIBUTION }

    /** Everyone the figure is computed over. */
    Population members();

    Kind kind();

    /** How many participants: the population itself. */
    record Count(Population members) implements Observation {
        public Count {
            Objects.requireNonNull(members, "members");
        }

        @Override
        public Kind kind() {
            return Kind.COUNT;
        }
    }

    /**
     * A sum of one integer value per member (a mean is released as its sum and count), with the range any one member's
     * value can take. The range gives the sensitivity of the sum in noise mode, and tells when a sum is homogeneous
     * (all but fewer than k members at one end of the range). A measure with fractional values scales them to integers
     * first (a mean of 0.5-point steps sums doubled values).
     */
    record Sum(Population members, long total, long min, long max) implements Observation {
        public Sum {
            Objects.requireNonNull(members, "members");
            if (min > max) {
                throw new IllegalArgumentException("the range's min exceeds its max");
            }
            long n = members.size();
            if (total < Math.multiplyExact(n, min) || total > Math.multiplyExact(n, max)) {
                throw new IllegalArgumentException("a sum of " + n + " values in " + min + ".." + max
                        + " cannot be " + total);
            }
        }

        @Override
        public Kind kind() {
            return Kind.SUM;
        }
    }

    /** The share of a population (the denominator) that meets a condition (the numerator, a subset of it). */
    record Rate(Population members, Population meeting) implements Observation {
        /** The category of the members that meet the condition, as the plan's cells name it. */
        public static final String MET = "met";
        /** The category of the members that do not. */
        public static final String NOT_MET = "not-met";

        public Rate {
            Objects.requireNonNull(members, "members");
            Objects.requireNonNull(meeting, "meeting");
            if (!members.containsAll(meeting)) {
                throw new IllegalArgumentException("a rate's numerator is a subset of its denominator");
            }
        }

        @Override
        public Kind kind() {
            return Kind.RATE;
        }

        /** The rate as the two cells of a distribution: met and not met. */
        public Map<String, Population> cells() {
            Map<String, Population> cells = new LinkedHashMap<>();
            cells.put(MET, meeting);
            cells.put(NOT_MET, members.minus(meeting));
            return cells;
        }
    }

    /**
     * How the members fall into categories (a band, a stepped-care level): each member in exactly one category. List
     * every category the API shows, empty ones too, in the order it shows them.
     */
    record Distribution(Map<String, Population> cells) implements Observation {
        public Distribution {
            Objects.requireNonNull(cells, "cells");
            if (cells.isEmpty()) {
                throw new IllegalArgumentException("a distribution has at least one category");
            }
            Population seen = Population.empty();
            for (Map.Entry<String, Population> cell : cells.entrySet()) {
                Objects.requireNonNull(cell.getKey(), "category");
                Objects.requireNonNull(cell.getValue(), "cell " + cell.getKey());
                if (!seen.isDisjointFrom(cell.getValue())) {
                    throw new IllegalArgumentException("a member is in two categories (" + cell.getKey() + ")");
                }
                seen = seen.union(cell.getValue());
            }
            cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
        }

        @Override
        public Population members() {
            Population all = Population.empty();
            for (Population cell : cells.values()) {
                all = all.union(cell);
            }
            return all;
        }

        @Override
        public Kind kind() {
            return Kind.DISTRIBUTION;
        }
    }
}
