package org.tend.progress.domain.review;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the review rules look at: each instrument's measures in time order, the goals that started plans, and every
 * check-in (assessment, goal rating, attainment rating).
 */
public record ReviewFacts(Map<String, List<Measure>> measures, List<Plan> goals, List<CheckIn> checkIns) {

    public ReviewFacts {
        // Sorted by instrument id: flags come out in the same order whatever order the facts arrived in.
        TreeMap<String, List<Measure>> sorted = new TreeMap<>();
        measures.forEach((id, list) -> sorted.put(id, List.copyOf(list)));
        measures = Collections.unmodifiableMap(sorted);
        goals = List.copyOf(goals);
        checkIns = List.copyOf(checkIns);
    }

    public record Measure(Instant time, int score) {
    }

    /** A goal that set a plan going: its intervention (and name, when the catalogue has it) from {@code setAt}. */
    public record Plan(String goalId, String interventionId, String interventionName, Instant setAt) {
    }

    /** {@code kind}: assessment, goal rating or attainment rating. */
    public record CheckIn(Instant time, String kind) {
    }
}
