package org.tend.catalogue.domain.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Each intervention of a plan with when it began and ended, read off the plan's adjustments in order. */
public final class PlanHistory {

    /** One intervention's time in the plan; {@code endedAt} is {@code null} while it is active. */
    public record Span(String interventionId, int episode, Instant startedAt, Instant endedAt, String endReason) {
        public boolean active() {
            return endedAt == null;
        }
    }

    private PlanHistory() {
    }

    /** The spans, in the order the interventions began (an intervention taken up again has a second span). */
    public static List<Span> spans(List<PlanAdjusted> adjustments) {
        List<Span> spans = new ArrayList<>();
        Map<String, Integer> open = new LinkedHashMap<>();
        for (PlanAdjusted a : adjustments) {
            PlanChange change = PlanChange.fromCode(a.change())
                    .orElseThrow(() -> new IllegalStateException("unknown change " + a.change()));
            if (change == PlanChange.STOP) {
                close(spans, open, a.interventionId(), a);
            } else if (change == PlanChange.SWITCH) {
                close(spans, open, a.replacedInterventionId(), a);
            }
            if (change == PlanChange.ADD || change == PlanChange.SWITCH) {
                open.put(a.interventionId(), spans.size());
                spans.add(new Span(a.interventionId(), a.episode(), a.adjustedAt(), null, null));
            }
        }
        return List.copyOf(spans);
    }

    private static void close(List<Span> spans, Map<String, Integer> open, String interventionId, PlanAdjusted by) {
        Integer index = open.remove(interventionId);
        if (index != null) {
            Span span = spans.get(index);
            spans.set(index, new Span(span.interventionId(), span.episode(), span.startedAt(), by.adjustedAt(),
                    by.reason()));
        }
    }
}
