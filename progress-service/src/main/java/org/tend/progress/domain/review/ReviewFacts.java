package org.tend.progress.domain.review;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tend.progress.domain.ReassessmentSchedule;

/**
 * What the review rules look at: each instrument's measures in time order, the plans (each intervention of the care
 * plan, and the goals that started plans), every check-in (assessment, goal rating, attainment rating), and what the
 * programme's re-assessment schedule makes due (empty when it has none).
 */
public record ReviewFacts(Map<String, List<Measure>> measures, List<Plan> goals, List<CheckIn> checkIns,
                          List<ReassessmentSchedule.Due> scheduled) {

    /** Facts of a participant whose programme has no re-assessment schedule. */
    public ReviewFacts(Map<String, List<Measure>> measures, List<Plan> goals, List<CheckIn> checkIns) {
        this(measures, goals, checkIns, List.of());
    }

    public ReviewFacts {
        // Sorted by instrument id: flags come out in the same order whatever order the facts arrived in.
        TreeMap<String, List<Measure>> sorted = new TreeMap<>();
        measures.forEach((id, list) -> sorted.put(id, List.copyOf(list)));
        measures = Collections.unmodifiableMap(sorted);
        goals = List.copyOf(goals);
        checkIns = List.copyOf(checkIns);
        scheduled = List.copyOf(scheduled);
    }

    public record Measure(Instant time, int score) {
    }

    /**
     * A plan: an intervention of the care plan from when it was added ({@code goalId} null), or a goal that set one
     * going; its intervention (and name, when the catalogue has it) from {@code setAt}.
     */
    public record Plan(String goalId, String interventionId, String interventionName, Instant setAt) {
    }

    /** {@code kind}: assessment, goal rating or attainment rating. */
    public record CheckIn(Instant time, String kind) {
    }
}
