package org.tend.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.tend.assessment.erasure.ErasureReports;
import org.tend.assessment.retention.RetentionSweep;
import org.tend.contracts.ErasureStores;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.messaging.CloudEventRecords;
import org.tend.plumbing.messaging.IntegrationEvent;
import org.tend.plumbing.messaging.MessagingAutoConfiguration;
import org.tend.testsupport.TestTokens;

/**
 * Retention: an administrator closes a programme with a retention period; nobody enrols any more; when the period
 * ends every participant of the programme is erased as if they had asked, and one report follows them all.
 */
class RetentionApiTest extends ServiceTestSupport {

    @Autowired
    RetentionSweep sweep;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Test
    void whenAClosedProgrammesRetentionEndsEveryParticipantIsErasedWithOneReport() {
        String programme = newProgramme();
        String other = newProgramme();
        List<String> subjects = List.of(unique("ria"), unique("rob"));
        List<String> tokens = new ArrayList<>();
        for (String subject : subjects) {
            tokens.add(enrolled(subject, programme));
        }
        take(tokens.get(0), "phq-9", phq9(1, 1, 1, 1, 1, 1, 1, 1, 0)).expect(201);
        String stays = enrolled(unique("sam"), other);
        String admin = admin();

        // Bad input: nothing written.
        long before = storedEvents();
        post("/api/programmes/" + programme + "/closure", tokens.get(0), Map.of("retention", "P1Y")).expect(403);
        post("/api/programmes/" + programme + "/closure", admin, Map.of("retention", "a year"))
                .expectProblem(422, "retention:iso-8601-period");
        post("/api/programmes/" + programme + "/closure", admin, Map.of("retention", "P11Y"))
                .expectProblem(422, "retention:range");
        post("/api/programmes/" + programme + "/closure", admin, Map.of()).expectProblem(400, "retention:required");
        post("/api/programmes/" + UUID.randomUUID() + "/closure", admin, Map.of("retention", "P1Y")).expect(404);
        put("/api/programmes/" + programme + "/retention", admin, Map.of("retention", "P1Y"))
                .expectProblem(409, "programmeId:programme-open");
        get("/api/programmes/" + programme + "/retention", admin).expect(404);
        assertThat(storedEvents()).isEqualTo(before);

        // Closed for a day: nobody joins, nobody is erased yet.
        JsonNode closed = post("/api/programmes/" + programme + "/closure", admin, Map.of("retention", "P1D"))
                .expect(200).json();
        assertThat(closed.path("state").asText()).isEqualTo("closed");
        assertThat(Duration.between(Instant.parse(closed.path("closedAt").asText()),
                Instant.parse(closed.path("eraseAfter").asText()))).isEqualTo(Duration.ofDays(1));
        post("/api/enrolments", TestTokens.participant(unique("late")), Map.of("enrolmentCode",
                enrolmentCode(programme), "consent", true)).expectProblem(409, "enrolmentCode:programme-closed");
        post("/api/programmes/" + programme + "/closure", admin, Map.of("retention", "P1D"))
                .expectProblem(409, "programmeId:programme-closed");
        sweep.sweep();
        for (String token : tokens) {
            get("/api/enrolments/me", token).expect(200);
        }

        // The administrator shortens it to none: the next sweep erases both, and only them.
        JsonNode changed = put("/api/programmes/" + programme + "/retention", admin, Map.of("retention", "P0D"))
                .expect(200).json();
        assertThat(changed.path("retention").asText()).isEqualTo("P0D");
        await().atMost(Duration.ofSeconds(10)).until(() -> sweep.sweep() >= 0
                && tokens.stream().allMatch(t -> get("/api/enrolments/me", t).status() == 404));
        get("/api/enrolments/me", stays).expect(200);
        assertThat(sweep.sweep()).as("a repeated sweep starts nothing").isZero();
        put("/api/programmes/" + programme + "/retention", admin, Map.of("retention", "P1Y"))
                .expectProblem(409, "programmeId:retention-ended");

        // assessment-service's own stores confirm; the other services' confirmations come over their topic.
        JsonNode erasing = await().atMost(Duration.ofSeconds(15)).until(
                () -> get("/api/programmes/" + programme + "/retention", admin).expect(200).json(),
                r -> r.path("erased").asInt() == 2 && confirmed(r, ErasureStores.ASSESSMENT_VIEWS) == 2);
        assertThat(erasing.path("state").asText()).isEqualTo("erasing");
        assertThat(erasing.path("complete").asBoolean()).isFalse();
        List<String> others = List.of(ErasureStores.GOAL_EVENTS, ErasureStores.GOAL_VIEWS,
                ErasureStores.CATALOGUE_EVENTS, ErasureStores.CATALOGUE_VIEWS, ErasureStores.PROGRESS_JOURNEYS,
                ErasureStores.INSIGHTS_FACTS);
        for (String subject : subjects) {
            String erasureId = RetentionSweep.erasureIdOf(programme, pseudonym(subject));
            for (String store : others) {
                kafka.send(new CloudEventRecords(MessagingAutoConfiguration.integrationJson(),
                        org.tend.assessment.messaging.ErasureConfirmationsListener.ownerOf(store)).toRecord(
                        EventTypes.ERASURE_TOPIC, UUID.randomUUID().toString(),
                        clock.instant(), new IntegrationEvent(EventTypes.STORE_ERASED_V1, erasureId, Map.of(
                                "erasureId", erasureId, "store", store, "confirmedAt",
                                clock.instant().toString())))).join();
            }
        }
        JsonNode report = await().atMost(Duration.ofSeconds(15)).until(
                () -> get("/api/programmes/" + programme + "/retention", admin).expect(200).json(),
                r -> r.path("complete").asBoolean());
        assertThat(report.path("state").asText()).isEqualTo("complete");
        assertThat(report.path("completedAt").asText()).isNotBlank();
        assertThat(report.path("waiting").asInt()).isZero();
        List<String> stores = new ArrayList<>();
        report.path("stores").forEach(store -> {
            stores.add(store.path("store").asText());
            assertThat(store.path("confirmed").asInt()).as(store.toString()).isEqualTo(2);
            assertThat(store.path("confirmedAt").asText()).as(store.toString()).isNotBlank();
        });
        assertThat(stores).containsExactlyElementsOf(ErasureReports.STORES);
        for (String subject : subjects) {
            assertThat(report.toString()).doesNotContain(pseudonym(subject));
        }
    }

    static int confirmed(JsonNode report, String store) {
        for (JsonNode s : report.path("stores")) {
            if (s.path("store").asText().equals(store)) {
                return s.path("confirmed").asInt();
            }
        }
        return -1;
    }
}
