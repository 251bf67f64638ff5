package org.tend.progress.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tend.progress.domain.JourneyEvent.PlanAdjusted;

/**
 * A care plan read off its adjustments in time order: each episode (from one adjustment to the next), each
 * intervention's time in the plan (from the plan's active interventions before and after each adjustment), and
 * since when the plan has had an active intervention without a break.
 */
public record CarePlanHistory(List<Episode> episodes, List<Span> spans, Instant activeSince) {

    /** Episode {@code number}, begun by an adjustment; {@code endedAt} is when the next one began (null: current). */
    public record Episode(int number, Instant startedAt, Instant endedAt, PlanAdjusted begunBy) {
    }

    /** One intervention's time in the plan; {@code endedAt} null while active. */
    public record Span(String interventionId, Instant startedAt, Instant endedAt) {
    }

    public static final CarePlanHistory NONE = new CarePlanHistory(List.of(), List.of(), null);

    public CarePlanHistory {
        episodes = List.copyOf(episodes);
        spans = List.copyOf(spans);
    }

    /**
     * @param adjustments the plan's adjustments; taken in episode order (catalogue-service numbers them in the order
     *                    it applied them, which two adjustments made in the same instant may not show by time)
     */
    public static CarePlanHistory of(List<PlanAdjusted> given) {
        if (given.isEmpty()) {
            return NONE;
        }
        List<PlanAdjusted> adjustments = given.stream()
                .sorted(java.util.Comparator.comparingInt(PlanAdjusted::episode)).toList();
        List<Episode> episodes = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        Map<String, Integer> open = new LinkedHashMap<>();
        Instant activeSince = null;
        for (int i = 0; i < adjustments.size(); i++) {
            PlanAdjusted adjustment = adjustments.get(i);
            Instant at = adjustment.adjustedAt();
            episodes.add(new Episode(adjustment.episode(), at,
                    i + 1 < adjustments.size() ? adjustments.get(i + 1).adjustedAt() : null, adjustment));
            for (String id : List.copyOf(open.keySet())) {
                if (!adjustment.interventions().contains(id)) {
                    int index = open.remove(id);
                    spans.set(index, new Span(id, spans.get(index).startedAt(), at));
                }
            }
            for (String id : adjustment.interventions()) {
                if (!open.containsKey(id)) {
                    open.put(id, spans.size());
                    spans.add(new Span(id, at, null));
                }
            }
            if (open.isEmpty()) {
                activeSince = null;
            } else if (activeSince == null) {
                activeSince = at;
            }
        }
        return new CarePlanHistory(episodes, spans, activeSince);
    }

    /** The latest adjustment, or null. */
    public PlanAdjusted latest() {
        return episodes.isEmpty() ? null : episodes.get(episodes.size() - 1).begunBy();
    }

    /** Whether the plan has an active intervention now. */
    public boolean active() {
        return activeSince != null;
    }

    /** Whether the intervention was in the plan and has ended. */
    public boolean ended(String interventionId) {
        return spans.stream().anyMatch(s -> s.interventionId().equals(interventionId))
                && spans.stream().noneMatch(s -> s.interventionId().equals(interventionId) && s.endedAt() == null);
    }
}
