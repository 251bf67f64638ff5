package org.tend.catalogue.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Checks that an instrument's rules route every possible total exactly once: no gap, no overlap, nothing outside. */
public final class ScoreCoverage {

    private ScoreCoverage() {
    }

    /** Human-readable faults; empty when the rules cover the instrument's range exactly. */
    public static List<String> faults(InstrumentScale instrument, List<SteppedCareRule> allRules) {
        String name = instrument.instrumentId();
        List<SteppedCareRule> rules = allRules.stream()
                .filter(r -> r.instrumentId().equals(name))
                .sorted(Comparator.comparingInt(SteppedCareRule::minScore).thenComparing(SteppedCareRule::id))
                .toList();
        List<String> faults = new ArrayList<>();
        if (rules.isEmpty()) {
            faults.add("instrument " + name + " has no rules (score range " + instrument.minScore() + ".."
                    + instrument.maxScore() + " is not covered)");
            return faults;
        }
        int next = instrument.minScore(); // the lowest total not yet routed
        SteppedCareRule previous = null;
        for (SteppedCareRule rule : rules) {
            if (rule.minScore() < instrument.minScore() || rule.maxScore() > instrument.maxScore()) {
                faults.add("rule " + rule.id() + " (" + rule.minScore() + ".." + rule.maxScore()
                        + ") reaches outside the score range of " + name + " (" + instrument.minScore() + ".."
                        + instrument.maxScore() + ")");
            }
            if (rule.minScore() > next) {
                faults.add("gap in " + name + ": totals " + range(next, rule.minScore() - 1) + " match no rule");
            } else if (rule.minScore() < next && previous != null) {
                faults.add("overlap in " + name + ": rules " + previous.id() + " and " + rule.id() + " both match "
                        + range(rule.minScore(), Math.min(next - 1, rule.maxScore())));
            }
            if (rule.maxScore() + 1 > next) {
                next = rule.maxScore() + 1;
                previous = rule;
            }
        }
        if (next <= instrument.maxScore()) {
            faults.add("gap in " + name + ": totals " + range(next, instrument.maxScore()) + " match no rule");
        }
        return faults;
    }

    private static String range(int from, int to) {
        return from == to ? Integer.toString(from) : from + ".." + to;
    }
}
