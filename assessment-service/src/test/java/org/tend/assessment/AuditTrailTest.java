package org.tend.assessment;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.tend.assessment.expiry.AuditRetention;
import org.tend.assessment.query.AuditTrail;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.audit.AuditEntry;
import org.tend.plumbing.audit.AuditOutbox;
import org.tend.plumbing.messaging.CloudEventRecords;
import org.tend.plumbing.messaging.IntegrationEvent;
import org.tend.plumbing.messaging.MessagingAutoConfiguration;
import org.tend.security.TokenRules;
import org.tend.testsupport.TestTokens;

/**
 * The audit trail end to end inside assessment-service: a request is recorded in the outbox, published to
 * {@code tend.audit.entries}, kept in {@code audit_entries} and read back by an admin through {@code /api/audit}.
 */
class AuditTrailTest extends ServiceTestSupport {

    private static final Set<String> ENTRY_FIELDS = Set.of("_id", "actorId", "actorRoles", "action", "participantId",
            "outcome", "service", "occurredAt");

    @Autowired
    AuditTrail trail;
    @Autowired
    AuditRetention retention;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    private final String adminToken = TestTokens.admin(unique("auditor"));

    /** The admin's view of the trail for this query, once {@code until} holds (or 20 s have passed). */
    private List<JsonNode> awaitTrail(String query, Predicate<List<JsonNode>> until) {
        long deadline = System.currentTimeMillis() + 20_000;
        List<JsonNode> entries;
        do {
            entries = new ArrayList<>();
            get("/api/audit?limit=200&" + query, adminToken).expect(200).json().path("entries").forEach(entries::add);
            if (until.test(entries)) {
                return entries;
            }
            sleep(200);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("the trail never showed what was expected for " + query + ": " + entries);
    }

    private List<Document> outboxOf(String subject) {
        return mongo.getDatabase(database).getCollection(AuditOutbox.COLLECTION)
                .find(eq("actorId", pseudonym(subject))).into(new ArrayList<>());
    }

    /** A programme with a practitioner and an enrolled participant who has taken a GAD-7. */
    private record Caseload(String programmeId, String practitioner, String participant, String participantToken,
                            String assessmentId) {
    }

    private Caseload caseload() {
        String programmeId = newProgramme();
        String practitioner = unique("dr.audit");
        assign(programmeId, practitioner);
        String participant = unique("pat");
        String token = enrolled(participant, programmeId);
        String assessmentId = take(token, "gad-7", answers("gad7", 3, 3, 3, 3, 3, 0, 0)).expect(201).json()
                .path("assessmentId").asText();
        return new Caseload(programmeId, practitioner, participant, token, assessmentId);
    }

    @Test
    void aPractitionersReadsOfAParticipantAreEntriesWithActorActionParticipantAndOutcome() {
        Caseload c = caseload();
        String practitionerToken = TestTokens.practitioner(c.practitioner());
        String participantId = pseudonym(c.participant());
        get("/api/assessments?participantId=" + participantId, practitionerToken).expect(200);
        get("/api/assessments/" + c.assessmentId(), practitionerToken).expect(200);

        // Her reads of this participant (joining the programme by invitation is an entry of its own, about no one).
        List<JsonNode> entries = awaitTrail("actorId=" + pseudonym(c.practitioner()) + "&participantId="
                + participantId, e -> e.size() >= 2);
        assertThat(entries).extracting(e -> e.path("action").asText())
                .containsExactly("GET /api/assessments/{assessmentId}", "GET /api/assessments");
        assertThat(awaitTrail("actorId=" + pseudonym(c.practitioner()), e -> e.size() >= 3))
                .extracting(e -> e.path("action").asText()).contains("POST /api/invitations/redemptions");
        for (JsonNode entry : entries) {
            assertThat(entry.path("actorId").asText()).isEqualTo(pseudonym(c.practitioner()));
            assertThat(entry.path("actorRoles").toString()).isEqualTo("[\"practitioner\"]");
            assertThat(entry.path("participantId").asText()).isEqualTo(participantId);
            assertThat(entry.path("outcome").asInt()).isEqualTo(200);
            assertThat(entry.path("service").asText()).isEqualTo("assessment-service");
            assertThat(entry.path("occurredAt").asText()).endsWith("Z");
        }
    }

    @Test
    void aRefusedReadIsAnEntryWithOutcome403() {
        Caseload c = caseload();
        String outsider = unique("dr.outsider");
        assign(newProgramme(), outsider);
        get("/api/assessments/" + c.assessmentId(), TestTokens.practitioner(outsider)).expectProblem(403);

        // The outsider's assignment (a redemption, 201) is in the trail too, and may be listed first or arrive first.
        Predicate<JsonNode> theRead = e -> e.path("action").asText().equals("GET /api/assessments/{assessmentId}");
        JsonNode entry = awaitTrail("actorId=" + pseudonym(outsider), e -> e.stream().anyMatch(theRead)).stream()
                .filter(theRead).findFirst().orElseThrow();
        assertThat(entry.path("outcome").asInt()).isEqualTo(403);
        assertThat(entry.path("participantId").asText()).isEqualTo(pseudonym(c.participant()));
    }

    @Test
    void aParticipantReadingTheirOwnDataIsNoEntry() {
        Caseload c = caseload();
        get("/api/assessments/me", c.participantToken()).expect(200);
        get("/api/assessments/" + c.assessmentId(), c.participantToken()).expect(200);
        get("/api/enrolments/me", c.participantToken()).expect(200);
        assertThat(outboxOf(c.participant())).isEmpty();
        assertThat(trail.page(new AuditTrail.Query(pseudonym(c.participant()), null, null, null, null, 10, null))
                .entries()).isEmpty();
    }

    @Test
    void hrAndAdminQueriesAreEntriesAndAPractitionersReadOfReferenceDataIsNot() {
        String hr = unique("hana");
        get("/api/programmes", TestTokens.hr(hr)).expectProblem(403);
        get("/api/instruments", TestTokens.hr(hr)).expect(200);
        String admin = unique("adam");
        String programmeId = post("/api/programmes", TestTokens.admin(admin), Map.of("organisationId", "acme",
                "name", "Acme wellbeing", "minimumGroupSize", 5, "crisisSignposting", "Call 0800 000 000",
                "departments", List.of("engineering"))).expect(201).json().path("programmeId").asText();
        get("/api/programmes/" + programmeId, TestTokens.admin(admin)).expect(200);
        String practitioner = unique("dr.ref");
        get("/api/instruments", TestTokens.practitioner(practitioner)).expect(200);
        get("/api/instruments/phq-9", TestTokens.practitioner(practitioner)).expect(200);

        assertThat(awaitTrail("actorId=" + pseudonym(hr), e -> e.size() >= 2))
                .extracting(e -> e.path("action").asText() + " " + e.path("outcome").asInt())
                .containsExactly("GET /api/instruments 200", "GET /api/programmes 403");
        assertThat(awaitTrail("actorId=" + pseudonym(admin), e -> e.size() >= 2))
                .extracting(e -> e.path("action").asText() + " " + e.path("outcome").asInt())
                .containsExactly("GET /api/programmes/{programmeId} 200", "POST /api/programmes 201");
        assertThat(outboxOf(practitioner)).isEmpty();
    }

    /** Reading the trail is an admin query like any other, and is recorded. */
    @Test
    void readingTheTrailIsItselfAnEntry() {
        String admin = unique("adam.reads");
        String someone = pseudonym(unique("someone"));
        get("/api/audit?participantId=" + someone, TestTokens.admin(admin)).expect(200);
        JsonNode entry = awaitTrail("actorId=" + pseudonym(admin), e -> !e.isEmpty()).get(0);
        assertThat(entry.path("action").asText()).isEqualTo("GET /api/audit");
        assertThat(entry.path("participantId").asText()).isEqualTo(someone);
        assertThat(entry.path("actorRoles").toString()).isEqualTo("[\"admin\"]");
    }

    @Test
    void onlyAdminsReadTheTrail() {
        for (String token : List.of(TestTokens.participant(unique("p")), TestTokens.practitioner(unique("q")),
                TestTokens.hr(unique("h")), TestTokens.valid(unique("ph"), "participant", "hr"))) {
            Response refused = get("/api/audit", token).expectProblem(403);
            assertThat(refused.json().path("detail").asText()).isEqualTo(TokenRules.FORBIDDEN);
        }
        get("/api/audit", null).expectProblem(401);
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("actorId=alice@example.org", "actorId:pattern");
        cases.put("participantId=p_TOOSHORT", "participantId:pattern");
        cases.put("service=goal", "service:pattern");
        cases.put("service=Goal%20Service", "service:pattern");
        cases.put("from=yesterday", "from:format");
        cases.put("to=2026-13-01T00:00:00Z", "to:format");
        cases.put("from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "to:after-from");
        cases.put("limit=0", "limit:range");
        cases.put("limit=201", "limit:range");
        cases.put("limit=ten", "limit:range");
        cases.put("pageToken=not-a-token", "pageToken:malformed");
        cases.put("pageToken=" + java.util.Base64.getUrlEncoder().encodeToString("12:alice".getBytes(
                StandardCharsets.UTF_8)), "pageToken:malformed");
        cases.forEach((query, error) -> get("/api/audit?" + query, adminToken).expectProblem(400, error));
    }

    /** Pages of a fixed size, newest first, each entry once, and the filters narrowing them. */
    @Test
    void theTrailIsPagedNewestFirstAndFiltered() {
        String actor = pseudonym(unique("dr.pages"));
        String alice = pseudonym(unique("alice"));
        String bob = pseudonym(unique("bob"));
        Instant start = Instant.parse("2026-01-10T09:00:00Z");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            AuditEntry entry = AuditEntry.of(actor, List.of("practitioner"), "GET", "/api/journeys/{participantId}",
                    i % 2 == 0 ? alice : bob, 200, i < 5 ? "progress-service" : "goal-service",
                    // two entries in the same millisecond: the page order breaks the tie by id
                    start.plus(Duration.ofMinutes(i == 6 ? 5 : i)));
            trail.record(entry);
            expected.add(entry.entryId());
        }

        List<String> seen = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            JsonNode page = get("/api/audit?limit=3&actorId=" + actor + (token == null ? "" : "&pageToken=" + token),
                    adminToken).expect(200).json();
            page.path("entries").forEach(e -> {
                seen.add(e.path("entryId").asText());
                times.add(Instant.parse(e.path("occurredAt").asText()));
            });
            token = page.hasNonNull("nextPageToken") ? page.path("nextPageToken").asText() : null;
            pages++;
        } while (token != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        assertThat(get("/api/audit?actorId=" + actor + "&participantId=" + alice, adminToken).json()
                .path("entries")).hasSize(4).allSatisfy(e -> assertThat(e.path("participantId").asText())
                .isEqualTo(alice));
        assertThat(get("/api/audit?actorId=" + actor + "&service=goal-service", adminToken).json()
                .path("entries")).hasSize(2);
        assertThat(get("/api/audit?actorId=" + actor + "&from=" + start.plus(Duration.ofMinutes(2)) + "&to="
                + start.plus(Duration.ofMinutes(4)), adminToken).json().path("entries"))
                .extracting(e -> e.path("occurredAt").asText())
                .containsExactly("2026-01-10T09:03:00Z", "2026-01-10T09:02:00Z");
        JsonNode last = get("/api/audit?actorId=" + actor + "&limit=200", adminToken).json();
        assertThat(last.has("nextPageToken")).isFalse();
        assertThat(get("/api/audit?actorId=" + actor, adminToken).json().path("entries")).hasSize(7);
    }

    /** The answer held scores and bands; the stored entry holds its eight fields and nothing of the answer. */
    @Test
    void noEntryHoldsAScoreOrFreeText() {
        Caseload c = caseload();
        String practitionerToken = TestTokens.practitioner(c.practitioner());
        String answer = get("/api/assessments?participantId=" + pseudonym(c.participant()), practitionerToken)
                .expect(200).body();
        assertThat(answer).contains("score").contains("severe");
        awaitTrail("actorId=" + pseudonym(c.practitioner()), e -> !e.isEmpty());

        List<Document> stored = mongo.getDatabase(database).getCollection(AuditTrail.COLLECTION)
                .find(eq("actorId", pseudonym(c.practitioner()))).into(new ArrayList<>());
        assertThat(stored).isNotEmpty().allSatisfy(doc -> {
            assertThat(ENTRY_FIELDS).containsAll(doc.keySet());
            assertThat(doc.toJson()).doesNotContain("score").doesNotContain("severe").doesNotContain("gad")
                    .doesNotContain(c.practitioner()).doesNotContain(c.participant()).doesNotContain("?");
        });
        assertThat(outboxOf(c.practitioner())).isNotEmpty().allSatisfy(doc -> {
            assertThat(doc.keySet()).allMatch(k -> ENTRY_FIELDS.contains(k) || k.equals("sentAt"));
            assertThat(doc.toJson()).doesNotContain("score").doesNotContain("severe");
        });
        // The read about the participant (her trail also holds joining the programme, about no participant).
        JsonNode viaApi = awaitTrail("actorId=" + pseudonym(c.practitioner()) + "&participantId="
                + pseudonym(c.participant()), e -> !e.isEmpty()).get(0);
        Set<String> apiFields = new HashSet<>();
        viaApi.fieldNames().forEachRemaining(apiFields::add);
        assertThat(apiFields).containsExactlyInAnyOrder("entryId", "actorId", "actorRoles", "action",
                "participantId", "outcome", "service", "occurredAt");
    }

    /** A record sent twice (the outbox resends what it could not see acknowledged) is kept once. */
    @Test
    void anEntrySentTwiceIsKeptOnce() throws Exception {
        String actor = pseudonym(unique("dr.twice"));
        AuditEntry entry = AuditEntry.of(actor, List.of("practitioner"), "GET", "/api/goals", null, 200,
                "goal-service", clock.instant());
        AuditEntry marker = AuditEntry.of(actor, List.of("practitioner"), "GET", "/api/goals", null, 200,
                "goal-service", clock.instant().plusMillis(1));
        CloudEventRecords records = new CloudEventRecords(MessagingAutoConfiguration.integrationJson(),
                "/tend/goal-service");
        for (AuditEntry each : List.of(entry, entry, marker)) {
            kafka.send(records.toRecord(EventTypes.AUDIT_TOPIC, each.entryId(), each.occurredAt(),
                    new IntegrationEvent(EventTypes.AUDIT_ENTRY_RECORDED_V1, actor, each.data()))).get();
        }
        // Same key, same partition: once the marker is kept, both copies have been read.
        List<JsonNode> kept = awaitTrail("actorId=" + actor, e -> e.size() >= 2);
        assertThat(kept).extracting(e -> e.path("entryId").asText())
                .containsExactly(marker.entryId(), entry.entryId());
        assertThat(deadLetters(r -> actor.equals(r.key()))).isEmpty();
    }

    /** Kept for tend.audit.retention (P400D) by the service clock, then purged. */
    @Test
    void entriesArePurgedOnceTheRetentionHasPassed() {
        String actor = pseudonym(unique("dr.old"));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        AuditEntry older = AuditEntry.of(actor, List.of("practitioner"), "GET", "/api/goals", null, 200,
                "goal-service", now.minus(Duration.ofHours(1)));
        AuditEntry newer = AuditEntry.of(actor, List.of("practitioner"), "GET", "/api/goals", null, 200,
                "goal-service", now);
        trail.record(older);
        trail.record(newer);
        AuditTrail.Query byActor = new AuditTrail.Query(actor, null, null, null, null, 10, null);

        clock.advance(Duration.ofDays(400).minus(Duration.ofHours(2)));
        retention.purge();
        assertThat(trail.page(byActor).entries()).hasSize(2);
        clock.advance(Duration.ofMinutes(90));
        retention.purge();
        assertThat(trail.page(byActor).entries()).extracting(AuditEntry::entryId).containsExactly(newer.entryId());
        clock.advance(Duration.ofHours(1));
        retention.purge();
        assertThat(trail.page(byActor).entries()).isEmpty();
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters(Predicate<ConsumerRecord<String, byte[]>> which) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "test-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            consumer.subscribe(List.of("tend.assessment.dead-letters"));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 3_000;
            while (System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (which.test(r)) {
                        found.add(r);
                    }
                });
            }
            return found;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
