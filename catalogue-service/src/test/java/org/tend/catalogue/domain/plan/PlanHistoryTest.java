package org.tend.catalogue.domain.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanHistoryTest {

    private static final String ALICE = "p_aaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final Instant DAY1 = Instant.parse("2025-04-01T09:00:00Z");

    private static PlanAdjusted at(int day, String change, String reason, String intervention, String replaced) {
        return new PlanAdjusted(ALICE, "a" + day, day, change, reason, null, "step-2", "step-2", intervention,
                replaced, List.of(), ALICE, "practitioner", DAY1.plusSeconds(86_400L * (day - 1)));
    }

    @Test
    void eachInterventionHasItsStartAndEndAndATakeUpAgainIsASecondSpan() {
        List<PlanHistory.Span> spans = PlanHistory.spans(List.of(
                at(1, "add", "other", "cbt", null),
                at(2, "step-up", "reliable-deterioration", null, null),
                at(3, "switch", "no-reliable-improvement", "mbct", "cbt"),
                at(4, "stop", "completed", "mbct", null),
                at(5, "add", "participant-preference", "cbt", null)));

        assertThat(spans).containsExactly(
                new PlanHistory.Span("cbt", 1, DAY1, DAY1.plusSeconds(2 * 86_400L), "no-reliable-improvement"),
                new PlanHistory.Span("mbct", 3, DAY1.plusSeconds(2 * 86_400L), DAY1.plusSeconds(3 * 86_400L),
                        "completed"),
                new PlanHistory.Span("cbt", 5, DAY1.plusSeconds(4 * 86_400L), null, null));
        assertThat(spans.get(2).active()).isTrue();
    }
}
