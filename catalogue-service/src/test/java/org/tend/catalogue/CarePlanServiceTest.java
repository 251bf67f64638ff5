package org.tend.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tend.catalogue.AssessmentRecords.assigned;
import static org.tend.catalogue.AssessmentRecords.completed;
import static org.tend.catalogue.AssessmentRecords.enrolled;
import static org.tend.catalogue.AssessmentRecords.uuid;
import static org.tend.catalogue.TopicReader.header;
import static org.tend.catalogue.TopicReader.keyed;
import static org.tend.catalogue.TopicReader.ofType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.tend.catalogue.domain.plan.CarePlan;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.identity.Pseudonymizer;
import org.tend.testsupport.EmbeddedMongo;
import org.tend.testsupport.TestJwtConfiguration;
import org.tend.testsupport.TestTokens;

/**
 * Care plans as practitioners and participants use them: taking up a recommendation, adjusting and reviewing with
 * coded reasons, the plan read back with each intervention's span, the records on Kafka (codes only, sealed), and
 * every refusal leaving the plan as it was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tend.messaging.partitions=1", "tend.keys.makes-keys=true"})
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ContextConfiguration(initializers = EmbeddedMongo.class)
@Import(TestJwtConfiguration.class)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CarePlanServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ContractValidator CONTRACTS = ContractValidator.load();
    private static final String NOTE = "She said the evening sessions clash with her shifts";

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    Pseudonymizer pseudonymizer;
    @Autowired
    MongoDatabase database;
    @Autowired
    org.tend.keys.ParticipantKeys keys;

    private Http http;
    private KafkaTemplate<String, byte[]> assessmentService;
    private TopicReader opened;
    private TopicReader raw;

    @BeforeAll
    void connect() {
        http = new Http(port);
        assessmentService = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                Map.of("bootstrap.servers", broker.getBrokersAsString()), new StringSerializer(),
                new ByteArraySerializer()));
        opened = new TopicReader(broker.getBrokersAsString(), EventTypes.CATALOGUE_TOPIC, keys);
        raw = new TopicReader(broker.getBrokersAsString(), EventTypes.CATALOGUE_TOPIC);
    }

    @AfterAll
    void disconnect() {
        opened.close();
        raw.close();
        assessmentService.destroy();
    }

    @Test
    void aPlanIsTakenUpAdjustedAndReviewedWithCodedReasonsAndReadBackWithItsHistory() throws Exception {
        String programme = uuid();
        send(AssessmentRecords.record(EventTypes.PROGRAMME_SETTINGS_CHANGED_V1, programme, uuid(), Map.of(
                "programmeId", programme, "maxActiveGoals", 3, "reviewPeriod", "P7D",
                "schedule", Map.of("version", "default-v1", "items", List.of(
                        Map.of("measure", "phq-9", "every", "P14D", "while", "plan-active"))),
                "changedAt", "2025-03-01T08:00:00Z")));
        String alice = enrolledWithRecommendations("plan-alice", "dr-plan", programme);
        String pat = TestTokens.practitioner("dr-plan");

        // Before any adjustment the plan is where her recommendations put her.
        JsonNode before = http.get("/api/care-plans/me", participant("plan-alice")).body();
        assertThat(before.at("/level/code").asText()).isEqualTo("step-2");
        assertThat(before.get("episode").asInt()).isZero();
        assertThat(before.get("interventions")).isEmpty();
        // The programme's schedule, as its settings were published.
        assertThat(before.at("/schedule/version").asText()).isEqualTo("default-v1");
        assertThat(before.at("/schedule/reviewPeriod").asText()).isEqualTo("P7D");
        assertThat(before.at("/schedule/items/0/measure").asText()).isEqualTo("phq-9");
        assertThat(before.at("/schedule/items/0/applies").asText()).isEqualTo("plan-active");

        List<String> recommended = new ArrayList<>();
        http.get("/api/recommendations/me", participant("plan-alice")).body().get("recommendations")
                .forEach(r -> recommended.add(r.get("interventionId").asText()));
        String first = recommended.get(0);
        Http.Response takeUp = http.post("/api/care-plans/me/interventions", participant("plan-alice"),
                "{\"interventionId\":\"" + first + "\"}");
        assertThat(takeUp.status()).isEqualTo(201);
        assertThat(takeUp.body().get("episode").asInt()).isEqualTo(1);
        assertThat(takeUp.body().get("reason").asText()).isEqualTo("participant-preference");
        assertThat(takeUp.body().get("adjustedByRole").asText()).isEqualTo("participant");

        Http.Response switched = http.post("/api/care-plans/" + alice + "/adjustments", pat,
                "{\"change\":\"switch\",\"interventionId\":\"mbct\",\"replacedInterventionId\":\"" + first
                        + "\",\"reason\":\"no-reliable-improvement\",\"note\":\"" + NOTE + "\"}");
        assertThat(switched.status()).isEqualTo(201);
        assertThat(switched.body().get("episode").asInt()).isEqualTo(2);
        assertThat(switched.body().get("interventions").toString()).isEqualTo("[\"mbct\"]");

        Http.Response up = http.post("/api/care-plans/" + alice + "/adjustments", pat,
                "{\"change\":\"step-up\",\"reason\":\"reliable-deterioration\"}");
        assertThat(up.status()).isEqualTo(201);
        assertThat(up.body().get("previousLevel").asText()).isEqualTo("step-2");
        assertThat(up.body().get("level").asText()).isEqualTo("step-3");

        Http.Response review = http.post("/api/care-plans/" + alice + "/reviews", pat,
                "{\"decision\":\"continue\",\"reason\":\"participant-preference\"}");
        assertThat(review.status()).isEqualTo(201);
        assertThat(review.body().get("episode").asInt()).isEqualTo(3);

        await().atMost(WAIT).until(() -> http.get("/api/care-plans?participantId=" + alice, pat).body()
                .path("reviews").size() == 1);
        JsonNode plan = http.get("/api/care-plans?participantId=" + alice, pat).body();
        assertThat(plan.at("/level/code").asText()).isEqualTo("step-3");
        assertThat(plan.at("/level/label").asText()).isNotBlank();
        assertThat(plan.get("episode").asInt()).isEqualTo(3);
        assertThat(plan.get("interventions")).hasSize(2);
        assertThat(plan.at("/interventions/0/interventionId").asText()).isEqualTo(first);
        assertThat(plan.at("/interventions/0/status").asText()).isEqualTo("ended");
        assertThat(plan.at("/interventions/0/endReason").asText()).isEqualTo("no-reliable-improvement");
        assertThat(plan.at("/interventions/1/interventionId").asText()).isEqualTo("mbct");
        assertThat(plan.at("/interventions/1/name").asText()).isNotEqualTo("mbct").isNotBlank();
        assertThat(plan.at("/interventions/1/status").asText()).isEqualTo("active");
        assertThat(plan.get("adjustments")).extracting(a -> a.get("change").asText())
                .containsExactly("add", "switch", "step-up");
        assertThat(plan.at("/adjustments/1/note").asText()).isEqualTo(NOTE);
        // The participant reads the same plan, without the practitioner's notes.
        JsonNode hers = http.get("/api/care-plans/me", participant("plan-alice")).body();
        assertThat(hers.get("adjustments")).hasSize(3);
        assertThat(hers.toString()).doesNotContain(NOTE);

        // On Kafka: codes only, sealed with her key, each valid against its contract.
        await().atMost(WAIT).until(() -> opened.records(keyed(alice)).stream()
                .filter(ofType(EventTypes.PLAN_ADJUSTED_V1).or(ofType(EventTypes.PLAN_REVIEWED_V1))).count() == 4);
        List<ConsumerRecord<String, byte[]>> records = opened.records(keyed(alice)).stream()
                .filter(ofType(EventTypes.PLAN_ADJUSTED_V1).or(ofType(EventTypes.PLAN_REVIEWED_V1))).toList();
        for (ConsumerRecord<String, byte[]> record : records) {
            String type = header(record, "ce_type");
            assertThat(CONTRACTS.validate(type, record.value())).as(type).isEmpty();
            assertThat(new String(record.value())).doesNotContain("clash", "plan-alice");
        }
        JsonNode switchRecord = JSON.readTree(records.get(1).value());
        assertThat(switchRecord.get("change").asText()).isEqualTo("switch");
        assertThat(switchRecord.get("replacedInterventionId").asText()).isEqualTo(first);
        assertThat(switchRecord.get("adjustedBy").asText()).isEqualTo(pseudonymizer.pseudonymFor("dr-plan"));
        assertThat(JSON.readTree(records.get(3).value()).get("decision").asText()).isEqualTo("continue");
        assertThat(raw.records(keyed(alice)).stream().filter(ofType(EventTypes.PLAN_ADJUSTED_V1)))
                .allSatisfy(r -> assertThat(header(r, "content-type")).isEqualTo(EventTypes.SEALED_CONTENT_TYPE));
        // Her record (FHIR R4) carries the plan as it stands: each intervention with its period, no note.
        Http.Response record = http.get("/api/recommendations/me/record", participant("plan-alice"));
        org.hl7.fhir.r4.model.Bundle bundle = org.tend.fhir.FhirRecords.parse(org.hl7.fhir.r4.model.Bundle.class,
                record.body().toString());
        org.hl7.fhir.r4.model.CarePlan carePlan = bundle.getEntry().stream()
                .map(e -> (org.hl7.fhir.r4.model.CarePlan) e.getResource())
                .filter(p -> p.getIntent() == org.hl7.fhir.r4.model.CarePlan.CarePlanIntent.PLAN).findFirst()
                .orElseThrow();
        assertThat(carePlan.getStatus()).isEqualTo(org.hl7.fhir.r4.model.CarePlan.CarePlanStatus.ACTIVE);
        assertThat(carePlan.getActivity()).extracting(a -> a.getDetail().getStatus()).containsExactly(
                org.hl7.fhir.r4.model.CarePlan.CarePlanActivityStatus.STOPPED,
                org.hl7.fhir.r4.model.CarePlan.CarePlanActivityStatus.INPROGRESS);
        assertThat(carePlan.getActivity().get(0).getDetail().getStatusReason().getCodingFirstRep().getCode())
                .isEqualTo("no-reliable-improvement");
        assertThat(record.body().toString()).doesNotContain("clash");
        assertThat(new org.tend.fhir.R4Validation(List.of()).errors(bundle)).isEmpty();

        // In the event store the note is sealed too.
        assertThat(database.getCollection("domainevents")
                .find(Filters.eq("aggregateIdentifier", CarePlan.idOf(alice))).into(new ArrayList<>()))
                .hasSize(4).allSatisfy(d -> assertThat(d.toJson()).doesNotContain("clash", "no-reliable-improvement"));
    }

    @Test
    void refusalsNameTheFieldAndRuleAndChangeNothing() {
        String bea = enrolledWithRecommendations("plan-bea", "dr-bea");
        String pat = TestTokens.practitioner("dr-bea");
        String adjustments = "/api/care-plans/" + bea + "/adjustments";
        problem(http.post(adjustments, TestTokens.practitioner("dr-stranger"),
                "{\"change\":\"step-up\",\"reason\":\"other\"}"), 403, null, null);
        problem(http.post(adjustments, participant("plan-bea"), "{\"change\":\"step-up\",\"reason\":\"other\"}"),
                403, null, null);
        problem(http.post(adjustments, pat, "{\"change\":\"add\",\"interventionId\":\"crystal-healing\","
                + "\"reason\":\"other\"}"), 422, "interventionId", "unknown");
        problem(http.post(adjustments, pat, "{\"change\":\"add\",\"interventionId\":\"mbct\",\"reason\":\"bored\"}"),
                422, "reason", "enum");
        problem(http.post(adjustments, pat, "{\"change\":\"teleport\",\"reason\":\"other\"}"), 422, "change", "enum");
        problem(http.post(adjustments, pat, "{\"reason\":\"other\"}"), 400, "change", "required");
        problem(http.post(adjustments, pat, "{\"change\":\"stop\",\"interventionId\":\"mbct\",\"reason\":\"other\"}"),
                409, "interventionId", "not-active");
        problem(http.post(adjustments, pat, "{\"change\":\"add\",\"interventionId\":\"mbct\",\"reason\":\"other\","
                + "\"note\":\"" + "n".repeat(CarePlan.MAX_NOTE_LENGTH + 1) + "\"}"), 422, "note", "range");
        problem(http.post("/api/care-plans/not-a-pseudonym/adjustments", pat,
                "{\"change\":\"step-up\",\"reason\":\"other\"}"), 400, "participantId", "pattern");
        problem(http.post("/api/care-plans/" + bea + "/reviews", pat, "{\"decision\":\"stop\",\"reason\":\"other\"}"),
                422, "decision", "enum");
        problem(http.post("/api/care-plans/me/interventions", participant("plan-bea"),
                "{\"interventionId\":\"psychiatric-referral\"}"), 422, "interventionId", "not-recommended");
        problem(http.post("/api/care-plans/me/interventions", participant("never-enrolled"),
                "{\"interventionId\":\"mbct\"}"), 409, "participantId", "not-enrolled");

        assertThat(database.getCollection("domainevents")
                .countDocuments(Filters.eq("aggregateIdentifier", CarePlan.idOf(bea)))).isZero();
        assertThat(http.get("/api/care-plans?participantId=" + bea, pat).body().get("episode").asInt()).isZero();
    }

    @Test
    void anErasedParticipantsPlanIsGoneAndALateAdjustmentBringsNothingBack() {
        String cy = enrolledWithRecommendations("plan-cy", "dr-cy");
        String pat = TestTokens.practitioner("dr-cy");
        assertThat(http.post("/api/care-plans/" + cy + "/adjustments", pat, "{\"change\":\"step-up\","
                + "\"reason\":\"reliable-deterioration\",\"note\":\"Talked about the night shifts\"}").status())
                .isEqualTo(201);
        await().atMost(WAIT).until(() -> http.get("/api/care-plans?participantId=" + cy, pat).body()
                .path("episode").asInt() == 1);

        // As assessment-service erases: the key first, then the record that tells every service.
        keys.erase(cy);
        send(AssessmentRecords.record(EventTypes.PARTICIPANT_ERASED_V1, cy, uuid(), Map.of("participantId", cy,
                "programmeId", uuid(), "erasureId", uuid(), "erasedAt", Instant.now().toString())));
        await().atMost(WAIT).until(() -> http.get("/api/care-plans/me", participant("plan-cy")).status() == 404);
        assertThat(database.getCollection("care_plans").find(Filters.eq("_id", cy)).first().toJson())
                .doesNotContain("night shifts", "step-", "reliable");
        assertThat(http.post("/api/care-plans/" + cy + "/adjustments", pat,
                "{\"change\":\"step-down\",\"reason\":\"other\"}").status()).isIn(403, 404, 409);
    }

    private void problem(Http.Response response, int status, String field, String rule) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(response.errorField()).isEqualTo(field);
            assertThat(response.errorRule()).isEqualTo(rule);
        }
    }

    /** A participant enrolled in a programme that the practitioner serves, with step-2 recommendations issued. */
    private String enrolledWithRecommendations(String subject, String practitioner) {
        return enrolledWithRecommendations(subject, practitioner, uuid());
    }

    private String enrolledWithRecommendations(String subject, String practitioner, String programme) {
        String participantId = pseudonymizer.pseudonymFor(subject);
        send(assigned(programme, pseudonymizer.pseudonymFor(practitioner)));
        send(enrolled(participantId, programme));
        send(completed(uuid(), participantId, programme, "phq-9", 11, 0, 27, "moderate", Instant.now()));
        await().atMost(WAIT).until(() -> http.get("/api/recommendations/me", participant(subject)).status() == 200);
        return participantId;
    }

    private static String participant(String subject) {
        return TestTokens.participant(subject);
    }

    private void send(ProducerRecord<String, byte[]> record) {
        assessmentService.send(record).join();
    }
}
