package org.tend.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tend.catalogue.AssessmentRecords.assigned;
import static org.tend.catalogue.AssessmentRecords.completed;
import static org.tend.catalogue.AssessmentRecords.held;
import static org.tend.catalogue.AssessmentRecords.released;
import static org.tend.catalogue.AssessmentRecords.enrolled;
import static org.tend.catalogue.AssessmentRecords.uuid;
import static org.tend.catalogue.TopicReader.header;
import static org.tend.catalogue.TopicReader.keyed;
import static org.tend.catalogue.TopicReader.ofType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.tend.contracts.ErasureStores;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.tend.catalogue.data.LoadedCatalogue;
import org.tend.catalogue.domain.Intervention;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.identity.Pseudonymizer;
import org.tend.testsupport.EmbeddedMongo;
import org.tend.plumbing.messaging.CloudEventRecords;
import org.tend.plumbing.messaging.IntegrationEvent;
import org.tend.plumbing.messaging.MessagingAutoConfiguration;
import org.tend.testsupport.RoleRefusals.Call;
import org.tend.testsupport.RoleRefusals;
import org.tend.testsupport.TestJwtConfiguration;
import org.tend.testsupport.TestTokens;

/**
 * The service as its users meet it: the seeded catalogue over HTTP and on Kafka, recommendations answering
 * assessment-service's records, preferences, and the refusals (tokens, roles, bad input, poison records).
 */
// One partition per topic: a "marker" record sent after another is then processed after it.
// No assessment-service makes the participants' keys here (their enrolments are published by the test), so this service
// makes them itself.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tend.messaging.partitions=1", "tend.keys.makes-keys=true"})
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ContextConfiguration(initializers = EmbeddedMongo.class)
@Import(TestJwtConfiguration.class)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogueServiceIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ContractValidator CONTRACTS = ContractValidator.load();

    @LocalServerPort
    int port;
    @Autowired
    org.springframework.context.ApplicationContext context;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    Pseudonymizer pseudonymizer;
    @Autowired
    LoadedCatalogue loaded;
    @Autowired
    MongoDatabase database;
    @Autowired
    org.tend.keys.ParticipantKeys keys;

    private Http http;
    private KafkaTemplate<String, byte[]> assessmentService;
    private TopicReader catalogueEvents;
    private TopicReader deadLetters;

    @BeforeAll
    void connect() {
        http = new Http(port);
        assessmentService = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                Map.of("bootstrap.servers", broker.getBrokersAsString()), new StringSerializer(),
                new ByteArraySerializer()));
        catalogueEvents = new TopicReader(broker.getBrokersAsString(), "tend.catalogue.events", keys);
        deadLetters = new TopicReader(broker.getBrokersAsString(), "tend.catalogue.dead-letters");
    }

    @AfterAll
    void disconnect() {
        catalogueEvents.close();
        deadLetters.close();
        assessmentService.destroy();
    }

    /** Reached directly, the service itself refuses individual data to HR, admin and unknown roles. */
    @Test
    void individualDataIsRefusedToHrAdminAndUnknownRolesByTheServiceItself() {
        RoleRefusals.assertRefused(port, List.of(
                Call.get("/api/recommendations/me"),
                Call.get("/api/recommendations?participantId=p_aaaaaaaaaaaaaaaaaaaaaaaaaa"),
                Call.put("/api/recommendations/me/preferences", "{\"formats\":[\"digital\"]}")));
    }

    // ---- the catalogue ----

    @Test
    void seedingPublishesOneValidRecordPerEntryKeyedByItsId() throws Exception {
        Set<String> ids = loaded.catalogue().interventions().stream().map(Intervention::id)
                .collect(Collectors.toSet());
        await().atMost(WAIT).until(() -> published(EventTypes.INTERVENTION_PUBLISHED_V1).size() >= ids.size());

        List<ConsumerRecord<String, byte[]>> records = published(EventTypes.INTERVENTION_PUBLISHED_V1);
        assertThat(records).hasSize(ids.size());
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(ids);
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(CONTRACTS.validate(EventTypes.INTERVENTION_PUBLISHED_V1, record.value()))
                    .as(record.key()).isEmpty();
            assertCloudEventHeaders(record, EventTypes.INTERVENTION_PUBLISHED_V1);
            JsonNode data = JSON.readTree(record.value());
            assertThat(data.get("interventionId").asText()).isEqualTo(record.key());
            assertThat(data.get("catalogueVersion").asText()).isEqualTo("1.0.0");
        }
        ConsumerRecord<String, byte[]> cbt = records.stream().filter(keyed("cbt")).findFirst().orElseThrow();
        JsonNode data = JSON.readTree(cbt.value());
        assertThat(data.get("name").asText()).isEqualTo("Cognitive behavioural therapy (CBT)");
        assertThat(data.get("formats")).extracting(JsonNode::asText)
                .containsExactly("individual", "group", "self-guided", "digital");
        assertThat(data.get("suitableSeverities")).extracting(JsonNode::asText)
                .containsExactly("step-2", "step-3", "step-4");
    }

    @Test
    void everyRoleButHrListsAndReadsTheCatalogue() {
        await().atMost(WAIT).until(() -> http.get("/api/interventions", participant("reader")).body()
                .path("count").asInt() == loaded.catalogue().interventions().size());

        for (String token : List.of(participant("reader"), TestTokens.practitioner("dr-reader"),
                TestTokens.admin("admin-reader"))) {
            Http.Response cbt = http.get("/api/interventions/cbt", token);
            assertThat(cbt.status()).isEqualTo(200);
            assertThat(cbt.body().get("interventionId").asText()).isEqualTo("cbt");
            assertThat(cbt.body().get("name").asText()).isEqualTo("Cognitive behavioural therapy (CBT)");
            assertThat(cbt.body().get("evidenceStrength").asText()).isEqualTo("nice-recommended");
            assertThat(cbt.body().get("catalogueVersion").asText()).isEqualTo("1.0.0");
            assertThat(cbt.body().get("publishedAt").asText()).endsWith("Z");
        }
        Http.Response art = http.get("/api/interventions/art-therapy", participant("reader"));
        assertThat(art.body().path("snomed").path("code").asText()).isEqualTo("302257006");

        Http.Response hr = http.get("/api/interventions", TestTokens.hr("hana"));
        assertThat(hr.status()).isEqualTo(403);
        assertThat(hr.contentType()).startsWith("application/problem+json");
        assertThat(http.get("/api/interventions/cbt", TestTokens.hr("hana")).status()).isEqualTo(403);

        // The catalogue is reference data: a practitioner's reads of it are not audited, an admin's are.
        var outbox = database.getCollection(org.tend.plumbing.audit.AuditOutbox.COLLECTION);
        assertThat(outbox.countDocuments(com.mongodb.client.model.Filters.eq("actorId",
                pseudonymizer.pseudonymFor("dr-reader")))).isZero();
        assertThat(outbox.countDocuments(com.mongodb.client.model.Filters.eq("actorId",
                pseudonymizer.pseudonymFor("admin-reader")))).isEqualTo(1);
    }

    @Test
    void theListFiltersByFormatLevelAndTarget() {
        await().atMost(WAIT).until(() -> http.get("/api/interventions", participant("reader")).body()
                .path("count").asInt() == loaded.catalogue().interventions().size());

        Http.Response filtered = http.get("/api/interventions?format=group&level=step-2&target=anxiety",
                participant("reader"));

        assertThat(filtered.status()).isEqualTo(200);
        List<JsonNode> items = list(filtered.body().get("interventions"));
        List<String> expected = loaded.catalogue().interventions().stream()
                .filter(i -> i.formats().stream().anyMatch(f -> f.code().equals("group")))
                .filter(i -> i.suitableLevels().stream().anyMatch(l -> l.code().equals("step-2")))
                .filter(i -> i.targets().contains("anxiety"))
                .map(Intervention::id).sorted().toList();
        assertThat(expected).isNotEmpty().contains("cbt");
        assertThat(items).extracting(i -> i.get("interventionId").asText()).containsExactlyElementsOf(expected);
        assertThat(filtered.body().get("count").asInt()).isEqualTo(expected.size());
    }

    @Test
    void unknownInterventionsAndBadFiltersAreProblemsNamingTheField() {
        Http.Response unknown = http.get("/api/interventions/telepathy", participant("reader"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.errorField()).isEqualTo("interventionId");

        for (Object[] bad : new Object[][] {
                {"?format=telepathy", "format", "enum"},
                {"?level=safety", "level", "enum"},
                {"?level=step-9", "level", "enum"},
                {"?target=Not%20A%20Slug", "target", "pattern"},
                {"?target=astrology", "target", "unknown"}}) {
            Http.Response response = http.get("/api/interventions" + bad[0], participant("reader"));
            assertThat(response.status()).as(bad[0].toString()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.errorField()).isEqualTo(bad[1]);
            assertThat(response.errorRule()).isEqualTo(bad[2]);
        }
    }

    @Test
    void requestsWithoutAValidTokenAreRefused() {
        for (String token : List.of("", TestTokens.forged("alice", List.of("participant")),
                TestTokens.expired("alice", List.of("participant")),
                TestTokens.wrongIssuer("alice", List.of("participant")))) {
            for (String path : List.of("/api/interventions", "/api/recommendations/me")) {
                Http.Response response = http.get(path, token);
                assertThat(response.status()).as(path).isEqualTo(401);
                assertThat(response.contentType()).startsWith("application/problem+json");
            }
        }
        assertThat(http.get("/api/interventions", null).status()).isEqualTo(401);
    }

    // ---- recommendations ----

    @Test
    void aModeratelySeverePhq9IsAnsweredWithStep3AndCbtNearTheTop() throws Exception {
        String alice = pseudonym("alice");
        String programme = uuid();
        String practitioner = pseudonym("dr-pat");
        String assessmentId = uuid();
        send(assigned(programme, practitioner));
        send(enrolled(alice, programme));
        send(completed(assessmentId, alice, programme, "phq-9", 17, 0, 27, "moderately-severe",
                Instant.parse("2025-03-04T08:40:00Z")));

        Http.Response mine = awaitRecommendations(participant("alice"));

        JsonNode body = mine.body();
        assertThat(body.get("participantId").asText()).isEqualTo(alice);
        assertThat(body.at("/level/code").asText()).isEqualTo("step-3");
        assertThat(body.at("/level/label").asText()).isEqualTo("step 3 high-intensity with a clinician");
        assertThat(body.at("/level/reason").asText()).startsWith("PHQ-9 total 17 (moderately severe) is at or above 16")
                .contains("[rule phq9-more-severe]");
        assertThat(body.at("/basis/assessmentId").asText()).isEqualTo(assessmentId);
        assertThat(body.get("pathway").isNull()).isTrue();
        List<JsonNode> items = list(body.get("recommendations"));
        assertThat(items).isNotEmpty().allSatisfy(item -> {
            assertThat(item.get("name").asText()).isNotBlank();
            assertThat(item.get("formats")).isNotEmpty();
            assertThat(item.get("reason").asText()).startsWith("PHQ-9 total 17");
            assertThat(item.get("reasonCode").asText()).matches("[a-z0-9]+(-[a-z0-9]+)*");
        });
        JsonNode cbt = items.stream().filter(i -> i.get("interventionId").asText().equals("cbt")).findFirst()
                .orElseThrow();
        assertThat(cbt.get("rank").asInt()).isLessThanOrEqualTo(3);
        assertThat(cbt.get("name").asText()).isEqualTo("Cognitive behavioural therapy (CBT)");
        assertThat(cbt.get("reason").asText()).contains("is NICE-recommended at this step");

        ConsumerRecord<String, byte[]> record = awaitIssued(alice, 1).get(0);
        assertCloudEventHeaders(record, EventTypes.RECOMMENDATIONS_ISSUED_V1);
        assertThat(CONTRACTS.validate(EventTypes.RECOMMENDATIONS_ISSUED_V1, record.value())).isEmpty();
        JsonNode data = JSON.readTree(record.value());
        assertThat(data.get("participantId").asText()).isEqualTo(alice);
        assertThat(data.get("basedOnAssessmentId").asText()).isEqualTo(assessmentId);
        assertThat(data.get("instrumentId").asText()).isEqualTo("phq-9");
        assertThat(data.get("band").asText()).isEqualTo("moderately-severe");
        assertThat(data.get("steppedCareLevel").asText()).isEqualTo("step-3");
        assertThat(list(data.get("recommendations"))).extracting(r -> r.get("interventionId").asText())
                .containsExactlyElementsOf(items.stream().map(i -> i.get("interventionId").asText()).toList());
        assertThat(new String(record.value())).doesNotContain("NICE-recommended at this step", "alice");

        // The practitioner assigned to her programme sees the same; nobody else does.
        Http.Response seen = http.get("/api/recommendations?participantId=" + alice,
                TestTokens.practitioner("dr-pat"));
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.body().at("/level/code").asText()).isEqualTo("step-3");
        assertThat(http.get("/api/recommendations?participantId=" + alice, TestTokens.practitioner("dr-other"))
                .status()).isEqualTo(403);
        assertThat(http.get("/api/recommendations?participantId=" + alice, TestTokens.hr("hana")).status())
                .isEqualTo(403);
        assertThat(http.get("/api/recommendations?participantId=" + alice, TestTokens.admin("ada")).status())
                .isEqualTo(403);
        assertThat(http.get("/api/recommendations?participantId=" + alice, participant("alice")).status())
                .isEqualTo(403);
        assertThat(http.get("/api/recommendations/me", TestTokens.hr("hana")).status()).isEqualTo(403);
        assertThat(http.get("/api/recommendations/me", TestTokens.practitioner("dr-pat")).status())
                .isEqualTo(403);

        // Each of those requests but alice's own is an audit entry about her, with its outcome.
        assertThat(auditOf("dr-pat", alice)).extracting(e -> e.getString("action") + " " + e.getInteger("outcome"))
                .containsExactly("GET /api/recommendations 200");
        assertThat(auditOf("dr-other", alice)).extracting(e -> e.getInteger("outcome")).containsExactly(403);
        assertThat(auditOf("hana", alice)).extracting(e -> e.getInteger("outcome")).containsExactly(403);
        assertThat(auditOf("ada", alice)).extracting(e -> e.getInteger("outcome")).containsExactly(403);
        assertThat(database.getCollection(org.tend.plumbing.audit.AuditOutbox.COLLECTION)
                .countDocuments(com.mongodb.client.model.Filters.eq("actorId", alice))).isZero();
        assertThat(auditOf("dr-pat", alice)).allSatisfy(e -> assertThat(e.toJson()).doesNotContain("step-3")
                .doesNotContain("cbt").doesNotContain("dr-pat"));
    }

    /** The audit entries in the service's outbox by this login subject's pseudonym about this participant. */
    private List<org.bson.Document> auditOf(String subject, String participantId) {
        return database.getCollection(org.tend.plumbing.audit.AuditOutbox.COLLECTION).find(
                com.mongodb.client.model.Filters.and(
                        com.mongodb.client.model.Filters.eq("actorId", pseudonymizer.pseudonymFor(subject)),
                        com.mongodb.client.model.Filters.eq("participantId", participantId)))
                .into(new java.util.ArrayList<>());
    }

    @Test
    void theMostSevereOfWho5AndAMaximalPhq9DecidesAndRefersFirst() throws Exception {
        String bob = pseudonym("bob");
        String programme = uuid();
        String phq9 = uuid();
        send(completed(uuid(), bob, programme, "who-5", 20, 0, 100, "likely-depression",
                Instant.parse("2025-03-04T08:00:00Z")));
        awaitIssued(bob, 1);
        send(completed(phq9, bob, programme, "phq-9", 27, 0, 27, "severe", Instant.parse("2025-03-04T08:10:00Z")));

        List<ConsumerRecord<String, byte[]>> issued = awaitIssued(bob, 2);

        JsonNode latest = JSON.readTree(issued.get(1).value());
        assertThat(latest.get("steppedCareLevel").asText()).isEqualTo("step-4");
        assertThat(latest.get("basedOnAssessmentId").asText()).isEqualTo(phq9);
        assertThat(latest.get("instrumentId").asText()).isEqualTo("phq-9");
        assertThat(CONTRACTS.validate(EventTypes.RECOMMENDATIONS_ISSUED_V1, issued.get(1).value())).isEmpty();
        assertThat(JSON.readTree(issued.get(0).value()).get("steppedCareLevel").asText()).isEqualTo("step-2");

        await().atMost(WAIT).until(() -> http.get("/api/recommendations/me", participant("bob")).body()
                .at("/level/code").asText().equals("step-4"));
        JsonNode body = http.get("/api/recommendations/me", participant("bob")).body();
        assertThat(body.at("/pathway/pathway").asText()).isEqualTo("specialist-referral");
        assertThat(body.at("/pathway/reasonCode").asText()).isEqualTo("refer-specialist");
        assertThat(body.at("/pathway/reason").asText()).contains("refer to a specialist mental health service");
        assertThat(list(body.get("considered"))).extracting(c -> c.get("instrumentId").asText())
                .containsExactly("phq-9", "who-5");
    }

    /**
     * Records that arrive together (one poll, as a backlog is read) are applied as they would be one by one: a
     * participant's assessments in their order, each once, and a bad record among them dead-lettered on its own.
     */
    @Test
    void assessmentsArrivingTogetherAreAppliedInOrderOnceEachAndABadOneAmongThemAloneIsDeadLettered() {
        String gina = pseudonym("gina-together");
        String programme = uuid();
        String who5 = uuid();
        String phq9 = uuid();
        ProducerRecord<String, byte[]> first = completed(who5, gina, programme, "who-5", 20, 0, 100,
                "likely-depression", Instant.parse("2025-03-04T08:00:00Z"));
        List.of(first,
                AssessmentRecords.record(EventTypes.ASSESSMENT_COMPLETED_V1, gina, uuid(),
                        Map.of("assessmentId", "not-a-uuid", "participantId", gina)),
                completed(phq9, gina, programme, "phq-9", 27, 0, 27, "severe", Instant.parse("2025-03-04T08:10:00Z")),
                first).forEach(assessmentService::send);
        assessmentService.flush();
        String marker = pseudonym("gina-marker");
        send(completed(uuid(), marker, uuid(), "gad-7", 3, 0, 21, "minimal", Instant.now()));
        awaitIssued(marker, 1);
        await().atMost(WAIT).until(() -> deadLetters.records(keyed(gina)).size() >= 1);

        // Who-5 first (step 2), then PHQ-9 (step 4): the other order would have issued step 4 alone.
        assertThat(awaitIssued(gina, 2)).extracting(r -> json(r.value()).get("steppedCareLevel").asText())
                .containsExactly("step-2", "step-4");
        assertThat(database.getCollection("domainevents").countDocuments(Filters.and(
                Filters.eq("aggregateIdentifier", gina), Filters.eq("payloadType",
                        org.tend.catalogue.domain.recommendation.AssessmentOutcomeRecorded.class.getName()))))
                .isEqualTo(2);
        assertThat(deadLetters.records(keyed(gina))).hasSize(1);
    }

    private static JsonNode json(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aRawWho5TotalIsRoutedOnThePercentageScale() {
        String carol = pseudonym("carol");
        send(completed(uuid(), carol, uuid(), "who-5", 5, 0, 25, "likely-depression", Instant.now()));

        JsonNode body = awaitRecommendations(participant("carol")).body();

        assertThat(body.at("/level/code").asText()).isEqualTo("step-2");
        assertThat(body.at("/level/reason").asText()).startsWith("WHO-5 20% (likely depression)");
    }

    @Test
    void aRedeliveredRecordChangesNothing() {
        String dave = pseudonym("dave");
        ProducerRecord<String, byte[]> record = completed(uuid(), dave, uuid(), "gad-7", 12, 0, 21, "moderate",
                Instant.now());
        send(record);
        awaitIssued(dave, 1);

        send(record);
        String marker = pseudonym("dave-marker");
        send(completed(uuid(), marker, uuid(), "gad-7", 3, 0, 21, "minimal", Instant.now()));
        awaitIssued(marker, 1); // one partition: the redelivery was handled before the marker

        assertThat(published(EventTypes.RECOMMENDATIONS_ISSUED_V1).stream().filter(keyed(dave))).hasSize(1);
        assertThat(database.getCollection("domainevents").countDocuments(Filters.eq("aggregateIdentifier", dave)))
                .isEqualTo(2); // AssessmentOutcomeRecorded + RecommendationsIssued, once
    }

    @Test
    void anOlderRecordArrivingLateDoesNotOverrideTheNewer() {
        String erin = pseudonym("erin");
        String programme = uuid();
        send(completed(uuid(), erin, programme, "phq-9", 6, 0, 27, "mild", Instant.parse("2025-03-05T09:00:00Z")));
        awaitIssued(erin, 1);
        send(completed(uuid(), erin, programme, "phq-9", 22, 0, 27, "severe",
                Instant.parse("2025-03-01T09:00:00Z")));
        String marker = pseudonym("erin-marker");
        send(completed(uuid(), marker, uuid(), "gad-7", 3, 0, 21, "minimal", Instant.now()));
        awaitIssued(marker, 1);

        assertThat(published(EventTypes.RECOMMENDATIONS_ISSUED_V1).stream().filter(keyed(erin))).hasSize(1);
        assertThat(awaitRecommendations(participant("erin")).body().at("/level/code").asText())
                .isEqualTo("step-1-2");
    }

    @Test
    void poisonRecordsGoToDeadLettersAndTheNextRecordIsStillProcessed() throws Exception {
        String poisonKey = pseudonym("poison");
        send(new ProducerRecord<>(EventTypes.ASSESSMENT_TOPIC, poisonKey, "not a cloud event".getBytes()));
        Map<String, Object> breaksContract = Map.of("assessmentId", "not-a-uuid", "participantId", poisonKey);
        send(AssessmentRecords.record(EventTypes.ASSESSMENT_COMPLETED_V1, poisonKey, uuid(), breaksContract));
        String frank = pseudonym("frank-after-poison");
        send(completed(uuid(), frank, uuid(), "phq-9", 12, 0, 27, "moderate", Instant.now()));

        awaitIssued(frank, 1);
        await().atMost(WAIT).until(() -> deadLetters.records(keyed(poisonKey)).size() >= 2);
        List<ConsumerRecord<String, byte[]>> dead = deadLetters.records(keyed(poisonKey));
        assertThat(dead).hasSize(2);
        assertThat(header(dead.get(1), "kafka_dlt-exception-message")).contains("breaks its contract")
                .doesNotContain("not-a-uuid");
        assertThat(published(EventTypes.RECOMMENDATIONS_ISSUED_V1).stream().filter(keyed(poisonKey))).isEmpty();
    }

    /**
     * A client that may write some topic cannot pass off assessment-service's events: an assignment forged under
     * another source is dead-lettered with the reason and gives the forger no caseload.
     */
    @Test
    void aForgedAssignmentFromAnotherSourceIsDeadLetteredAndGrantsNothing() {
        String mallory = pseudonym("mallory-practitioner");
        String victim = pseudonym("forged-victim");
        String programme = uuid();
        send(enrolled(victim, programme));
        CloudEventRecords forger = new CloudEventRecords(MessagingAutoConfiguration.integrationJson(),
                "/tend/goal-service");
        send(forger.toRecord(EventTypes.ASSESSMENT_TOPIC, uuid(), Instant.now(), new IntegrationEvent(
                EventTypes.PRACTITIONER_ASSIGNED_V1, programme, Map.of("programmeId", programme,
                        "practitionerId", mallory, "assignedAt", "2025-03-01T08:00:00Z"))));
        send(completed(uuid(), victim, programme, "phq-9", 12, 0, 27, "moderate", Instant.now()));
        awaitIssued(victim, 1);

        await().atMost(WAIT).until(() -> !deadLetters.records(keyed(programme)).isEmpty());
        assertThat(header(deadLetters.records(keyed(programme)).get(0), "kafka_dlt-exception-message"))
                .contains("only /tend/assessment-service publishes it");
        assertThat(http.get("/api/recommendations?participantId=" + victim,
                TestTokens.practitioner("mallory-practitioner")).status()).isEqualTo(403);
    }

    /** Safety overrides everything: a care hold withholds every automated recommendation until it is released. */
    @Test
    void aCareHoldShowsOnlyTheSafetyPathwayUntilReleasedAndPublishesNothing() {
        String hana = pseudonym("held-hana");
        Instant t0 = Instant.now();
        send(completed(uuid(), hana, uuid(), "phq-9", 6, 0, 27, "mild", t0));
        awaitIssued(hana, 1);
        assertThat(awaitRecommendations(participant("held-hana")).body().at("/level/code").asText())
                .isEqualTo("step-1-2");

        send(held(hana, t0.plusSeconds(1)));
        await().atMost(WAIT).until(() -> http.get("/api/recommendations/me", participant("held-hana")).body()
                .at("/level/code").asText().equals("safety"));
        JsonNode body = http.get("/api/recommendations/me", participant("held-hana")).body();
        assertThat(body.get("recommendations")).isEmpty();
        assertThat(body.at("/pathway/pathway").asText()).isEqualTo("human-review");
        assertThat(body.at("/pathway/reasonCode").asText()).isEqualTo("safety-review-first");
        assertThat(body.at("/level/reason").asText()).startsWith("A safety concern was raised")
                .contains("[rule safety-concern]");
        assertThat(body.at("/careHold/message").asText()).contains("practitioner will be in touch");
        assertThat(body.at("/careHold/crisisSignposting").asText()).contains("116 123");

        // An outcome while held issues (and publishes) nothing.
        send(completed(uuid(), hana, uuid(), "gad-7", 16, 0, 21, "severe", t0.plusSeconds(2)));
        // A hold placed again, or a release older than the hold (a redelivery out of order), changes nothing.
        send(held(hana, t0.plusSeconds(3)));
        send(released(hana, t0));
        String marker = pseudonym("held-marker");
        send(completed(uuid(), marker, uuid(), "gad-7", 3, 0, 21, "minimal", Instant.now()));
        awaitIssued(marker, 1);
        assertThat(published(EventTypes.RECOMMENDATIONS_ISSUED_V1).stream().filter(keyed(hana))).hasSize(1);
        assertThat(http.get("/api/recommendations/me", participant("held-hana")).body().at("/level/code").asText())
                .isEqualTo("safety");

        // Released: what the outcomes say now (the GAD-7 received while held included) is issued again.
        send(released(hana, t0.plusSeconds(10)));
        awaitIssued(hana, 2);
        await().atMost(WAIT).until(() -> !http.get("/api/recommendations/me", participant("held-hana")).body()
                .at("/level/code").asText().equals("safety"));
        JsonNode after = http.get("/api/recommendations/me", participant("held-hana")).body();
        assertThat(after.at("/level/code").asText()).isEqualTo("step-3");
        assertThat(after.path("careHold").isNull() || after.path("careHold").isMissingNode()).isTrue();
    }

    /** The catalogue's part of a participant's FHIR record, and the activity definitions it points to: valid R4. */
    @Test
    void theRecommendationsAreAProposedCarePlanPointingAtTheServedActivityDefinitions() {
        String rosa = pseudonym("record-rosa");
        send(completed(uuid(), rosa, uuid(), "phq-9", 17, 0, 27, "moderately-severe", Instant.now()));
        awaitRecommendations(participant("record-rosa"));

        Http.Response part = http.get("/api/recommendations/me/record", participant("record-rosa"));
        assertThat(part.status()).isEqualTo(200);
        assertThat(part.contentType()).startsWith("application/fhir+json");
        org.hl7.fhir.r4.model.Bundle bundle = org.tend.fhir.FhirRecords.parse(org.hl7.fhir.r4.model.Bundle.class,
                part.body().toString());
        assertThat(bundle.getEntry()).hasSize(1);
        org.hl7.fhir.r4.model.CarePlan plan = (org.hl7.fhir.r4.model.CarePlan) bundle.getEntryFirstRep().getResource();
        assertThat(plan.getIntent()).isEqualTo(org.hl7.fhir.r4.model.CarePlan.CarePlanIntent.PROPOSAL);
        assertThat(plan.getSubject().getIdentifier().getValue()).isEqualTo(rosa);
        assertThat(plan.getActivity()).isNotEmpty();
        List<org.hl7.fhir.r4.model.ActivityDefinition> definitions = new ArrayList<>();
        for (var activity : plan.getActivity()) {
            String canonical = activity.getDetail().getInstantiatesCanonical().get(0).getValue();
            String id = canonical.substring(canonical.lastIndexOf('/') + 1);
            Http.Response served = http.get("/fhir/ActivityDefinition/" + id, participant("record-rosa"));
            assertThat(served.status()).isEqualTo(200);
            var definition = org.tend.fhir.FhirRecords.parse(org.hl7.fhir.r4.model.ActivityDefinition.class,
                    served.body().toString());
            assertThat(definition.getUrl()).isEqualTo(canonical);
            definitions.add(definition);
            assertThat(activity.getDetail().getReasonCodeFirstRep().getText()).isNotBlank();
        }
        org.tend.fhir.R4Validation validation = new org.tend.fhir.R4Validation(definitions);
        for (var definition : definitions) {
            assertThat(validation.errors(definition)).as(definition.getUrl()).isEmpty();
        }
        assertThat(validation.errors(bundle)).isEmpty();

        assertThat(http.get("/fhir/ActivityDefinition/no-such-thing", participant("record-rosa")).status())
                .isEqualTo(404);
        // Someone with no recommendations yet gets an empty part.
        assertThat(http.get("/api/recommendations/me/record", participant("record-nobody")).body().path("entry")
                .size()).isZero();
    }

    /** Withdrawn consent stops recommendations (and preference changes) until the participant consents again. */
    @Test
    void aWithdrawalStopsRecommendationsUntilConsentIsRenewed() {
        String wren = pseudonym("withdrawn-wren");
        String programme = uuid();
        Instant t0 = Instant.now();
        send(completed(uuid(), wren, programme, "phq-9", 6, 0, 27, "mild", t0));
        awaitRecommendations(participant("withdrawn-wren"));

        send(AssessmentRecords.consentWithdrawn(wren, programme, t0.plusSeconds(1)));
        await().atMost(WAIT).until(() -> http.get("/api/recommendations/me", participant("withdrawn-wren"))
                .status() == 409);
        Http.Response refused = http.get("/api/recommendations/me", participant("withdrawn-wren"));
        assertThat(refused.body().at("/errors/0/field").asText()).isEqualTo("participantId");
        assertThat(refused.body().at("/errors/0/rule").asText()).isEqualTo("consent-withdrawn");
        Http.Response preferences = http.put("/api/recommendations/me/preferences", participant("withdrawn-wren"),
                "{\"formats\": [\"group\"]}");
        assertThat(preferences.status()).isEqualTo(409);
        assertThat(preferences.body().at("/errors/0/rule").asText()).isEqualTo("consent-withdrawn");
        // A record completed while withdrawn (none should be accepted upstream) issues nothing.
        send(completed(uuid(), wren, programme, "gad-7", 16, 0, 21, "severe", t0.plusSeconds(2)));
        String marker = pseudonym("withdrawn-marker");
        send(completed(uuid(), marker, uuid(), "gad-7", 3, 0, 21, "minimal", Instant.now()));
        awaitIssued(marker, 1);
        assertThat(published(EventTypes.RECOMMENDATIONS_ISSUED_V1).stream().filter(keyed(wren))).hasSize(1);

        send(AssessmentRecords.consentRenewed(wren, programme, t0.plusSeconds(3)));
        await().atMost(WAIT).until(() -> http.get("/api/recommendations/me", participant("withdrawn-wren"))
                .status() == 200);
    }

    @Test
    void anErasedParticipantsRecommendationsAreGoneAndALateOutcomeIssuesNothing() {
        String ezra = pseudonym("erased-ezra");
        String programme = uuid();
        send(completed(uuid(), ezra, programme, "phq-9", 6, 0, 27, "mild", Instant.now()));
        awaitRecommendations(participant("erased-ezra"));

        String erasureId = uuid();
        send(AssessmentRecords.record(EventTypes.PARTICIPANT_ERASED_V1, ezra, uuid(), Map.of("participantId", ezra,
                "programmeId", programme, "erasureId", erasureId, "erasedAt", Instant.now().toString())));
        await().atMost(WAIT).until(() -> http.get("/api/recommendations/me", participant("erased-ezra"))
                .status() == 404);
        // The read models confirm at once; the event store once this service no longer holds the key, which
        // assessment-service destroys (here, the test: this service makes the keys).
        await().atMost(WAIT).until(() -> confirmations(erasureId).contains(ErasureStores.CATALOGUE_VIEWS));
        assertThat(confirmations(erasureId)).doesNotContain(ErasureStores.CATALOGUE_EVENTS);
        keys.erase(ezra);
        await().atMost(WAIT).until(() -> confirmations(erasureId).containsAll(
                List.of(ErasureStores.CATALOGUE_VIEWS, ErasureStores.CATALOGUE_EVENTS)));
        assertThat(http.get("/api/recommendations/me/record", participant("erased-ezra")).body().path("entry"))
                .as("the record holds nothing about them").isEmpty();
        Http.Response preferences = http.put("/api/recommendations/me/preferences", participant("erased-ezra"),
                "{\"formats\": [\"group\"]}");
        assertThat(preferences.status()).isEqualTo(409);
        assertThat(preferences.body().at("/errors/0/rule").asText()).isEqualTo("erased");
        // An outcome published late about them issues nothing and brings nothing back.
        send(completed(uuid(), ezra, programme, "gad-7", 16, 0, 21, "severe", Instant.now()));
        String marker = pseudonym("erased-marker");
        send(completed(uuid(), marker, uuid(), "gad-7", 3, 0, 21, "minimal", Instant.now()));
        awaitIssued(marker, 1);
        assertThat(published(EventTypes.RECOMMENDATIONS_ISSUED_V1).stream().filter(keyed(ezra))).hasSize(1);
        assertThat(http.get("/api/recommendations/me", participant("erased-ezra")).status()).isEqualTo(404);
    }

    @Test
    void aHoldBeforeAnyOutcomeIsShownAsTheSafetyPathway() {
        String ivy = pseudonym("held-ivy");
        send(held(ivy, Instant.now()));
        await().atMost(WAIT).until(() -> http.get("/api/recommendations/me", participant("held-ivy")).status() == 200);
        assertThat(http.get("/api/recommendations/me", participant("held-ivy")).body().at("/level/code").asText())
                .isEqualTo("safety");
    }

    @Test
    void changedPreferencesReRankTheRecommendations() throws Exception {
        String gina = pseudonym("gina");
        send(completed(uuid(), gina, uuid(), "phq-9", 6, 0, 27, "mild", Instant.now()));
        awaitRecommendations(participant("gina"));

        Http.Response changed = http.put("/api/recommendations/me/preferences", participant("gina"),
                "{\"formats\": [\"group\"]}");

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().get("formats")).extracting(JsonNode::asText).containsExactly("group");
        List<ConsumerRecord<String, byte[]>> issued = awaitIssued(gina, 2);
        assertThat(CONTRACTS.validate(EventTypes.RECOMMENDATIONS_ISSUED_V1, issued.get(1).value())).isEmpty();
        await().atMost(WAIT).until(() -> http.get("/api/recommendations/me", participant("gina")).body()
                .at("/preferences/formats/0").asText().equals("group"));
        JsonNode body = http.get("/api/recommendations/me", participant("gina")).body();
        assertThat(list(body.get("recommendations"))).anySatisfy(item -> assertThat(item.get("reason").asText())
                .contains("offered in your preferred format (group)"));

        // The same preferences again: nothing new is issued.
        assertThat(http.put("/api/recommendations/me/preferences", participant("gina"),
                "{\"formats\": [\"group\", \"group\"]}").status()).isEqualTo(200);
        String marker = pseudonym("gina-marker");
        send(completed(uuid(), marker, uuid(), "gad-7", 3, 0, 21, "minimal", Instant.now()));
        awaitIssued(marker, 1);
        assertThat(published(EventTypes.RECOMMENDATIONS_ISSUED_V1).stream().filter(keyed(gina))).hasSize(2);
    }

    @Test
    void badPreferencesAreProblemsNamingTheFieldAndNothingIsWritten() {
        String token = participant("hugo");
        Http.Response unknown = http.put("/api/recommendations/me/preferences", token,
                "{\"formats\": [\"group\", \"telepathy\"]}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.errorField()).isEqualTo("formats[1]");
        assertThat(unknown.errorRule()).isEqualTo("enum");

        Http.Response malformed = http.put("/api/recommendations/me/preferences", token, "not json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("type").asText()).endsWith("malformed-json");

        Http.Response missing = http.put("/api/recommendations/me/preferences", token, "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorField()).isEqualTo("formats");
        assertThat(missing.errorRule()).isEqualTo("required");

        Http.Response wrongType = http.put("/api/recommendations/me/preferences", token, "{\"formats\": 7}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.errorField()).isEqualTo("formats");

        Http.Response tooMany = http.put("/api/recommendations/me/preferences", token,
                "{\"formats\": [" + "\"group\", ".repeat(10) + "\"digital\"]}");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.errorField()).isEqualTo("formats");
        assertThat(tooMany.errorRule()).isEqualTo("range");

        Http.Response tooLong = http.put("/api/recommendations/me/preferences", token,
                "{\"formats\": [\"group\", \"" + "g".repeat(41) + "\"]}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.errorField()).isEqualTo("formats[1]");
        assertThat(tooLong.errorRule()).isEqualTo("range");

        Http.Response practitioner = http.put("/api/recommendations/me/preferences",
                TestTokens.practitioner("dr-pat"), "{\"formats\": [\"group\"]}");
        assertThat(practitioner.status()).isEqualTo(403);

        // Someone the catalogue does not know as enrolled is told so at once: nothing kept, no key to wait for.
        long start = System.nanoTime();
        Http.Response stranger = http.put("/api/recommendations/me/preferences", token, "{\"formats\": [\"group\"]}");
        assertThat(stranger.status()).isEqualTo(409);
        assertThat(stranger.errorRule()).isEqualTo("not-enrolled");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

        assertThat(database.getCollection("domainevents")
                .countDocuments(Filters.eq("aggregateIdentifier", pseudonym("hugo")))).isZero();
    }

    @Test
    void noRecommendationsYetIsA404AndBadParticipantIdsAreProblems() {
        Http.Response none = http.get("/api/recommendations/me", participant("ivy-without-assessments"));
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.contentType()).startsWith("application/problem+json");

        Http.Response missing = http.get("/api/recommendations", TestTokens.practitioner("dr-pat"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorField()).isEqualTo("participantId");
        assertThat(missing.errorRule()).isEqualTo("required");

        Http.Response notAPseudonym = http.get("/api/recommendations?participantId=alice@example.org",
                TestTokens.practitioner("dr-pat"));
        assertThat(notAPseudonym.status()).isEqualTo(400);
        assertThat(notAPseudonym.errorRule()).isEqualTo("pattern");
    }

    // ---- helpers ----

    private String participant(String subject) {
        return TestTokens.participant(subject);
    }

    private String pseudonym(String subject) {
        return pseudonymizer.pseudonymFor(subject);
    }

    private void send(ProducerRecord<String, byte[]> record) {
        assessmentService.send(record).join();
    }

    private List<ConsumerRecord<String, byte[]>> published(String type) {
        return catalogueEvents.records(ofType(type));
    }

    private List<ConsumerRecord<String, byte[]>> awaitIssued(String participantId, int count) {
        await().atMost(WAIT).until(() -> published(EventTypes.RECOMMENDATIONS_ISSUED_V1).stream()
                .filter(keyed(participantId)).count() >= count);
        return published(EventTypes.RECOMMENDATIONS_ISSUED_V1).stream().filter(keyed(participantId)).toList();
    }

    private Http.Response awaitRecommendations(String token) {
        await().atMost(WAIT).until(() -> http.get("/api/recommendations/me", token).status() == 200);
        return http.get("/api/recommendations/me", token);
    }

    private static void assertCloudEventHeaders(ConsumerRecord<String, byte[]> record, String type) {
        assertThat(header(record, "ce_type")).isEqualTo(type);
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_source")).isEqualTo("/tend/catalogue-service");
        assertThat(header(record, "ce_dataschema")).isEqualTo("urn:tend:schema:" + type);
        assertThat(header(record, "ce_id")).isNotBlank();
        assertThat(header(record, "ce_time")).isNotBlank();
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new java.util.ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    /** The service's OpenAPI document describes every controller operation, with its roles and problems. */
    @Test
    void everyControllerOperationIsInTheApiDocument() {
        org.tend.testsupport.ApiDocsCheck.assertEveryOperationDocumented(context, port);
    }

    /** The stores this service confirmed for an erasure, from its confirmations outbox. */
    List<String> confirmations(String erasureId) {
        List<String> stores = new java.util.ArrayList<>();
        database.getCollection(org.tend.plumbing.erasure.ErasureConfirmations.OUTBOX)
                .find(new org.bson.Document("key", erasureId))
                .forEach(d -> stores.add(d.get("data", org.bson.Document.class).getString("store")));
        return stores;
    }
}
