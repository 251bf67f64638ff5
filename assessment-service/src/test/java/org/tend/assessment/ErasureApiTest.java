package org.tend.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.kafka.core.KafkaTemplate;
import org.tend.contracts.ErasureStores;
import org.tend.plumbing.messaging.CloudEventRecords;
import org.tend.plumbing.messaging.IntegrationEvent;
import org.tend.plumbing.messaging.MessagingAutoConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tend.assessment.domain.assessment.AssessmentCompleted;
import org.tend.assessment.erasure.ErasureReports;
import org.tend.assessment.messaging.ErasureConfirmationsListener;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.keys.ParticipantKeys;
import org.tend.testsupport.TestTokens;

/**
 * Erasure in assessment-service (GDPR Art. 17): asked for by the participant, or by an administrator with the
 * participant's one-time code; the key is destroyed, the read models forget them, the erasure is published, and the
 * report says when each store confirmed. Bad requests change nothing.
 */
class ErasureApiTest extends ServiceTestSupport {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    static final ContractValidator CONTRACTS = ContractValidator.load();

    @Autowired
    ParticipantKeys keys;
    @Autowired
    EventStore events;

    @Test
    void aParticipantErasesThemselvesAndEveryStoreOfTheServiceConfirms() {
        String programmeId = newProgramme();
        String practitioner = unique("dr.erasure");
        assign(programmeId, practitioner);
        String subject = unique("erin");
        String token = TestTokens.participant(subject);
        post("/api/enrolments", token, Map.of("enrolmentCode", enrolmentCode(programmeId), "consent", true,
                "department", "finance")).expect(201);
        String participantId = pseudonym(subject);
        String assessmentId = take(token, "phq-9", phq9(3, 3, 3, 2, 2, 2, 2, 1, 1)).expect(201).json()
                .path("assessmentId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> alertsAbout(assessmentId, practitioner) == 1);

        long before = storedEvents();
        post("/api/me/erasure", token, Map.of("confirm", false)).expectProblem(422, "confirm:must-be-true");
        post("/api/me/erasure", token, Map.of()).expectProblem(400, "confirm:required");
        assertThat(storedEvents()).as("nothing written").isEqualTo(before);

        JsonNode accepted = post("/api/me/erasure", token, Map.of("confirm", true)).expect(202).json();
        String erasureId = accepted.path("erasureId").asText();
        assertThat(accepted.path("report").asText()).isEqualTo("/api/erasures/" + erasureId);

        // This service's own stores confirm; the report waits for the others' (none run here).
        List<String> own = List.of(ErasureStores.KEYS, ErasureStores.TOPICS, ErasureStores.DEAD_LETTERS,
                ErasureStores.ASSESSMENT_EVENTS, ErasureStores.ASSESSMENT_MEMBERSHIPS,
                ErasureStores.ASSESSMENT_VIEWS, ErasureStores.ASSESSMENT_SAFETY_ALERTS);
        JsonNode partial = await().atMost(Duration.ofSeconds(15)).until(
                () -> get("/api/erasures/" + erasureId, token).expect(200).json(),
                r -> confirmed(r).containsAll(own));
        assertThat(partial.path("complete").asBoolean()).isFalse();
        assertThat(partial.path("completedAt").isNull() || partial.path("completedAt").isMissingNode()).isTrue();
        assertThat(confirmed(partial)).containsExactlyInAnyOrderElementsOf(own);

        // The other services confirm over tend.erasure.confirmations, one twice (an outbox resend): kept once.
        // The other services confirm over tend.erasure.confirmations, each from its own source. A service confirming
        // a store that is not its own is refused (dead letter), and a confirmation sent again later keeps the first
        // time.
        List<String> others = new ArrayList<>(ErasureReports.STORES);
        others.removeAll(own);
        java.time.Instant first = clock.instant();
        confirm(erasureId, ErasureStores.CATALOGUE_VIEWS, "/tend/goal-service", first);
        for (String store : others) {
            confirm(erasureId, store, ErasureConfirmationsListener.ownerOf(store), first);
        }
        confirm(erasureId, ErasureStores.GOAL_VIEWS, "/tend/goal-service", first.plus(Duration.ofHours(1)));
        JsonNode report = await().atMost(Duration.ofSeconds(15)).until(
                () -> get("/api/erasures/" + erasureId, token).expect(200).json(),
                r -> r.path("complete").asBoolean());
        assertThat(report.path("requestedBy").asText()).isEqualTo("participant");
        List<String> stores = new ArrayList<>();
        report.path("stores").forEach(s -> {
            stores.add(s.path("store").asText());
            assertThat(s.path("confirmedAt").asText()).as(s.path("store").asText()).isNotBlank();
            assertThat(s.path("covers").asText()).isEqualTo(ErasureStores.description(s.path("store").asText()));
        });
        assertThat(stores).containsExactlyElementsOf(ErasureReports.STORES);
        report.path("stores").forEach(s -> {
            if (s.path("store").asText().equals(ErasureStores.GOAL_VIEWS)) {
                assertThat(java.time.Instant.parse(s.path("confirmedAt").asText())).as("the first confirmation's time")
                        .isBefore(first.plus(Duration.ofMinutes(1)));
            }
        });
        assertThat(rawRecordsUntil("tend.assessment.dead-letters", r -> erasureId.equals(r.key())).stream()
                .filter(r -> erasureId.equals(r.key()))).as("goal-service confirming catalogue's store").hasSize(1);
        assertThat(report.toString()).doesNotContain(participantId, subject);

        // The key is gone, so the store's events read with nothing about them; the read models hold nothing either.
        assertThat(keys.isErased(participantId)).isTrue();
        events.readEvents(assessmentId).asStream().map(m -> m.getPayload())
                .filter(AssessmentCompleted.class::isInstance).map(AssessmentCompleted.class::cast)
                .forEach(completed -> assertThat(completed.answers()).isEmpty());
        get("/api/enrolments/me", token).expect(404);
        get("/api/assessments/" + assessmentId, token).expect(404);
        assertThat(get("/api/assessments/me", token).expect(200).json()).isEmpty();
        assertThat(alertsAbout(assessmentId, practitioner)).isZero();
        for (String collection : List.of("assessments", "follow_ups", "safety_alerts")) {
            assertThat(mongo.getDatabase(database).getCollection(collection)
                    .countDocuments(new org.bson.Document("participantId", participantId))).as(collection).isZero();
        }

        // Published for every consumer: the pseudonym and the erasure's id, nothing else about the person.
        List<ConsumerRecord<String, byte[]>> records = recordsUntil(
                r -> participantId.equals(r.key()) && EventTypes.PARTICIPANT_ERASED_V1.equals(type(r)));
        ConsumerRecord<String, byte[]> erased = only(records, EventTypes.PARTICIPANT_ERASED_V1, participantId);
        assertThat(CONTRACTS.validate(EventTypes.PARTICIPANT_ERASED_V1, erased.value())).isEmpty();
        assertThat(data(erased).path("erasureId").asText()).isEqualTo(erasureId);
        assertThat(wholeRecord(erased)).doesNotContain(subject, "finance");

        // Erasing twice, enrolling again or withdrawing afterwards: problems, nothing written.
        long after = storedEvents();
        post("/api/me/erasure", token, Map.of("confirm", true)).expectProblem(409, "participantId:erased");
        post("/api/enrolments", token, Map.of("enrolmentCode", enrolmentCode(programmeId), "consent", true))
                .expectProblem(409, "participantId:erased");
        post("/api/enrolments/me/withdrawal", token, Map.of()).expectProblem(409, "participantId:erased");
        take(token, "gad-7", answers("gad7", 1, 1, 1, 1, 1, 1, 1)).expectProblem(409, "participantId:not-enrolled");
        post("/api/enrolments/me/erasure-code", token, Map.of()).expectProblem(409, "participantId:not-enrolled");
        assertThat(storedEvents()).isEqualTo(after);
    }

    @Test
    void anAdministratorErasesWithTheParticipantsCodeWithoutLearningWhoItIs() {
        String programmeId = newProgramme();
        String subject = unique("olu");
        String token = enrolled(subject, programmeId);
        String participantId = pseudonym(subject);
        take(token, "gad-7", answers("gad7", 2, 2, 2, 1, 1, 1, 1)).expect(201);

        String first = post("/api/enrolments/me/erasure-code", token, Map.of()).expect(201).json()
                .path("erasureCode").asText();
        JsonNode issued = post("/api/enrolments/me/erasure-code", token, Map.of()).expect(201).json();
        String code = issued.path("erasureCode").asText();
        assertThat(code).matches("[0-9A-Z]{5}(-[0-9A-Z]{5}){3}").isNotEqualTo(first);
        assertThat(issued.path("expiresAt").asText()).isNotBlank();

        String admin = admin();
        long before = storedEvents();
        post("/api/erasures", admin, Map.of("erasureCode", first)).expectProblem(404, "erasureCode:unknown");
        post("/api/erasures", admin, Map.of("erasureCode", "not a code")).expectProblem(404, "erasureCode:unknown");
        post("/api/erasures", admin, Map.of()).expectProblem(400, "erasureCode:required");
        post("/api/erasures", token, Map.of("erasureCode", code)).expect(403);
        assertThat(storedEvents()).isEqualTo(before);

        JsonNode accepted = post("/api/erasures", admin, Map.of("erasureCode", code.toLowerCase().replace("-", " ")))
                .expect(202).json();
        assertThat(accepted.toString()).doesNotContain(participantId);
        String erasureId = accepted.path("erasureId").asText();
        JsonNode report = await().atMost(Duration.ofSeconds(15)).until(
                () -> get("/api/erasures/" + erasureId, admin).expect(200).json(),
                r -> confirmed(r).contains(ErasureStores.KEYS));
        assertThat(report.path("requestedBy").asText()).isEqualTo("administrator");
        assertThat(report.toString()).doesNotContain(participantId);
        assertThat(keys.isErased(participantId)).isTrue();

        post("/api/erasures", admin, Map.of("erasureCode", code)).expectProblem(404, "erasureCode:unknown");
        // Someone else cannot read the report; the erased participant can.
        get("/api/erasures/" + erasureId, TestTokens.participant(unique("nosy"))).expect(404);
        get("/api/erasures/" + erasureId, token).expect(200);
        get("/api/erasures/not-an-id", admin).expect(400);
    }

    @Test
    void anExpiredCodeErasesNoOne() {
        String subject = unique("late");
        String token = enrolled(subject, newProgramme());
        String code = post("/api/enrolments/me/erasure-code", token, Map.of()).expect(201).json()
                .path("erasureCode").asText();
        clock.advance(Duration.ofDays(31));
        long before = storedEvents();
        post("/api/erasures", admin(), Map.of("erasureCode", code)).expectProblem(409, "erasureCode:expired");
        assertThat(storedEvents()).isEqualTo(before);
        assertThat(keys.isErased(pseudonym(subject))).isFalse();
        get("/api/enrolments/me", token).expect(200);
    }

    private int alertsAbout(String assessmentId, String practitioner) {
        int found = 0;
        for (JsonNode alert : get("/api/safety/alerts", TestTokens.practitioner(practitioner)).expect(200).json()) {
            if (alert.path("assessmentId").asText().equals(assessmentId)) {
                found++;
            }
        }
        return found;
    }

    /** The stores a report shows as confirmed. */
    static List<String> confirmed(JsonNode report) {
        List<String> confirmed = new ArrayList<>();
        report.path("stores").forEach(s -> {
            if (s.hasNonNull("confirmedAt")) {
                confirmed.add(s.path("store").asText());
            }
        });
        return confirmed;
    }

    /** A store's confirmation of the erasure, as the service at {@code source} sends it. */
    void confirm(String erasureId, String store, String source, java.time.Instant at) {
        kafka.send(new CloudEventRecords(MessagingAutoConfiguration.integrationJson(), source).toRecord(
                EventTypes.ERASURE_TOPIC, UUID.randomUUID().toString(), at, new IntegrationEvent(
                        EventTypes.STORE_ERASED_V1, erasureId, Map.of("erasureId", erasureId, "store", store,
                                "confirmedAt", at.toString())))).join();
    }
}
