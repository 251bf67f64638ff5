package org.tend.plumbing.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.messaging.MessagingAutoConfiguration;

class AuditEntryTest {

    static final String ACTOR = "p_q2r3s4t5u6v7w2x3y4z5a6b7c2";
    static final String PARTICIPANT = "p_a2b3c4d5e6f7g2h3i4j5k6l7m2";
    static final Instant AT = Instant.parse("2026-03-05T10:15:30.123456Z");

    static AuditEntry entry(String participantId) {
        return AuditEntry.of(ACTOR, List.of("practitioner"), "GET", "/api/journeys/{participantId}", participantId,
                200, "progress-service", AT);
    }

    @Test
    void itsDataIsValidAgainstTheContractWithAndWithoutAParticipant() throws Exception {
        ContractValidator contracts = ContractValidator.load();
        ObjectMapper json = MessagingAutoConfiguration.integrationJson();
        for (AuditEntry entry : List.of(entry(PARTICIPANT), entry(null))) {
            byte[] data = json.writeValueAsBytes(entry.data());
            assertThat(contracts.validate(EventTypes.AUDIT_ENTRY_RECORDED_V1, data)).as(new String(data)).isEmpty();
        }
    }

    static AuditEntry insightsEntry() {
        return AuditEntry.of(ACTOR, List.of("hr"), "GET", "/api/insights/programmes/{programmeId}/figures", null,
                java.util.Map.of("programmeId", "3f2c8a9e-5b1d-4c7a-9e3f-1a2b3c4d5e6f", "period", "2026-Q1",
                        "cohort", "finance", "measure", "all"), 200, "insights-service", AT);
    }

    @Test
    void whatARequestWasAboutIsKeptValidAndReadsBack() throws Exception {
        AuditEntry entry = insightsEntry();
        byte[] data = MessagingAutoConfiguration.integrationJson().writeValueAsBytes(entry.data());
        assertThat(ContractValidator.load().validate(EventTypes.AUDIT_ENTRY_RECORDED_V1, data))
                .as(new String(data)).isEmpty();
        assertThat(AuditEntry.fromDocument(entry.toDocument())).isEqualTo(entry);
        assertThat(entry.about()).containsEntry("period", "2026-Q1").containsEntry("cohort", "finance");
        assertThat(entry(null).about()).isEmpty();
        assertThat(entry(null).data()).doesNotContainKey("about");
    }

    @Test
    void aboutHoldsIdentifiersNeverFreeTextOrAPseudonym() {
        for (java.util.Map<String, String> bad : List.of(java.util.Map.of("cohort", "Alice Smith"),
                java.util.Map.of("participant", PARTICIPANT), java.util.Map.of("cohort", PARTICIPANT),
                java.util.Map.of("period", "2026-05-01"), java.util.Map.of("programmeId", "acme"),
                java.util.Map.of("cohort", "x".repeat(65)))) {
            assertThatThrownBy(() -> AuditEntry.of(ACTOR, List.of("hr"), "GET", "/api/insights/programmes", null,
                    bad, 200, "insights-service", AT)).as(bad.toString()).hasMessageContaining("about");
        }
    }

    @Test
    void theStoredFormReadsBackToTheMillisecond() {
        AuditEntry entry = entry(PARTICIPANT);
        assertThat(entry.occurredAt()).isEqualTo(Instant.parse("2026-03-05T10:15:30.123Z"));
        assertThat(AuditEntry.fromDocument(entry.toDocument())).isEqualTo(entry);
        assertThat(AuditEntry.fromDocument(entry(null).toDocument()).participantId()).isNull();
        assertThat(entry.toDocument().keySet()).containsExactly("_id", "actorId", "actorRoles", "action",
                "participantId", "outcome", "service", "occurredAt");
    }

    @Test
    void itHoldsOnlyWhatTheTrailMayHold() {
        assertThatThrownBy(() -> AuditEntry.of("alice@example.org", List.of("practitioner"), "GET", "/api/goals",
                null, 200, "goal-service", AT)).hasMessageContaining("actorId");
        assertThatThrownBy(() -> AuditEntry.of(ACTOR, List.of("practitioner"), "GET", "/api/goals",
                "alice@example.org", 200, "goal-service", AT)).hasMessageContaining("participantId");
        assertThatThrownBy(() -> AuditEntry.of(ACTOR, List.of("practitioner"), "GET",
                "/api/goals?participantId=" + PARTICIPANT, null, 200, "goal-service", AT))
                .hasMessageContaining("action");
        assertThatThrownBy(() -> AuditEntry.of(ACTOR, List.of("practitioner"), "GET", "/api/goals/Alice Smith",
                null, 200, "goal-service", AT)).hasMessageContaining("action");
        assertThatThrownBy(() -> AuditEntry.of(ACTOR, List.of("superuser"), "GET", "/api/goals", null, 200,
                "goal-service", AT)).hasMessageContaining("actorRoles");
        assertThatThrownBy(() -> AuditEntry.of(ACTOR, List.of(), "GET", "/api/goals", null, 200,
                "goal-service", AT)).hasMessageContaining("actorRoles");
        assertThatThrownBy(() -> AuditEntry.of(ACTOR, List.of("hr"), "GET", "/api/goals", null, 42,
                "goal-service", AT)).hasMessageContaining("outcome");
    }
}
