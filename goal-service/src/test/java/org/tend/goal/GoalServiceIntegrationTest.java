package org.tend.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.tend.contracts.ErasureStores;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.client.RestClient;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.goal.query.GoalDirectory;
import org.tend.goal.query.InterventionCatalogue;
import org.tend.plumbing.identity.Pseudonymizer;
import org.tend.plumbing.caseload.CaseloadDirectory;
import org.tend.plumbing.programme.ProgrammeSettingsDirectory;
import org.tend.plumbing.messaging.CloudEventRecords;
import org.tend.plumbing.messaging.IntegrationEvent;
import org.tend.plumbing.messaging.MessagingAutoConfiguration;
import org.tend.testsupport.EmbeddedMongo;
import org.tend.testsupport.RoleRefusals.Call;
import org.tend.testsupport.RoleRefusals;
import org.tend.testsupport.RawHttp;
import org.tend.testsupport.TestJwtConfiguration;
import org.tend.testsupport.TestTokens;

/**
 * goal-service as it runs: catalogue and enrolment events fed into an embedded Kafka broker as CloudEvents records,
 * the HTTP API driven with real tokens, the published records read back from {@code tend.goal.events}.
 */
// No assessment-service makes the participants' keys here (their enrolments are published by the test), so this service
// makes them itself.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tend.keys.makes-keys=true")
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers", partitions = 1,
        topics = {EventTypes.CATALOGUE_TOPIC, EventTypes.ASSESSMENT_TOPIC})
@ContextConfiguration(initializers = EmbeddedMongo.class)
@Import(TestJwtConfiguration.class)
@DirtiesContext
class GoalServiceIntegrationTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ContractValidator CONTRACTS = ContractValidator.load();
    static final CloudEventRecords CATALOGUE = new CloudEventRecords(MessagingAutoConfiguration.integrationJson(),
            "/tend/catalogue-service");
    static final CloudEventRecords ASSESSMENT = new CloudEventRecords(MessagingAutoConfiguration.integrationJson(),
            "/tend/assessment-service");

    static final String PROGRAMME_P = "3f2c8a9e-5b1d-4c7a-9e3f-1a2b3c4d5e6f";
    static final String PROGRAMME_Q = "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d";
    // alice, bob, carol, henry, ivy, jude, kim, lena, mo, nia, oli, pia: enrolled in P; erin: enrolled in Q; dave: not enrolled.
    // pat serves P, quinn serves Q.
    static final AtomicBoolean UPSTREAM_FED = new AtomicBoolean();
    static String erinsGoal;
    /** kim's goals for the GAS bad-input tests: the first never gets a scale, the second has one. */
    static String kimsUnscaledGoal;
    static String kimsScaledGoal;
    /** GAS level wordings (free text: must never reach Kafka). */
    static final String SWIMMING = """
            {"-2": "Swims never", "-1": "  Swims once a fortnight ", "0": "Swims once a week",
             "1": "Swims twice a week", "2": "Swims three times a week"}""";

    @LocalServerPort
    int port;
    @Autowired
    org.springframework.context.ApplicationContext context;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    Pseudonymizer pseudonymizer;
    @Autowired
    InterventionCatalogue catalogue;
    @Autowired
    CaseloadDirectory caseloads;
    @Autowired
    GoalDirectory directory;
    @Autowired
    ProgrammeSettingsDirectory programmeSettings;
    @Autowired
    MongoDatabase database;
    @Autowired
    org.tend.keys.ParticipantKeys keys;

    @BeforeEach
    void feedUpstreamEventsOnce() {
        if (UPSTREAM_FED.getAndSet(true)) {
            return;
        }
        publishIntervention("cbt", "Cognitive behavioural therapy (CBT)", "1", "2025-03-01T00:00:00Z");
        publishIntervention("mbsr", "Mindfulness-based stress reduction (MBSR)", "1", "2025-03-01T00:00:00Z");
        for (String subject : List.of("alice", "bob", "carol", "henry", "ivy", "jude", "kim", "lena", "mo", "nia",
                "oli", "pia")) {
            enrol(subject, PROGRAMME_P);
        }
        enrol("erin", PROGRAMME_Q);
        assign("pat", PROGRAMME_P);
        assign("quinn", PROGRAMME_Q);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(catalogue.find("cbt")).isPresent();
            assertThat(catalogue.find("mbsr")).isPresent();
            assertThat(caseloads.programmesOf(id("erin"))).containsExactly(PROGRAMME_Q);
            assertThat(caseloads.programmesServedBy(id("quinn")).contains(PROGRAMME_Q)).isTrue();
        });
        assertThat(caseloads.programmesOf(id("carol"))).containsExactly(PROGRAMME_P);
        assertThat(caseloads.programmesServedBy(id("pat")).contains(PROGRAMME_P)).isTrue();
    }

    /** Reached directly, the service itself refuses individual data to HR, admin and unknown roles. */
    @Test
    void individualDataIsRefusedToHrAdminAndUnknownRolesByTheServiceItself() {
        String goal = UUID.randomUUID().toString();
        RoleRefusals.assertRefused(port, List.of(
                Call.post("/api/goals", "{\"interventionId\":\"cbt\",\"description\":\"Walk daily\"}"),
                Call.get("/api/goals/me"),
                Call.get("/api/goals?participantId=" + id("carol")),
                Call.post("/api/goals/" + goal + "/ratings", "{\"rating\":5}"),
                Call.put("/api/goals/" + goal + "/attainment-scale", "{\"baselineLevel\":-1,\"levels\":{}}"),
                Call.post("/api/goals/" + goal + "/attainment-ratings", "{\"level\":0}")));
    }

    // ---- the journeys ----

    @Test
    void aParticipantSetsAGoalRatesItAndSeesTheirGboChange() throws Exception {
        Reply created = call(HttpMethod.POST, "/api/goals", participant("alice"), """
                {"interventionId": "cbt", "description": "  Walk for 20 minutes at lunch three days a week  ",
                 "targetDate": "2099-04-30"}""");
        assertThat(created.status()).isEqualTo(201);
        String goalId = created.body().get("goalId").asText();
        assertThat(goalId).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(created.body().get("participantId").asText()).isEqualTo(id("alice"));
        assertThat(created.body().get("interventionId").asText()).isEqualTo("cbt");
        assertThat(created.body().get("description").asText()).isEqualTo("Walk for 20 minutes at lunch three days a week");
        assertThat(created.body().get("targetDate").asText()).isEqualTo("2099-04-30");
        assertThat(created.body().get("scale").asText()).isEqualTo("gbo-0-10");
        assertThat(created.body().get("setByRole").asText()).isEqualTo("participant");

        Reply first = call(HttpMethod.POST, "/api/goals/" + goalId + "/ratings", participant("alice"), "{\"rating\": 3}");
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().get("rating").asInt()).isEqualTo(3);
        assertThat(first.body().get("ratedByRole").asText()).isEqualTo("participant");
        assertThat(call(HttpMethod.POST, "/api/goals/" + goalId + "/ratings", participant("alice"), "{\"rating\": 7}")
                .status()).isEqualTo(201);

        Reply mine = call(HttpMethod.GET, "/api/goals/me", participant("alice"), null);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body().get("participantId").asText()).isEqualTo(id("alice"));
        JsonNode goal = single(mine.body().get("goals"), g -> g.get("goalId").asText().equals(goalId));
        assertThat(goal.get("interventionName").asText()).isEqualTo("Cognitive behavioural therapy (CBT)");
        assertThat(goal.get("description").asText()).isEqualTo("Walk for 20 minutes at lunch three days a week");
        assertThat(goal.get("ratings")).extracting(r -> r.get("rating").asInt()).containsExactly(3, 7);
        assertThat(goal.get("firstRating").asInt()).isEqualTo(3);
        assertThat(goal.get("latestRating").asInt()).isEqualTo(7);
        assertThat(goal.get("change").asInt()).isEqualTo(4);

        // Published: a goal-set and two ratings, keyed by alice's pseudonym, valid against the contract, no wording.
        List<ConsumerRecord<String, byte[]>> published = readUntil(EventTypes.GOAL_TOPIC,
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(goalId), 3);
        assertThat(published).extracting(r -> header(r, "ce_type")).containsExactly(EventTypes.GOAL_SET_V1,
                EventTypes.GOAL_PROGRESS_RATED_V2, EventTypes.GOAL_PROGRESS_RATED_V2);
        for (ConsumerRecord<String, byte[]> record : published) {
            String type = header(record, "ce_type");
            assertThat(record.key()).isEqualTo(id("alice")).matches(Pseudonymizer.PSEUDONYM);
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_source")).isEqualTo("/tend/goal-service");
            assertThat(header(record, "ce_dataschema")).isEqualTo("urn:tend:schema:" + type);
            assertThat(header(record, "ce_id")).isNotBlank();
            assertThat(header(record, "ce_time")).isNotBlank();
            assertThat(CONTRACTS.validate(type, record.value())).as(type).isEmpty();
            StringBuilder everything = new StringBuilder(new String(record.value(), StandardCharsets.UTF_8));
            record.headers().forEach(h -> everything.append(' ').append(h.key()).append('=')
                    .append(new String(h.value(), StandardCharsets.UTF_8)));
            assertThat(everything).doesNotContain("Walk", "lunch", "alice");
        }
        JsonNode goalSet = JSON.readTree(published.get(0).value());
        assertThat(goalSet.get("goalId").asText()).isEqualTo(goalId);
        assertThat(goalSet.get("participantId").asText()).isEqualTo(id("alice"));
        assertThat(goalSet.get("interventionId").asText()).isEqualTo("cbt");
        assertThat(goalSet.get("scale").asText()).isEqualTo("gbo-0-10");
        assertThat(goalSet.get("setByRole").asText()).isEqualTo("participant");
        assertThat(goalSet.has("description")).isFalse();
        assertThat(goalSet.has("targetDate")).isFalse();
        assertThat(published.subList(1, 3)).extracting(r -> JSON.readTree(r.value()).get("rating").asInt())
                .containsExactly(3, 7);
        // The change is published as computed here: none after the first rating, then the same 4 the view shows.
        assertThat(JSON.readTree(published.get(1).value()).has("changeFromFirst")).isFalse();
        assertThat(JSON.readTree(published.get(2).value()).get("changeFromFirst").asInt())
                .isEqualTo(goal.get("change").asInt());

        // The event store holds the wording and the ratings sealed with alice's key (docs/erasure.md).
        List<String> stored = new java.util.ArrayList<>();
        database.getCollection("domainevents").find(new Document("aggregateIdentifier", id("alice")))
                .forEach(d -> {
                    String payload = String.valueOf(d.get("serializedPayload"));
                    if (payload.contains(goalId)) {
                        stored.add(payload);
                    }
                });
        assertThat(stored).hasSize(3).allSatisfy(payload -> assertThat(payload)
                .contains("$sealed").doesNotContain("Walk", "lunch", "\"rating\"", "\"description\""));
    }

    @Test
    void whileAParticipantHasWithdrawnConsentNoGoalDataAboutThemIsAcceptedFromThemOrTheirPractitioner() {
        enrol("wanda", PROGRAMME_P);
        await().atMost(Duration.ofSeconds(20)).until(() -> !caseloads.programmesOf(id("wanda")).isEmpty());
        String goalId = goalFor("wanda");
        consent(EventTypes.CONSENT_WITHDRAWN_V1, "wanda", "withdrawnAt");
        await().atMost(Duration.ofSeconds(20)).until(() -> caseloads.consentWithdrawnAt(id("wanda")).isPresent());

        for (String token : List.of(participant("wanda"), practitioner("pat"))) {
            assertProblem(call(HttpMethod.POST, "/api/goals/" + goalId + "/ratings", token, "{\"rating\": 4}"),
                    409, "participantId", "consent-withdrawn");
            assertProblem(call(HttpMethod.PUT, "/api/goals/" + goalId + "/attainment-scale", token,
                    "{\"baselineLevel\": -1, \"levels\": {\"-2\": \"a\", \"-1\": \"b\", \"0\": \"c\", "
                            + "\"1\": \"d\", \"2\": \"e\"}}"), 409, "participantId", "consent-withdrawn");
        }
        assertProblem(call(HttpMethod.POST, "/api/goals", participant("wanda"),
                "{\"interventionId\": \"cbt\", \"description\": \"Another\"}"), 409, "participantId",
                "consent-withdrawn");
        assertProblem(call(HttpMethod.POST, "/api/goals", practitioner("pat"),
                "{\"participantId\": \"%s\", \"interventionId\": \"cbt\", \"description\": \"Another\"}"
                        .formatted(id("wanda"))), 409, "participantId", "consent-withdrawn");
        // What is stored stays readable (until erasure), and nothing was added.
        JsonNode goals = call(HttpMethod.GET, "/api/goals/me", participant("wanda"), null).body().get("goals");
        assertThat(goals).hasSize(1);
        assertThat(goals.get(0).get("ratings")).isEmpty();

        consent(EventTypes.CONSENT_RENEWED_V1, "wanda", "renewedAt");
        await().atMost(Duration.ofSeconds(20)).until(() -> caseloads.consentWithdrawnAt(id("wanda")).isEmpty());
        assertThat(call(HttpMethod.POST, "/api/goals/" + goalId + "/ratings", participant("wanda"),
                "{\"rating\": 4}").status()).isEqualTo(201);
    }

    /** After participant-erased the service holds and shows nothing about them, and accepts nothing more. */
    @Test
    void anErasedParticipantsGoalsAreGoneFromEveryViewAndNothingMoreIsAccepted() {
        enrol("ezra", PROGRAMME_P);
        await().atMost(Duration.ofSeconds(20)).until(() -> !caseloads.programmesOf(id("ezra")).isEmpty());
        String goalId = goalFor("ezra");
        await().atMost(Duration.ofSeconds(20)).until(() -> directory.ownerOf(goalId).isPresent());

        String erasureId = UUID.randomUUID().toString();
        Map<String, Object> data = Map.of("participantId", id("ezra"), "programmeId", PROGRAMME_P,
                "erasureId", erasureId, "erasedAt", Instant.now().toString());
        assertThat(CONTRACTS.validate(EventTypes.PARTICIPANT_ERASED_V1, JSON.valueToTree(data))).isEmpty();
        kafka.send(ASSESSMENT.toRecord(EventTypes.ASSESSMENT_TOPIC, UUID.randomUUID().toString(), Instant.now(),
                new IntegrationEvent(EventTypes.PARTICIPANT_ERASED_V1, id("ezra"), data))).join();
        await().atMost(Duration.ofSeconds(20)).until(() -> caseloads.isErased(id("ezra")));
        // The read models confirm at once; the event store once this service no longer holds the key, which
        // assessment-service destroys (here, the test: this service makes the keys).
        await().atMost(Duration.ofSeconds(20)).until(() -> confirmations(erasureId)
                .contains(ErasureStores.GOAL_VIEWS));
        assertThat(confirmations(erasureId)).doesNotContain(ErasureStores.GOAL_EVENTS);
        keys.erase(id("ezra"));
        await().atMost(Duration.ofSeconds(20)).until(() -> confirmations(erasureId).containsAll(
                java.util.List.of(ErasureStores.GOAL_VIEWS, ErasureStores.GOAL_EVENTS)));

        assertThat(directory.ownerOf(goalId)).as("the goal directory forgot them").isEmpty();
        assertThat(caseloads.programmesOf(id("ezra"))).isEmpty();
        assertProblem(call(HttpMethod.GET, "/api/goals/me", participant("ezra"), null), 404, "participantId",
                "unknown");
        assertThat(call(HttpMethod.GET, "/api/goals?participantId=" + id("ezra"), practitioner("pat"), null)
                .status()).isIn(403, 404);
        long before = goalEventsOf("ezra");
        assertProblem(call(HttpMethod.POST, "/api/goals/" + goalId + "/ratings", participant("ezra"),
                "{\"rating\": 4}"), 409, "participantId", "erased");
        assertProblem(call(HttpMethod.POST, "/api/goals", participant("ezra"),
                "{\"interventionId\": \"cbt\", \"description\": \"Again\"}"), 422, "participantId",
                "not-enrolled");
        assertThat(goalEventsOf("ezra")).as("nothing written").isEqualTo(before);
        // A late record proving the enrolment does not bring them back.
        enrol("ezra", PROGRAMME_P);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> caseloads.programmesOf(id("ezra")).isEmpty());
    }

    void consent(String type, String subject, String timeField) {
        Map<String, Object> data = Map.of("participantId", id(subject), "programmeId", PROGRAMME_P,
                timeField, Instant.now().toString());
        assertThat(CONTRACTS.validate(type, JSON.valueToTree(data))).isEmpty();
        kafka.send(ASSESSMENT.toRecord(EventTypes.ASSESSMENT_TOPIC, UUID.randomUUID().toString(), Instant.now(),
                new IntegrationEvent(type, id(subject), data))).join();
    }

    /** goal-service's part of the participant's FHIR record: goals, ratings and the plan, valid R4, no one named. */
    @Test
    void theGoalsRatingsAndPlanAreAValidFhirRecordForTheParticipantAndTheirPractitioner() {
        enrol("rhea", PROGRAMME_P);
        await().atMost(Duration.ofSeconds(20)).until(() -> !caseloads.programmesOf(id("rhea")).isEmpty());
        String walk = goalFor("rhea");
        String sleep = goalFor("rhea");
        assertThat(call(HttpMethod.POST, "/api/goals/" + walk + "/ratings", participant("rhea"), "{\"rating\": 3}")
                .status()).isEqualTo(201);
        assertThat(call(HttpMethod.POST, "/api/goals/" + walk + "/ratings", participant("rhea"), "{\"rating\": 6}")
                .status()).isEqualTo(201);
        assertThat(call(HttpMethod.PUT, "/api/goals/" + sleep + "/attainment-scale", participant("rhea"),
                "{\"baselineLevel\": -1, \"levels\": " + SWIMMING + "}").status()).isEqualTo(200);
        assertThat(call(HttpMethod.POST, "/api/goals/" + sleep + "/attainment-ratings", participant("rhea"),
                "{\"level\": 0}").status()).isEqualTo(201);

        Reply part = call(HttpMethod.GET, "/api/goals/me/record", participant("rhea"), null);
        assertThat(part.status()).isEqualTo(200);
        assertThat(part.contentType()).startsWith("application/fhir+json");
        String json = part.body().toString();
        assertThat(json).doesNotContain("rhea").contains("Keep a sleep diary every morning", "Swims once a week");
        org.hl7.fhir.r4.model.Bundle bundle = org.tend.fhir.FhirRecords.parse(org.hl7.fhir.r4.model.Bundle.class,
                json);
        List<org.hl7.fhir.r4.model.Resource> resources = bundle.getEntry().stream()
                .map(org.hl7.fhir.r4.model.Bundle.BundleEntryComponent::getResource).toList();
        List<org.hl7.fhir.r4.model.Goal> goals = resources.stream()
                .filter(org.hl7.fhir.r4.model.Goal.class::isInstance).map(org.hl7.fhir.r4.model.Goal.class::cast)
                .toList();
        assertThat(goals).hasSize(2);
        org.hl7.fhir.r4.model.Goal walking = goals.stream()
                .filter(g -> g.getIdentifierFirstRep().getValue().equals(walk)).findFirst().orElseThrow();
        assertThat(walking.getAchievementStatus().getCodingFirstRep().getCode()).isEqualTo("improving");
        assertThat(walking.getTargetFirstRep().getMeasure().getCodingFirstRep().getCode()).isEqualTo("gbo-0-10");
        org.hl7.fhir.r4.model.Goal sleeping = goals.stream()
                .filter(g -> g.getIdentifierFirstRep().getValue().equals(sleep)).findFirst().orElseThrow();
        assertThat(sleeping.getAchievementStatus().getCodingFirstRep().getCode()).isEqualTo("achieved");
        assertThat(sleeping.getTarget()).extracting(t -> t.getMeasure().getCodingFirstRep().getCode())
                .containsExactly("gbo-0-10", "gas-level");
        assertThat(resources).filteredOn(org.hl7.fhir.r4.model.Observation.class::isInstance).hasSize(3);
        org.hl7.fhir.r4.model.CarePlan plan = resources.stream()
                .filter(org.hl7.fhir.r4.model.CarePlan.class::isInstance)
                .map(org.hl7.fhir.r4.model.CarePlan.class::cast).findFirst().orElseThrow();
        assertThat(plan.getGoal()).hasSize(2);
        assertThat(plan.getActivity()).hasSize(1);
        assertThat(plan.getActivityFirstRep().getDetail().getInstantiatesCanonical().get(0).getValue())
                .endsWith("/ActivityDefinition/cbt");
        assertThat(new org.tend.fhir.R4Validation(List.of()).errors(bundle)).isEmpty();

        Reply forPat = call(HttpMethod.GET, "/api/goals/record?participantId=" + id("rhea"), practitioner("pat"),
                null);
        assertThat(forPat.status()).isEqualTo(200);
        assertThat(forPat.body().path("entry")).hasSize(bundle.getEntry().size());
        assertProblem(call(HttpMethod.GET, "/api/goals/record?participantId=" + id("rhea"), practitioner("quinn"),
                null), 403, null, null);
        assertProblem(call(HttpMethod.GET, "/api/goals/record?participantId=rhea", practitioner("pat"), null), 400,
                "participantId", "pattern");
    }

    @Test
    void anAssignedPractitionerSetsReadsAndRatesAParticipantsGoal() {
        Reply created = call(HttpMethod.POST, "/api/goals", practitioner("pat"), """
                {"participantId": "%s", "interventionId": "mbsr",
                 "description": "Practise a 10-minute body scan before bed on five nights a week"}"""
                .formatted(id("bob")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("participantId").asText()).isEqualTo(id("bob"));
        assertThat(created.body().get("setByRole").asText()).isEqualTo("practitioner");
        String goalId = created.body().get("goalId").asText();

        Reply caseload = call(HttpMethod.GET, "/api/goals?participantId=" + id("bob"), practitioner("pat"), null);
        assertThat(caseload.status()).isEqualTo(200);
        assertThat(caseload.body().get("goals")).extracting(g -> g.get("goalId").asText()).contains(goalId);

        // The practitioner names only the goal: the goal directory (a tracking projection) says whose it is.
        await().atMost(Duration.ofSeconds(20)).until(() -> directory.ownerOf(goalId).isPresent());
        Reply rated = call(HttpMethod.POST, "/api/goals/" + goalId + "/ratings", practitioner("pat"), "{\"rating\": 5}");
        assertThat(rated.status()).isEqualTo(201);
        assertThat(rated.body().get("participantId").asText()).isEqualTo(id("bob"));
        assertThat(rated.body().get("ratedByRole").asText()).isEqualTo("practitioner");

        JsonNode goal = single(call(HttpMethod.GET, "/api/goals/me", participant("bob"), null).body().get("goals"),
                g -> g.get("goalId").asText().equals(goalId));
        assertThat(goal.get("setByRole").asText()).isEqualTo("practitioner");
        assertThat(goal.get("ratings").get(0).get("ratedByRole").asText()).isEqualTo("practitioner");
        assertThat(goal.get("change").isNull()).as("no change before a second rating").isTrue();

        List<ConsumerRecord<String, byte[]>> published = readUntil(EventTypes.GOAL_TOPIC,
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(goalId), 2);
        assertThat(published).allSatisfy(r -> assertThat(r.key()).isEqualTo(id("bob")));
        assertThat(published).allSatisfy(r -> assertThat(CONTRACTS.validate(header(r, "ce_type"), r.value())).isEmpty());
        assertThat(new String(published.get(0).value(), StandardCharsets.UTF_8)).contains("\"setByRole\":\"practitioner\"")
                .doesNotContain("body scan");
    }

    @Test
    void aPractitionerActsOnlyForParticipantsInProgrammesTheyServe() {
        String ivysGoal = goalFor("ivy");
        await().atMost(Duration.ofSeconds(20)).until(() -> directory.ownerOf(ivysGoal).isPresent());

        assertProblem(call(HttpMethod.POST, "/api/goals", practitioner("quinn"),
                "{\"participantId\": \"%s\", \"interventionId\": \"cbt\", \"description\": \"Sleep by 11pm\"}"
                        .formatted(id("ivy"))), 403, null, null);
        assertProblem(call(HttpMethod.GET, "/api/goals?participantId=" + id("ivy"), practitioner("quinn"), null),
                403, null, null);
        assertProblem(call(HttpMethod.POST, "/api/goals/" + ivysGoal + "/ratings", practitioner("quinn"),
                "{\"rating\": 9}"), 403, null, null);
        // ... while quinn may act for erin, in programme Q.
        assertThat(call(HttpMethod.GET, "/api/goals?participantId=" + id("erin"), practitioner("quinn"), null).status())
                .isEqualTo(200);
    }

    @Test
    void aParticipantActsOnlyForThemselves() {
        String bobsGoal = goalFor("bob");
        assertProblem(call(HttpMethod.POST, "/api/goals", participant("alice"),
                "{\"participantId\": \"%s\", \"interventionId\": \"cbt\", \"description\": \"Sleep by 11pm\"}"
                        .formatted(id("bob"))), 403, null, null);
        // A participant may name themselves.
        assertThat(call(HttpMethod.POST, "/api/goals", participant("henry"),
                "{\"participantId\": \"%s\", \"interventionId\": \"cbt\", \"description\": \"Sleep by 11pm\"}"
                        .formatted(id("henry"))).status()).isEqualTo(201);
        // Somebody else's goal is not one of hers: unknown, whether or not it exists.
        assertProblem(call(HttpMethod.POST, "/api/goals/" + bobsGoal + "/ratings", participant("alice"),
                "{\"rating\": 9}"), 404, "goalId", "unknown");
        assertProblem(call(HttpMethod.GET, "/api/goals?participantId=" + id("alice"), participant("alice"), null),
                403, null, null);
    }

    @Test
    void aGoalNeedsAPublishedInterventionAndAnEnrolledParticipant() {
        assertProblem(call(HttpMethod.POST, "/api/goals", participant("alice"),
                "{\"interventionId\": \"reiki\", \"description\": \"Try it\"}"), 422, "interventionId", "unknown");
        assertProblem(call(HttpMethod.POST, "/api/goals", participant("dave"),
                "{\"interventionId\": \"cbt\", \"description\": \"Try it\"}"), 422, "participantId", "not-enrolled");
        assertProblem(call(HttpMethod.POST, "/api/goals", practitioner("pat"),
                "{\"participantId\": \"%s\", \"interventionId\": \"cbt\", \"description\": \"Try it\"}"
                        .formatted(id("dave"))), 422, "participantId", "not-enrolled");
        assertProblem(call(HttpMethod.POST, "/api/goals", practitioner("pat"),
                "{\"interventionId\": \"cbt\", \"description\": \"Try it\"}"), 422, "participantId", "required");
        assertThat(call(HttpMethod.GET, "/api/goals/me", participant("dave"), null).body().get("goals")).isEmpty();
    }

    /** A practitioner's reads and writes of a participant's goals are audit entries; the participant's own are not. */
    @Test
    void aPractitionersGoalRequestsAreAuditedWithTheParticipantAndTheParticipantsOwnAreNot() {
        String goalId = goalFor("henry");
        await().atMost(Duration.ofSeconds(20)).until(() -> directory.ownerOf(goalId).isPresent());
        assertThat(call(HttpMethod.GET, "/api/goals?participantId=" + id("henry"), practitioner("pat"), null).status())
                .isEqualTo(200);
        assertThat(call(HttpMethod.POST, "/api/goals/" + goalId + "/ratings", practitioner("pat"), "{\"rating\": 6}")
                .status()).isEqualTo(201);
        assertProblem(call(HttpMethod.GET, "/api/goals?participantId=" + id("henry"), practitioner("quinn"), null),
                403, null, null);
        assertProblem(call(HttpMethod.POST, "/api/goals/" + goalId + "/ratings", practitioner("quinn"),
                "{\"rating\": 2}"), 403, null, null);
        call(HttpMethod.GET, "/api/goals/me", participant("henry"), null);

        assertThat(auditOf(id("pat"), id("henry"))).extracting(e -> e.getString("action") + " " + e.getInteger("outcome"))
                .contains("GET /api/goals 200", "POST /api/goals/{goalId}/ratings 201");
        assertThat(auditOf(id("quinn"), id("henry"))).extracting(e -> e.getString("action") + " " + e.getInteger("outcome"))
                .containsExactlyInAnyOrder("GET /api/goals 403", "POST /api/goals/{goalId}/ratings 403");
        assertThat(auditOf(id("henry"), null)).isEmpty();
        assertThat(auditOf(id("pat"), id("henry"))).allSatisfy(e -> {
            assertThat(e.getString("service")).isEqualTo("goal-service");
            assertThat(e.toJson()).doesNotContain("sleep diary").doesNotContain("rating\"").doesNotContain(goalId);
        });
    }

    List<Document> auditOf(String actorId, String participantId) {
        var filter = participantId == null ? com.mongodb.client.model.Filters.eq("actorId", actorId)
                : com.mongodb.client.model.Filters.and(com.mongodb.client.model.Filters.eq("actorId", actorId),
                        com.mongodb.client.model.Filters.eq("participantId", participantId));
        return database.getCollection(org.tend.plumbing.audit.AuditOutbox.COLLECTION).find(filter)
                .into(new ArrayList<>());
    }

    /** A goal's description may span lines and hold tabs; it is kept as written (stripped at the ends). */
    @Test
    void aGoalsDescriptionMaySpanLines() {
        Reply created = call(HttpMethod.POST, "/api/goals", participant("lena"),
                "{\"interventionId\": \"cbt\", \"description\": \"Sleep by 11pm\\n\\t- no screens\\r\\n\\t- no coffee\"}");
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        assertThat(created.body().get("description").asText()).isEqualTo("Sleep by 11pm\n\t- no screens\r\n\t- no coffee");
    }

    @Test
    void aFourthGoalIsAConflictAndWritesNothing() {
        for (int i = 1; i <= 3; i++) {
            assertThat(call(HttpMethod.POST, "/api/goals", participant("carol"),
                    "{\"interventionId\": \"cbt\", \"description\": \"Goal " + i + "\"}").status()).isEqualTo(201);
        }
        assertProblem(call(HttpMethod.POST, "/api/goals", participant("carol"),
                "{\"interventionId\": \"cbt\", \"description\": \"Goal 4\"}"), 409, "participantId", "goal-limit");
        assertThat(call(HttpMethod.GET, "/api/goals/me", participant("carol"), null).body().get("goals")).hasSize(3);
    }

    // ---- goals that live and end ----

    static final String PROGRAMME_R = "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

    /** Programme R allows 2 active goals; its participant {@code subject} is enrolled once its settings are known. */
    void enrolInProgrammeAllowingTwoGoals(String subject) {
        Map<String, Object> settings = Map.of("programmeId", PROGRAMME_R, "maxActiveGoals", 2,
                "reviewPeriod", "P14D", "schedule", Map.of("version", "default-v1", "items", List.of(
                        Map.of("measure", "goal-rating", "every", "P7D", "while", "plan-active"))),
                "changedAt", "2025-03-01T08:00:00Z");
        assertThat(CONTRACTS.validate(EventTypes.PROGRAMME_SETTINGS_CHANGED_V1, JSON.valueToTree(settings))).isEmpty();
        kafka.send(ASSESSMENT.toRecord(EventTypes.ASSESSMENT_TOPIC, UUID.randomUUID().toString(), Instant.now(),
                new IntegrationEvent(EventTypes.PROGRAMME_SETTINGS_CHANGED_V1, PROGRAMME_R, settings))).join();
        enrol(subject, PROGRAMME_R);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(programmeSettings.settingsOf(PROGRAMME_R).maxActiveGoals()).isEqualTo(2);
            assertThat(caseloads.programmesOf(id(subject))).containsExactly(PROGRAMME_R);
        });
    }

    JsonNode goalOf(String subject, String goalId) {
        return single(call(HttpMethod.GET, "/api/goals/me", participant(subject), null).body().get("goals"),
                g -> g.get("goalId").asText().equals(goalId));
    }

    @Test
    void theLimitIsTheProgrammesSettingAGoalIsRevisedInVersionsAndAClosedGoalTakesNoMoreData() throws Exception {
        enrolInProgrammeAllowingTwoGoals("rae");
        String first = goalFor("rae");
        String second = goalFor("rae");
        assertProblem(call(HttpMethod.POST, "/api/goals", participant("rae"),
                "{\"interventionId\": \"cbt\", \"description\": \"A third\"}"), 409, "participantId", "goal-limit");

        // Achieving one frees its place; it keeps its ratings and takes no more.
        assertThat(call(HttpMethod.POST, "/api/goals/" + first + "/ratings", participant("rae"), "{\"rating\": 9}")
                .status()).isEqualTo(201);
        Reply closed = call(HttpMethod.POST, "/api/goals/" + first + "/closure", participant("rae"),
                "{\"closure\": \"achieved\"}");
        assertThat(closed.status()).as(String.valueOf(closed.body())).isEqualTo(200);
        assertThat(closed.body().get("status").asText()).isEqualTo("achieved");
        assertThat(closed.body().get("closedAt").asText()).isNotBlank();
        assertThat(closed.body().get("ratings")).hasSize(1);
        assertThat(call(HttpMethod.POST, "/api/goals/" + first + "/closure", participant("rae"),
                "{\"closure\": \"achieved\"}").status()).isEqualTo(200);
        assertProblem(call(HttpMethod.POST, "/api/goals/" + first + "/ratings", participant("rae"),
                "{\"rating\": 10}"), 409, "goalId", "goal-closed");
        assertProblem(call(HttpMethod.PUT, "/api/goals/" + first, practitioner("pat_r"),
                "{\"description\": \"Again\"}"), 403, null, null);
        assertProblem(call(HttpMethod.PUT, "/api/goals/" + first, participant("rae"),
                "{\"description\": \"Again\"}"), 409, "goalId", "goal-closed");
        assertProblem(call(HttpMethod.PUT, "/api/goals/" + first + "/attainment-scale", participant("rae"),
                "{\"baselineLevel\": -1, \"levels\": " + SWIMMING + "}"), 409, "goalId", "goal-closed");
        assertProblem(call(HttpMethod.POST, "/api/goals/" + first + "/closure", participant("rae"),
                "{\"closure\": \"no-longer-relevant\"}"), 409, "goalId", "goal-closed");
        String third = goalFor("rae");

        // A revision is the goal's next version; the earlier one stays visible.
        Reply revised = call(HttpMethod.PUT, "/api/goals/" + second, participant("rae"),
                "{\"description\": \" Keep a sleep diary on weekdays \", \"targetDate\": \"2099-06-30\"}");
        assertThat(revised.status()).as(String.valueOf(revised.body())).isEqualTo(200);
        assertThat(revised.body().get("version").asInt()).isEqualTo(2);
        assertThat(revised.body().get("description").asText()).isEqualTo("Keep a sleep diary on weekdays");
        assertThat(revised.body().get("targetDate").asText()).isEqualTo("2099-06-30");
        assertThat(revised.body().get("status").asText()).isEqualTo("active");
        assertThat(revised.body().get("earlierVersions")).hasSize(1);
        assertThat(revised.body().at("/earlierVersions/0/version").asInt()).isEqualTo(1);
        assertThat(revised.body().at("/earlierVersions/0/description").asText())
                .isEqualTo("Keep a sleep diary every morning");
        assertThat(goalOf("rae", second)).isEqualTo(revised.body());
        assertThat(goalOf("rae", third).get("version").asInt()).isEqualTo(1);

        // Published, sealed per participant like every goal event: numbers and codes, never the wording.
        List<ConsumerRecord<String, byte[]>> published = readUntil(EventTypes.GOAL_TOPIC,
                r -> List.of(EventTypes.GOAL_REVISED_V1, EventTypes.GOAL_CLOSED_V1).contains(header(r, "ce_type"))
                        && id("rae").equals(r.key()), 2);
        for (ConsumerRecord<String, byte[]> record : published) {
            assertThat(CONTRACTS.validate(header(record, "ce_type"), record.value())).isEmpty();
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain("diary", "2099");
        }
        assertThat(published).extracting(r -> JSON.readTree(r.value()).path("closure").asText(null))
                .containsExactlyInAnyOrder("achieved", null);
        List<String> stored = new ArrayList<>();
        database.getCollection("domainevents").find(new Document("aggregateIdentifier", id("rae")))
                .forEach(d -> stored.add(String.valueOf(d.get("serializedPayload"))));
        assertThat(stored).noneSatisfy(payload -> assertThat(payload).contains("weekdays"));
    }

    @ParameterizedTest(name = "{0} {1} → {3} {4}/{5}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "closure | `{\"closure\": \"done\"}`                                | 422 | closure     | unknown",
            "closure | `{}`                                                      | 400 | closure     | required",
            "revise  | `{\"description\": \"  \"}`                             | 400 | description | required",
            "revise  | `{\"targetDate\": \"2099-01-01\"}`                      | 400 | description | required",
            "revise  | `{\"description\": \"x\", \"targetDate\": \"2001-01-01\"}` | 422 | targetDate | not-past",
            "revise  | `{\"description\": \"Sleep\\u0007\"}`                   | 422 | description | control-characters",
    })
    void badRevisionsAndClosuresAreProblemsAndWriteNothing(String what, String body, int status, String field,
                                                             String rule) {
        if (erinsGoal == null) {
            erinsGoal = goalFor("erin");
        }
        String goalId = erinsGoal;
        Reply reply = what.equals("closure")
                ? call(HttpMethod.POST, "/api/goals/" + goalId + "/closure", participant("erin"), body)
                : call(HttpMethod.PUT, "/api/goals/" + goalId, participant("erin"), body);
        assertProblem(reply, status, field, rule);
        JsonNode goal = goalOf("erin", goalId);
        assertThat(goal.get("status").asText()).isEqualTo("active");
        assertThat(goal.get("version").asInt()).isEqualTo(1);
        assertThat(goal.get("earlierVersions")).isEmpty();
    }

    @Test
    void revisingOrClosingAGoalThatDoesNotExistIsNotFound() {
        assertProblem(call(HttpMethod.PUT, "/api/goals/" + UUID.randomUUID(), participant("alice"),
                "{\"description\": \"x\"}"), 404, "goalId", "unknown");
        assertProblem(call(HttpMethod.POST, "/api/goals/" + UUID.randomUUID() + "/closure", practitioner("pat"),
                "{\"closure\": \"achieved\"}"), 404, "goalId", "unknown");
    }

    // ---- bad input ----

    @ParameterizedTest(name = "POST /api/goals {0} → {1} {2}/{3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`{\"interventionId\": \"cbt\", `                                      | 400 | body           | malformed-json",
            "``                                                                   | 400 | body           | malformed-json",
            "`{\"description\": \"Sleep by 11pm\"}`                               | 400 | interventionId | required",
            "`{\"interventionId\": \"CBT!\", \"description\": \"x\"}`             | 400 | interventionId | pattern",
            "`{\"interventionId\": \"cbt\"}`                                      | 400 | description    | required",
            "`{\"interventionId\": \"cbt\", \"description\": \"   \"}`            | 400 | description    | required",
            "`{\"interventionId\": \"cbt\", \"description\": \"LONG\"}`           | 400 | description    | range",
            "`{\"interventionId\": \"cbt\", \"description\": [\"x\"]}`          | 400 | description    | type",
            "`{\"interventionId\": \"cbt\", \"description\": \"x\", \"participantId\": \"alice\"}` | 400 | participantId | pattern",
            "`{\"interventionId\": \"cbt\", \"description\": \"x\", \"targetDate\": \"next week\"}` | 400 | targetDate | type",
            "`{\"interventionId\": \"cbt\", \"description\": \"x\", \"targetDate\": \"2001-01-01\"}` | 422 | targetDate | not-past",
            "`{\"interventionId\": \"cbt\", \"description\": \"Sleep\\u0007\"}`   | 422 | description    | control-characters",
            "`{\"interventionId\": \"cbt\", \"description\": \"Sleep\\r by 11\"}` | 422 | description    | control-characters",
    })
    void badGoalRequestsAreProblemsNamingFieldAndRule(String body, int status, String field, String rule) {
        String json = body.replace("LONG", "a".repeat(501));
        assertProblem(call(HttpMethod.POST, "/api/goals", participant("alice"), json), status, field, rule);
    }

    @ParameterizedTest(name = "rating {0} → {1} {2}/{3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`{\"rating\": 11}`    | 400 | rating | range",
            "`{\"rating\": -1}`    | 400 | rating | range",
            "`{}`                  | 400 | rating | required",
            "`{\"rating\": 7.5}`   | 400 | rating | type",
            "`{\"rating\": \"x\"}` | 400 | rating | type",
            "`{\"rating\": `       | 400 | body   | malformed-json",
    })
    void badRatingsAreProblemsAndWriteNothing(String body, int status, String field, String rule) {
        if (erinsGoal == null) {
            erinsGoal = goalFor("erin");
        }
        String goalId = erinsGoal;
        assertProblem(call(HttpMethod.POST, "/api/goals/" + goalId + "/ratings", participant("erin"), body),
                status, field, rule);
        JsonNode goal = single(call(HttpMethod.GET, "/api/goals/me", participant("erin"), null).body().get("goals"),
                g -> g.get("goalId").asText().equals(goalId));
        assertThat(goal.get("ratings")).isEmpty();
    }

    @Test
    void ratingAGoalThatDoesNotExistOrIsNotAnIdIsAProblem() {
        assertProblem(call(HttpMethod.POST, "/api/goals/" + UUID.randomUUID() + "/ratings", participant("alice"),
                "{\"rating\": 5}"), 404, "goalId", "unknown");
        assertProblem(call(HttpMethod.POST, "/api/goals/" + UUID.randomUUID() + "/ratings", participant("dave"),
                "{\"rating\": 5}"), 404, "goalId", "unknown");
        assertProblem(call(HttpMethod.POST, "/api/goals/" + UUID.randomUUID() + "/ratings", practitioner("pat"),
                "{\"rating\": 5}"), 404, "goalId", "unknown");
        assertProblem(call(HttpMethod.POST, "/api/goals/not-a-goal/ratings", participant("alice"),
                "{\"rating\": 5}"), 400, "goalId", "type");
    }

    @Test
    void readingACaseloadNeedsAWellFormedParticipantId() {
        assertProblem(call(HttpMethod.GET, "/api/goals", practitioner("pat"), null), 400, "participantId", "required");
        assertProblem(call(HttpMethod.GET, "/api/goals?participantId=alice@example.org", practitioner("pat"), null),
                400, "participantId", "pattern");
    }

    // ---- Goal Attainment Scaling ----

    @Test
    void goalsGetAttainmentScalesAreRatedAndTheTScoreIsShownToParticipantAndPractitioner() throws Exception {
        String a = goalFor("jude");
        String b = goalFor("jude");
        String c = goalFor("jude");
        Reply before = call(HttpMethod.GET, "/api/goals/me", participant("jude"), null);
        assertThat(before.body().get("gasTScore").isNull()).isTrue();
        assertThat(before.body().get("goals")).allSatisfy(g -> assertThat(g.get("attainment").isNull()).isTrue());

        // The participant scales goal A (weight 4), then replaces the scale (weight omitted = 1) before any rating.
        Reply first = call(HttpMethod.PUT, "/api/goals/" + a + "/attainment-scale", participant("jude"),
                "{\"weight\": 4, \"baselineLevel\": -2, \"levels\": " + SWIMMING + "}");
        assertThat(first.status()).as(String.valueOf(first.body())).isEqualTo(200);
        assertThat(first.body().get("weight").asInt()).isEqualTo(4);
        Reply scaled = call(HttpMethod.PUT, "/api/goals/" + a + "/attainment-scale", participant("jude"),
                "{\"baselineLevel\": -1, \"levels\": " + SWIMMING + "}");
        assertThat(scaled.status()).isEqualTo(200);
        assertThat(scaled.body().get("goalId").asText()).isEqualTo(a);
        assertThat(scaled.body().get("participantId").asText()).isEqualTo(id("jude"));
        assertThat(scaled.body().get("weight").asInt()).isEqualTo(1);
        assertThat(scaled.body().get("baselineLevel").asInt()).isEqualTo(-1);
        assertThat(scaled.body().get("definedByRole").asText()).isEqualTo("participant");
        assertThat(scaled.body().get("definedAt").asText()).isNotBlank();
        assertThat(scaled.body().get("levels").properties()).extracting(e -> e.getKey())
                .containsExactly("-2", "-1", "0", "1", "2");
        assertThat(scaled.body().at("/levels/-1").asText()).isEqualTo("Swims once a fortnight");

        // The assigned practitioner scales B, knowing only its id; the participant scales C.
        await().atMost(Duration.ofSeconds(20)).until(() -> directory.ownerOf(b).isPresent());
        Reply byPractitioner = call(HttpMethod.PUT, "/api/goals/" + b + "/attainment-scale", practitioner("pat"),
                "{\"weight\": 1, \"baselineLevel\": -1, \"levels\": " + SWIMMING + "}");
        assertThat(byPractitioner.status()).isEqualTo(200);
        assertThat(byPractitioner.body().get("participantId").asText()).isEqualTo(id("jude"));
        assertThat(byPractitioner.body().get("definedByRole").asText()).isEqualTo("practitioner");
        assertThat(call(HttpMethod.PUT, "/api/goals/" + c + "/attainment-scale", participant("jude"),
                "{\"baselineLevel\": -2, \"levels\": " + SWIMMING + "}").status()).isEqualTo(200);

        JsonNode scaledOnly = call(HttpMethod.GET, "/api/goals/me", participant("jude"), null).body();
        assertThat(scaledOnly.get("gasTScore").isNull()).as("no T-score before a rating").isTrue();
        JsonNode unrated = single(scaledOnly.get("goals"), g -> g.get("goalId").asText().equals(a)).get("attainment");
        assertThat(unrated.get("ratings")).isEmpty();
        assertThat(unrated.get("latestLevel").isNull()).isTrue();

        // Ratings: A −1 then +2 (latest counts), B +1 by the practitioner, C 0 — the reference vector (2, 1, 0).
        Reply rated = call(HttpMethod.POST, "/api/goals/" + a + "/attainment-ratings", participant("jude"),
                "{\"level\": -1}");
        assertThat(rated.status()).isEqualTo(201);
        assertThat(rated.body().get("goalId").asText()).isEqualTo(a);
        assertThat(rated.body().get("participantId").asText()).isEqualTo(id("jude"));
        assertThat(rated.body().get("level").asInt()).isEqualTo(-1);
        assertThat(rated.body().get("ratedByRole").asText()).isEqualTo("participant");
        assertThat(rated.body().get("ratedAt").asText()).isNotBlank();
        assertThat(call(HttpMethod.POST, "/api/goals/" + a + "/attainment-ratings", participant("jude"),
                "{\"level\": 2}").status()).isEqualTo(201);
        Reply practitionerRating = call(HttpMethod.POST, "/api/goals/" + b + "/attainment-ratings",
                practitioner("pat"), "{\"level\": 1}");
        assertThat(practitionerRating.status()).isEqualTo(201);
        assertThat(practitionerRating.body().get("ratedByRole").asText()).isEqualTo("practitioner");
        assertThat(call(HttpMethod.POST, "/api/goals/" + c + "/attainment-ratings", participant("jude"),
                "{\"level\": 0}").status()).isEqualTo(201);

        for (Reply view : List.of(call(HttpMethod.GET, "/api/goals/me", participant("jude"), null),
                call(HttpMethod.GET, "/api/goals?participantId=" + id("jude"), practitioner("pat"), null))) {
            assertThat(view.status()).isEqualTo(200);
            assertThat(view.body().get("gasTScore").asDouble()).isEqualTo(63.7);
            JsonNode goalA = single(view.body().get("goals"), g -> g.get("goalId").asText().equals(a));
            JsonNode attainment = goalA.get("attainment");
            assertThat(attainment.get("weight").asInt()).isEqualTo(1);
            assertThat(attainment.get("baselineLevel").asInt()).isEqualTo(-1);
            assertThat(attainment.at("/levels/0").asText()).isEqualTo("Swims once a week");
            assertThat(attainment.get("ratings")).extracting(r -> r.get("level").asInt()).containsExactly(-1, 2);
            assertThat(attainment.get("ratings").get(0).get("ratedByRole").asText()).isEqualTo("participant");
            assertThat(attainment.get("ratings").get(0).get("ratedAt").asText()).isNotBlank();
            assertThat(attainment.get("latestLevel").asInt()).isEqualTo(2);
            assertThat(goalA.get("ratings")).as("GAS ratings are not GBO ratings").isEmpty();
            JsonNode goalB = single(view.body().get("goals"), g -> g.get("goalId").asText().equals(b));
            assertThat(goalB.at("/attainment/latestLevel").asInt()).isEqualTo(1);
            assertThat(goalB.at("/attainment/ratings/0/ratedByRole").asText()).isEqualTo("practitioner");
        }

        // Once rated, the scale is in use: no new definition, nothing written.
        assertProblem(call(HttpMethod.PUT, "/api/goals/" + a + "/attainment-scale", participant("jude"),
                "{\"weight\": 9, \"baselineLevel\": -2, \"levels\": " + SWIMMING + "}"), 409, "goalId", "scale-in-use");
        JsonNode after = call(HttpMethod.GET, "/api/goals/me", participant("jude"), null).body();
        assertThat(single(after.get("goals"), g -> g.get("goalId").asText().equals(a)).at("/attainment/weight")
                .asInt()).isEqualTo(1);
        assertThat(after.get("gasTScore").asDouble()).isEqualTo(63.7);

        // Published: 4 scale definitions (A twice, B, C) and 4 ratings, valid, keyed by jude, with no level wording.
        List<String> judesGoals = List.of(a, b, c);
        List<ConsumerRecord<String, byte[]>> published = readUntil(EventTypes.GOAL_TOPIC, r ->
                List.of(EventTypes.ATTAINMENT_SCALE_DEFINED_V1, EventTypes.GOAL_ATTAINMENT_RATED_V2)
                        .contains(header(r, "ce_type"))
                        && judesGoals.stream().anyMatch(g -> new String(r.value(), StandardCharsets.UTF_8).contains(g)),
                8);
        assertThat(published).extracting(r -> header(r, "ce_type")).containsExactly(
                EventTypes.ATTAINMENT_SCALE_DEFINED_V1, EventTypes.ATTAINMENT_SCALE_DEFINED_V1,
                EventTypes.ATTAINMENT_SCALE_DEFINED_V1, EventTypes.ATTAINMENT_SCALE_DEFINED_V1,
                EventTypes.GOAL_ATTAINMENT_RATED_V2, EventTypes.GOAL_ATTAINMENT_RATED_V2,
                EventTypes.GOAL_ATTAINMENT_RATED_V2, EventTypes.GOAL_ATTAINMENT_RATED_V2);
        for (ConsumerRecord<String, byte[]> record : published) {
            String type = header(record, "ce_type");
            assertThat(record.key()).isEqualTo(id("jude"));
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_source")).isEqualTo("/tend/goal-service");
            assertThat(header(record, "ce_dataschema")).isEqualTo("urn:tend:schema:" + type);
            assertThat(header(record, "ce_id")).isNotBlank();
            assertThat(header(record, "ce_time")).isNotBlank();
            assertThat(CONTRACTS.validate(type, record.value())).as(type).isEmpty();
            StringBuilder everything = new StringBuilder(new String(record.value(), StandardCharsets.UTF_8));
            record.headers().forEach(h -> everything.append(' ').append(h.key()).append('=')
                    .append(new String(h.value(), StandardCharsets.UTF_8)));
            assertThat(everything).doesNotContain("Swims", "fortnight", "week", "jude", "sleep diary");
        }
        JsonNode firstScale = JSON.readTree(published.get(0).value());
        assertThat(firstScale.properties()).extracting(e -> e.getKey())
                .containsExactlyInAnyOrder("goalId", "participantId", "weight", "baselineLevel", "definedAt");
        assertThat(firstScale.get("goalId").asText()).isEqualTo(a);
        assertThat(firstScale.get("weight").asInt()).isEqualTo(4);
        assertThat(firstScale.get("baselineLevel").asInt()).isEqualTo(-2);
        assertThat(JSON.readTree(published.get(1).value()).get("weight").asInt()).isEqualTo(1);
        assertThat(published.subList(4, 8)).extracting(r -> JSON.readTree(r.value()).get("level").asInt())
                .containsExactly(-1, 2, 1, 0);
        assertThat(JSON.readTree(published.get(6).value()).get("ratedByRole").asText()).isEqualTo("practitioner");
        // The T-score is published as computed here: after the last rating, the same 63.7 the view shows.
        assertThat(JSON.readTree(published.get(7).value()).get("gasTScore").asDouble())
                .isEqualTo(after.get("gasTScore").asDouble());
    }

    /** {@code n} entries keyed "k0", "k1", …: no level among them. */
    static String manyLevels(int n) {
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < n; i++) {
            entries.append(i == 0 ? "" : ", ").append("\"k").append(i).append("\": \"x\"");
        }
        return entries.toString();
    }

    static Stream<Arguments> badAttainmentScales() {
        String levelsWith = SWIMMING.replace("}", ", EXTRA}");
        return Stream.of(
                Arguments.of("{\"baselineLevel\": -1, \"levels\": ", 400, "body", "malformed-json"),
                Arguments.of("", 400, "body", "malformed-json"),
                Arguments.of("{\"baselineLevel\": -1}", 400, "levels", "required"),
                Arguments.of("{\"levels\": " + SWIMMING + "}", 400, "baselineLevel", "required"),
                Arguments.of("{\"baselineLevel\": 0, \"levels\": " + SWIMMING + "}", 400, "baselineLevel", "range"),
                Arguments.of("{\"baselineLevel\": 1, \"levels\": " + SWIMMING + "}", 400, "baselineLevel", "range"),
                Arguments.of("{\"baselineLevel\": -3, \"levels\": " + SWIMMING + "}", 400, "baselineLevel", "range"),
                Arguments.of("{\"baselineLevel\": \"low\", \"levels\": " + SWIMMING + "}", 400, "baselineLevel", "type"),
                Arguments.of("{\"weight\": 0, \"baselineLevel\": -1, \"levels\": " + SWIMMING + "}", 400, "weight", "range"),
                Arguments.of("{\"weight\": 11, \"baselineLevel\": -1, \"levels\": " + SWIMMING + "}", 400, "weight", "range"),
                Arguments.of("{\"weight\": 1.5, \"baselineLevel\": -1, \"levels\": " + SWIMMING + "}", 400, "weight", "type"),
                Arguments.of("{\"baselineLevel\": -1, \"levels\": \"swimming\"}", 400, "levels", "type"),
                Arguments.of("{\"baselineLevel\": -1, \"levels\": " + SWIMMING.replace("\"0\": \"Swims once a week\",", "")
                        + "}", 400, "levels.0", "required"),
                Arguments.of("{\"baselineLevel\": -1, \"levels\": " + SWIMMING.replace("\"Swims twice a week\"", "\"  \"")
                        + "}", 400, "levels.1", "required"),
                Arguments.of("{\"baselineLevel\": -1, \"levels\": " + SWIMMING.replace("\"Swims twice a week\"", "null")
                        + "}", 400, "levels.1", "required"),
                Arguments.of("{\"baselineLevel\": -1, \"levels\": " + SWIMMING.replace("Swims three times a week",
                        "x".repeat(301)) + "}", 400, "levels.2", "range"),
                // Five keys, one of them not a level: that key is named, and the level it displaced.
                Arguments.of("{\"baselineLevel\": -1, \"levels\": " + SWIMMING.replace("\"2\":", "\"3\":")
                        + "}", 400, "levels.3", "unknown"),
                Arguments.of("{\"baselineLevel\": -1, \"levels\": " + SWIMMING.replace("\"2\":", "\"3\":")
                        + "}", 400, "levels.2", "required"),
                // More than five entries: refused as a whole, no entry looked at.
                Arguments.of("{\"baselineLevel\": -1, \"levels\": " + levelsWith.replace("EXTRA", "\"3\": \"Swims daily\"")
                        + "}", 400, "levels", "range"),
                Arguments.of("{\"baselineLevel\": -1, \"levels\": " + levelsWith.replace("EXTRA", manyLevels(3000))
                        + "}", 400, "levels", "range"),
                Arguments.of("{\"baselineLevel\": -1, \"levels\": " + SWIMMING.replace("\"1\":", "\"+1\":")
                        + "}", 400, "levels.+1", "unknown"),
                Arguments.of("{\"baselineLevel\": -1, \"levels\": {}}", 400, "levels.-2", "required"),
                Arguments.of("{\"baselineLevel\": -1, \"levels\": " + SWIMMING.replace("Swims twice a week",
                        "Swims\\ntwice a week") + "}", 422, "levels.1", "control-characters"));
    }

    @ParameterizedTest(name = "PUT attainment-scale [{index}] → {1} {2}/{3}")
    @MethodSource("badAttainmentScales")
    void badAttainmentScalesAreProblemsAndWriteNothing(String body, int status, String field, String rule) {
        String goalId = kimsGoals()[0];
        assertProblem(call(HttpMethod.PUT, "/api/goals/" + goalId + "/attainment-scale", participant("kim"), body),
                status, field, rule);
        JsonNode goal = single(call(HttpMethod.GET, "/api/goals/me", participant("kim"), null).body().get("goals"),
                g -> g.get("goalId").asText().equals(goalId));
        assertThat(goal.get("attainment").isNull()).isTrue();
    }

    @ParameterizedTest(name = "attainment rating {0} → {1} {2}/{3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`{\"level\": 3}`      | 400 | level | range",
            "`{\"level\": -3}`     | 400 | level | range",
            "`{}`                  | 400 | level | required",
            "`{\"level\": 0.5}`    | 400 | level | type",
            "`{\"level\": \"one\"}` | 400 | level | type",
            "`{\"level\": `        | 400 | body  | malformed-json",
    })
    void badAttainmentRatingsAreProblemsAndWriteNothing(String body, int status, String field, String rule) {
        String goalId = kimsGoals()[1];
        assertProblem(call(HttpMethod.POST, "/api/goals/" + goalId + "/attainment-ratings", participant("kim"), body),
                status, field, rule);
        JsonNode goal = single(call(HttpMethod.GET, "/api/goals/me", participant("kim"), null).body().get("goals"),
                g -> g.get("goalId").asText().equals(goalId));
        assertThat(goal.at("/attainment/ratings")).isEmpty();
    }

    @Test
    void aGoalWithoutAScaleCannotBeRatedOnOne() {
        String goalId = kimsGoals()[0];
        assertProblem(call(HttpMethod.POST, "/api/goals/" + goalId + "/attainment-ratings", participant("kim"),
                "{\"level\": 0}"), 422, "goalId", "no-attainment-scale");
        JsonNode mine = call(HttpMethod.GET, "/api/goals/me", participant("kim"), null).body();
        assertThat(single(mine.get("goals"), g -> g.get("goalId").asText().equals(goalId)).get("attainment").isNull())
                .isTrue();
        assertThat(mine.get("gasTScore").isNull()).isTrue();
    }

    @Test
    void onlyTheOwnerOrAnAssignedPractitionerScalesAndRatesAGoal() {
        String[] kims = kimsGoals();
        await().atMost(Duration.ofSeconds(20)).until(() -> directory.ownerOf(kims[1]).isPresent());
        String scale = "{\"baselineLevel\": -1, \"levels\": " + SWIMMING + "}";
        // quinn serves programme Q, kim is in P.
        assertProblem(call(HttpMethod.PUT, "/api/goals/" + kims[0] + "/attainment-scale", practitioner("quinn"),
                scale), 403, null, null);
        assertProblem(call(HttpMethod.POST, "/api/goals/" + kims[1] + "/attainment-ratings", practitioner("quinn"),
                "{\"level\": 0}"), 403, null, null);
        // Another participant's goal is not one of hers.
        assertProblem(call(HttpMethod.PUT, "/api/goals/" + kims[0] + "/attainment-scale", participant("alice"),
                scale), 404, "goalId", "unknown");
        assertProblem(call(HttpMethod.POST, "/api/goals/" + kims[1] + "/attainment-ratings", participant("alice"),
                "{\"level\": 0}"), 404, "goalId", "unknown");
        // Unknown or ill-formed goal ids; a participant without any goal.
        assertProblem(call(HttpMethod.PUT, "/api/goals/" + UUID.randomUUID() + "/attainment-scale",
                practitioner("pat"), scale), 404, "goalId", "unknown");
        assertProblem(call(HttpMethod.PUT, "/api/goals/" + UUID.randomUUID() + "/attainment-scale",
                participant("dave"), scale), 404, "goalId", "unknown");
        assertProblem(call(HttpMethod.POST, "/api/goals/" + UUID.randomUUID() + "/attainment-ratings",
                participant("kim"), "{\"level\": 0}"), 404, "goalId", "unknown");
        assertProblem(call(HttpMethod.PUT, "/api/goals/not-a-goal/attainment-scale", participant("kim"), scale),
                400, "goalId", "type");
        assertProblem(call(HttpMethod.POST, "/api/goals/not-a-goal/attainment-ratings", participant("kim"),
                "{\"level\": 0}"), 400, "goalId", "type");
        JsonNode mine = call(HttpMethod.GET, "/api/goals/me", participant("kim"), null).body();
        assertThat(single(mine.get("goals"), g -> g.get("goalId").asText().equals(kims[0])).get("attainment").isNull())
                .isTrue();
        assertThat(single(mine.get("goals"), g -> g.get("goalId").asText().equals(kims[1])).at("/attainment/ratings"))
                .isEmpty();
    }

    /** kim's two goals, made once: the first without a scale, the second with one and no rating. */
    String[] kimsGoals() {
        synchronized (GoalServiceIntegrationTest.class) {
            if (kimsUnscaledGoal == null) {
                kimsUnscaledGoal = goalFor("kim");
                kimsScaledGoal = goalFor("kim");
                assertThat(call(HttpMethod.PUT, "/api/goals/" + kimsScaledGoal + "/attainment-scale",
                        participant("kim"), "{\"baselineLevel\": -1, \"levels\": " + SWIMMING + "}").status())
                        .isEqualTo(200);
            }
            return new String[] {kimsUnscaledGoal, kimsScaledGoal};
        }
    }

    // ---- tokens and roles ----

    @Test
    void hrAndAdminSeeNoIndividualGoals() {
        String goalId = goalFor("alice");
        for (String token : List.of(TestTokens.hr("hana"), TestTokens.admin("adam"))) {
            assertProblem(call(HttpMethod.POST, "/api/goals", token,
                    "{\"participantId\": \"%s\", \"interventionId\": \"cbt\", \"description\": \"x\"}"
                            .formatted(id("alice"))), 403, null, null);
            assertProblem(call(HttpMethod.POST, "/api/goals/" + goalId + "/ratings", token, "{\"rating\": 5}"),
                    403, null, null);
            assertProblem(call(HttpMethod.PUT, "/api/goals/" + goalId + "/attainment-scale", token,
                    "{\"baselineLevel\": -1, \"levels\": " + SWIMMING + "}"), 403, null, null);
            assertProblem(call(HttpMethod.POST, "/api/goals/" + goalId + "/attainment-ratings", token,
                    "{\"level\": 0}"), 403, null, null);
            assertProblem(call(HttpMethod.GET, "/api/goals/me", token, null), 403, null, null);
            assertProblem(call(HttpMethod.GET, "/api/goals?participantId=" + id("alice"), token, null), 403, null, null);
        }
    }

    @Test
    void requestsWithoutAValidTokenAreUnauthenticated() {
        List<String> roles = List.of("participant");
        for (String token : List.of("", TestTokens.expired("alice", roles), TestTokens.forged("alice", roles),
                TestTokens.wrongIssuer("alice", roles))) {
            assertProblem(call(HttpMethod.GET, "/api/goals/me", token, null), 401, null, null);
            assertProblem(call(HttpMethod.POST, "/api/goals", token,
                    "{\"interventionId\": \"cbt\", \"description\": \"x\"}"), 401, null, null);
            assertProblem(call(HttpMethod.PUT, "/api/goals/" + UUID.randomUUID() + "/attainment-scale", token,
                    "{\"baselineLevel\": -1, \"levels\": " + SWIMMING + "}"), 401, null, null);
            assertProblem(call(HttpMethod.POST, "/api/goals/" + UUID.randomUUID() + "/attainment-ratings", token,
                    "{\"level\": 0}"), 401, null, null);
        }
    }

    // ---- consuming ----

    @Test
    void aDuplicateRecordChangesNothing() {
        ProducerRecord<String, byte[]> enrolment = ASSESSMENT.toRecord(EventTypes.ASSESSMENT_TOPIC,
                UUID.randomUUID().toString(), Instant.now(), new IntegrationEvent(EventTypes.PARTICIPANT_ENROLLED_V1,
                        id("frank"), enrolledData("frank", PROGRAMME_Q)));
        kafka.send(enrolment).join();
        await().atMost(Duration.ofSeconds(20)).until(() -> !caseloads.programmesOf(id("frank")).isEmpty());
        Document enrolledOnce = database.getCollection("enrolments").find(new Document("_id", id("frank"))).first();
        Document cbtOnce = database.getCollection("catalogue_interventions").find(new Document("_id", "cbt")).first();

        kafka.send(enrolment).join();
        publishIntervention("cbt", "Cognitive behavioural therapy (CBT)", "1", "2025-03-01T00:00:00Z");
        // An older catalogue version arriving late does not replace the newer one either.
        publishIntervention("cbt", "CBT (old wording)", "0", "2024-01-01T00:00:00Z");
        assign("quinn", "00000000-0000-4000-8000-00000000000a"); // marker behind the duplicate on the same topic
        publishIntervention("marker", "Marker", "1", "2025-03-01T00:00:00Z"); // marker on the catalogue topic
        await().atMost(Duration.ofSeconds(20)).until(() ->
                caseloads.programmesServedBy(id("quinn")).contains("00000000-0000-4000-8000-00000000000a")
                        && catalogue.find("marker").isPresent());

        assertThat(database.getCollection("enrolments").find(new Document("_id", id("frank"))).first())
                .isEqualTo(enrolledOnce);
        assertThat(database.getCollection("catalogue_interventions").find(new Document("_id", "cbt")).first())
                .isEqualTo(cbtOnce);
        assertThat(caseloads.programmesOf(id("frank"))).containsExactly(PROGRAMME_Q);
    }

    @Test
    void aPoisonRecordGoesToDeadLettersAndTheConsumerCarriesOn() {
        kafka.send(new ProducerRecord<>(EventTypes.CATALOGUE_TOPIC, "poison-1",
                "not a cloud event".getBytes(StandardCharsets.UTF_8))).join();
        kafka.send(ASSESSMENT.toRecord(EventTypes.ASSESSMENT_TOPIC, UUID.randomUUID().toString(), Instant.now(),
                new IntegrationEvent(EventTypes.PARTICIPANT_ENROLLED_V1, "poison-2",
                        Map.of("participantId", "grace@example.org", "programmeId", PROGRAMME_P,
                                "cohort", Map.of(), "consentGiven", true, "enrolledAt", "2025-03-04T08:30:00Z"))))
                .join();
        // An event type goal-service does not use is ignored, not dead-lettered.
        kafka.send(ASSESSMENT.toRecord(EventTypes.ASSESSMENT_TOPIC, UUID.randomUUID().toString(), Instant.now(),
                new IntegrationEvent(EventTypes.PROGRAMME_CREATED_V1, PROGRAMME_P, Map.of("programmeId", PROGRAMME_P))))
                .join();
        publishIntervention("behavioural-activation", "Behavioural activation", "1", "2025-03-01T00:00:00Z");
        enrol("grace", PROGRAMME_P);

        await().atMost(Duration.ofSeconds(30)).until(() -> catalogue.find("behavioural-activation").isPresent()
                && !caseloads.programmesOf(id("grace")).isEmpty());
        List<ConsumerRecord<String, byte[]>> dead = readUntil("tend.goal.dead-letters",
                r -> r.key() != null && r.key().startsWith("poison-"), 2);
        assertThat(dead).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("poison-1", "poison-2");
        assertThat(dead).allSatisfy(r -> assertThat(header(r, "kafka_dlt-exception-message")).isNotBlank());
        assertThat(caseloads.programmesOf("grace@example.org")).isEmpty();
        assertThat(call(HttpMethod.POST, "/api/goals", participant("grace"),
                "{\"interventionId\": \"behavioural-activation\", \"description\": \"Plan one valued activity a day\"}")
                .status()).isEqualTo(201);
    }

    // ---- Idempotency-Key ----

    @Test
    void aRetriedGoalCreationWithTheSameKeyMakesOneGoal() {
        String key = UUID.randomUUID().toString();
        String body = "{\"interventionId\": \"cbt\", \"description\": \"Walk at lunchtime\"}";
        Keyed first = keyed("mo", key, body);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        Keyed retry = keyed("mo", key, body);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.replayed()).isTrue();
        assertThat(call(HttpMethod.GET, "/api/goals/me", participant("mo"), null).body().get("goals")).hasSize(1);
        assertThat(goalEventsOf("mo")).isEqualTo(1);

        Keyed otherBody = keyed("mo", key, body.replace("lunchtime", "dawn"));
        assertProblem(new Reply(otherBody.status(), otherBody.contentType(), otherBody.json()), 422,
                "Idempotency-Key", "idempotency-key-reuse");
        assertThat(goalEventsOf("mo")).isEqualTo(1);
    }

    @Test
    void anotherCallersSameKeyIsAnotherRequest() {
        String key = UUID.randomUUID().toString();
        String body = "{\"interventionId\": \"cbt\", \"description\": \"Swim on Sundays\"}";
        Keyed nias = keyed("nia", key, body);
        Keyed olis = keyed("oli", key, body);
        assertThat(nias.status()).isEqualTo(201);
        assertThat(olis.status()).isEqualTo(201);
        assertThat(olis.replayed()).isFalse();
        assertThat(olis.json().get("goalId").asText()).isNotEqualTo(nias.json().get("goalId").asText());
        assertThat(goalEventsOf("nia")).isEqualTo(1);
        assertThat(goalEventsOf("oli")).isEqualTo(1);
    }

    /** Identical requests at once: one goal; the others are told it is in flight, or get its outcome. */
    @Test
    void identicalGoalCreationsAtOnceMakeOneGoal() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"interventionId\": \"cbt\", \"description\": \"Read before bed\"}";
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.CompletableFuture<Keyed>> replies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            replies.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return keyed("pia", key, body);
            }, java.util.concurrent.Executors.newSingleThreadExecutor()));
        }
        start.countDown();
        List<String> goalIds = new ArrayList<>();
        for (var reply : replies) {
            Keyed r = reply.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r.status()).as(r.body()).isIn(201, 409);
            if (r.status() == 201) {
                goalIds.add(r.json().get("goalId").asText());
            } else {
                assertThat(r.json().toString()).contains("idempotency-key-in-flight");
            }
        }
        assertThat(goalIds).isNotEmpty().allMatch(id -> id.equals(goalIds.get(0)));
        assertThat(call(HttpMethod.GET, "/api/goals/me", participant("pia"), null).body().get("goals")).hasSize(1);
        assertThat(goalEventsOf("pia")).isEqualTo(1);
    }

    record Keyed(int status, String contentType, String body, boolean replayed) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    Keyed keyed(String subject, String key, String body) {
        return RestClient.builder().baseUrl("http://localhost:" + port).build().post().uri("/api/goals")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(participant(subject)))
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange((req, res) -> new Keyed(res.getStatusCode().value(),
                        String.valueOf(res.getHeaders().getContentType()),
                        new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8),
                        "true".equals(res.getHeaders().getFirst("Idempotent-Replayed"))));
    }

    /** Events in the participant's goals aggregate (a goal set is its only event here). */
    long goalEventsOf(String subject) {
        return database.getCollection("domainevents")
                .countDocuments(new Document("aggregateIdentifier", id(subject)));
    }

    // ---- what the plumbing refuses before the goal API sees it ----

    /** 64 KiB is the limit, counted in bytes that arrive, with or without Content-Length. */
    @Test
    void aBodyOverSixtyFourKibIsRefusedWith413AndWritesNothing() {
        String token = TestTokens.bearer(participant("ivy"));
        Map<String, String> headers = Map.of("Authorization", token, "Content-Type", "application/json");
        int before = call(HttpMethod.GET, "/api/goals/me", participant("ivy"), null).body().get("goals").size();
        for (boolean chunked : new boolean[] {false, true}) {
            RawHttp.Reply over = RawHttp.send(port, "POST", "/api/goals", headers,
                    paddedGoal(64 * 1024 + 1), chunked);
            assertRawProblem(over, 413, "body", "max-size");
            // At the limit the body gets through to the API, which refuses it on its own grounds (no description).
            RawHttp.Reply at = RawHttp.send(port, "POST", "/api/goals", headers, paddedGoal(64 * 1024), chunked);
            assertRawProblem(at, 400, "description", "required");
        }
        assertThat(call(HttpMethod.GET, "/api/goals/me", participant("ivy"), null).body().get("goals"))
                .hasSize(before);
    }

    /** Refused by Tomcat before any filter runs, or undecodable when read: a problem, never an HTML page. */
    @ParameterizedTest(name = "GET {0} → 400 problem")
    @CsvSource(delimiter = '|', value = {
            "/api/goals?participantId[$ne]=x                      | ",
            "/api/goals?x[]=1                                     | ",
            "/api/goals?participantId=%ZZ                         | query",
            "/api/goals/%ZZ/ratings                               | "})
    void requestsTheContainerCannotParseAreProblems(String target, String field) {
        RawHttp.Reply reply = RawHttp.send(port, "GET", target.strip(), Map.of(
                "Authorization", TestTokens.bearer(practitioner("pat")), "Accept", "text/html,*/*"));
        assertRawProblem(reply, 400, field, field == null ? null : "malformed-encoding");
        assertThat(reply.body()).doesNotContain("<html", "Tomcat", "$ne");
    }

    static byte[] paddedGoal(int size) {
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) ' ');
        byte[] json = "{\"interventionId\": \"cbt\"}".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(json, 0, body, 0, json.length);
        return body;
    }

    static void assertRawProblem(RawHttp.Reply reply, int status, String field, String rule) {
        try {
            assertProblem(new Reply(reply.status(), reply.contentType(), JSON.readTree(reply.body())), status, field,
                    rule);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + reply.body(), e);
        }
    }

    // ---- helpers ----

    record Reply(int status, String contentType, JsonNode body) {
    }

    Reply call(HttpMethod method, String uri, String token, String body) {
        RestClient.RequestBodySpec request = RestClient.builder().baseUrl("http://localhost:" + port).build()
                .method(method).uri(uri);
        if (!token.isEmpty()) {
            request.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token));
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.exchange((req, res) -> {
            byte[] bytes = res.getBody().readAllBytes();
            return new Reply(res.getStatusCode().value(), String.valueOf(res.getHeaders().getContentType()),
                    bytes.length == 0 ? JSON.nullNode() : JSON.readTree(bytes));
        });
    }

    static void assertProblem(Reply reply, int status, String field, String rule) {
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body().get("status").asInt()).isEqualTo(status);
        assertThat(reply.body().get("type").asText()).startsWith("/problems/");
        assertThat(reply.body().toString()).doesNotContain("Exception", "at org.");
        if (field != null) {
            assertThat(reply.body().get("errors")).as(reply.body().toString())
                    .anySatisfy(e -> {
                        assertThat(e.get("field").asText()).isEqualTo(field);
                        assertThat(e.get("rule").asText()).isEqualTo(rule);
                    });
        }
    }

    String goalFor(String subject) {
        Reply created = call(HttpMethod.POST, "/api/goals", participant(subject),
                "{\"interventionId\": \"cbt\", \"description\": \"Keep a sleep diary every morning\"}");
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        return created.body().get("goalId").asText();
    }

    String id(String subject) {
        return pseudonymizer.pseudonymFor(subject);
    }

    static String participant(String subject) {
        return TestTokens.participant(subject);
    }

    static String practitioner(String subject) {
        return TestTokens.practitioner(subject);
    }

    void publishIntervention(String interventionId, String name, String version, String publishedAt) {
        Map<String, Object> data = Map.of("interventionId", interventionId, "catalogueVersion", version,
                "name", name, "approach", "A structured approach.", "formats", List.of("individual"),
                "typicalDuration", "8 weekly sessions", "targets", List.of("depression"),
                "suitableSeverities", List.of("step-2"), "publishedAt", publishedAt);
        assertThat(CONTRACTS.validate(EventTypes.INTERVENTION_PUBLISHED_V1, JSON.valueToTree(data))).isEmpty();
        kafka.send(CATALOGUE.toRecord(EventTypes.CATALOGUE_TOPIC, UUID.randomUUID().toString(), Instant.now(),
                new IntegrationEvent(EventTypes.INTERVENTION_PUBLISHED_V1, interventionId, data))).join();
    }

    Map<String, Object> enrolledData(String subject, String programmeId) {
        Map<String, Object> data = Map.of("participantId", id(subject), "programmeId", programmeId,
                "cohort", Map.of("department", "finance"), "consentGiven", true,
                "enrolledAt", "2025-03-04T08:30:00Z");
        assertThat(CONTRACTS.validate(EventTypes.PARTICIPANT_ENROLLED_V1, JSON.valueToTree(data))).isEmpty();
        return data;
    }

    void enrol(String subject, String programmeId) {
        kafka.send(ASSESSMENT.toRecord(EventTypes.ASSESSMENT_TOPIC, UUID.randomUUID().toString(), Instant.now(),
                new IntegrationEvent(EventTypes.PARTICIPANT_ENROLLED_V1, id(subject),
                        enrolledData(subject, programmeId)))).join();
    }

    void assign(String subject, String programmeId) {
        Map<String, Object> data = Map.of("programmeId", programmeId, "practitionerId", id(subject),
                "assignedAt", "2025-03-02T10:00:00Z");
        assertThat(CONTRACTS.validate(EventTypes.PRACTITIONER_ASSIGNED_V1, JSON.valueToTree(data))).isEmpty();
        kafka.send(ASSESSMENT.toRecord(EventTypes.ASSESSMENT_TOPIC, UUID.randomUUID().toString(), Instant.now(),
                new IntegrationEvent(EventTypes.PRACTITIONER_ASSIGNED_V1, programmeId, data))).join();
    }

    /** Reads the topic from its start until {@code count} records match (or 20 s pass). */
    List<ConsumerRecord<String, byte[]>> readUntil(String topic, Predicate<ConsumerRecord<String, byte[]>> matching,
                                                  int count) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "goal-test-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 20_000;
            while (found.size() < count && System.currentTimeMillis() < deadline) {
                // As a consumer with the keys reads them (goal events are sealed with the participant's key).
                consumer.poll(Duration.ofMillis(300)).forEach(raw -> {
                    ConsumerRecord<String, byte[]> r = org.tend.plumbing.messaging.SealedRecords.opened(raw, keys)
                            .orElse(raw);
                    if (matching.test(r)) {
                        found.add(r);
                    }
                });
            }
            assertThat(found).as("records on " + topic).hasSize(count);
            return found;
        }
    }

    static JsonNode single(JsonNode array, Predicate<JsonNode> matching) {
        List<JsonNode> found = new ArrayList<>();
        array.forEach(n -> {
            if (matching.test(n)) {
                found.add(n);
            }
        });
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The service's OpenAPI document describes every controller operation, with its roles and problems. */
    @Test
    void everyControllerOperationIsInTheApiDocument() {
        org.tend.testsupport.ApiDocsCheck.assertEveryOperationDocumented(context, port);
    }

    /** The stores this service confirmed for an erasure, from its confirmations outbox. */
    java.util.List<String> confirmations(String erasureId) {
        java.util.List<String> stores = new java.util.ArrayList<>();
        database.getCollection(org.tend.plumbing.erasure.ErasureConfirmations.OUTBOX)
                .find(new org.bson.Document("key", erasureId))
                .forEach(d -> stores.add(d.get("data", org.bson.Document.class).getString("store")));
        return stores;
    }
}
