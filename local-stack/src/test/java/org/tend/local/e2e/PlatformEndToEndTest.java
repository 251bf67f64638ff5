package org.tend.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.local.DevTokenIssuer;
import org.tend.local.KafkaLogin;
import org.tend.local.LocalStack;
import org.tend.local.TendService;
import org.tend.local.TopicAccess;

/**
 * The platform as its users meet it: every service and the gateway as their own JVMs, a real Kafka broker and
 * the MongoDB-protocol store, driven over HTTP with tokens from the issuer. One stack serves the whole class;
 * the broker-restart test runs last because it stops the broker.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformEndToEndTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    private static final ContractValidator CONTRACTS = ContractValidator.load();

    @TempDir
    static Path data;
    static LocalStack stack;
    static String programmeId;
    static String enrolmentCode;
    /** priya's pseudonymous id, as her release of a care hold answered it. */
    static String priyaId;

    @BeforeAll
    static void startPlatform() {
        stack = LocalStack.builder()
                .dataDir(data)
                .mongoBackend(LocalStack.MongoBackend.MEMORY)
                .freePorts()
                .demoClock()
                // Reminders are swept every few seconds here, so a check-in falling due is acted on at once.
                .env("TEND_REMINDER_SWEEP_INTERVAL", "PT3S")
                .env("TEND_SAFETY_ALERT_COUNTS_INTERVAL", "PT3S")
                .onProgress(line -> System.out.println("[stack] " + line))
                .build();
        stack.start();
        Api admin = as("adam");
        Api.Response created = admin.post("/api/programmes", Map.of("organisationId", "acme", "name",
                "Acme wellbeing 2026", "minimumGroupSize", 5,
                "departments", List.of("engineering", "finance", "operations")));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        JsonNode programme = created.body();
        programmeId = programme.get("programmeId").asText();
        enrolmentCode = programme.get("enrolmentCode").asText();
        // The practitioner joins by an invitation the administrator hands over; nobody types her login.
        String invitation = admin.post("/api/programmes/" + programmeId + "/invitations", Map.of()).body()
                .get("code").asText();
        Api.Response redeemed = as("priya").post("/api/invitations/redemptions", Map.of("code", invitation));
        assertThat(redeemed.status()).as(redeemed.raw()).isEqualTo(201);
    }

    /** Enrols with the programme's enrolment code. */
    static Api.Response enrol(Api participant, String department) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enrolmentCode", enrolmentCode);
        body.put("consent", true);
        if (department != null) {
            body.put("department", department);
        }
        return participant.post("/api/enrolments", body);
    }

    @AfterAll
    static void stopPlatform() {
        if (entitledRecords != null) {
            entitledRecords.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** The participant the erasure test erased (null until it ran): a rebuild from offset 0 must not bring them back. */
    static String erasedParticipant;
    static org.tend.keys.KafkaKeyRecords entitledRecords;
    static org.tend.keys.ParticipantKeys entitledKeys;

    /**
     * The keys of a consumer entitled to the data: it reads the key topic (with a principal that may, here insights')
     * and holds the master key (the local stack's development keyset).
     */
    static synchronized org.tend.keys.ParticipantKeys entitledKeys() {
        if (entitledKeys == null) {
            entitledRecords = new org.tend.keys.KafkaKeyRecords(stack.kafkaLogin("insights").clientConfig());
            entitledKeys = new org.tend.keys.ParticipantKeys(org.tend.keys.MasterKey.fromKeysetJson(
                    org.tend.security.DeploymentSettings.LOCAL_STACK_MASTER_KEYSET), entitledRecords, false,
                    Duration.ofSeconds(10));
        }
        return entitledKeys;
    }

    static boolean sealed(ConsumerRecord<String, byte[]> record) {
        return EventTypes.SEALED_CONTENT_TYPE.equals(TopicLog.header(record, "content-type"));
    }

    /** A record's data as an entitled consumer reads it; empty when its participant was erased. */
    static java.util.Optional<byte[]> opened(ConsumerRecord<String, byte[]> record) {
        if (!sealed(record)) {
            return java.util.Optional.of(record.value());
        }
        return entitledKeys().openShared(record.key(),
                EventTypes.sealingContext(TopicLog.header(record, "ce_type")), record.value());
    }

    /** Who reads the topics here: the analytics principal, as an analyst would. */
    static KafkaLogin analytics() {
        return stack.kafkaLogin(TopicAccess.ANALYTICS);
    }

    static Api as(String demoUser) {
        return new Api(stack.gatewayUrl(), stack.issuer().mintFor(demoUser));
    }

    static Api participant(String subject) {
        return new Api(stack.gatewayUrl(), stack.issuer().mint(subject, List.of("participant"), Duration.ofHours(1)));
    }

    static Map<String, Integer> phq9(int... items) {
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (int i = 0; i < items.length; i++) {
            answers.put("phq9-" + (i + 1), items[i]);
        }
        return answers;
    }

    @Test
    @Order(1)
    void aParticipantGoesRoundTheWholeCycle() {
        Api alice = as("alice");
        assertThat(enrol(alice, "engineering").status()).isEqualTo(201);

        // PHQ-9 total 17: moderately severe; item 9 = 0, so no safety concern.
        Api.Response assessed = alice.post("/api/assessments", Map.of("instrumentId", "phq-9",
                "answers", phq9(2, 2, 2, 2, 2, 2, 2, 3, 0), "submit", true));
        assertThat(assessed.status()).as(assessed.raw()).isEqualTo(201);
        assertThat(assessed.body().get("score").asInt()).isEqualTo(17);
        assertThat(assessed.body().get("band").get("code").asText()).isEqualTo("moderately-severe");

        JsonNode recommendations = alice.await("/api/recommendations/me", Api.Response::ok, EVENTUALLY).body();
        assertThat(recommendations.toString()).contains("step-3");
        JsonNode first = recommendations.get("recommendations").get(0);
        String interventionId = first.get("interventionId").asText();
        assertThat(first.get("reason").asText()).contains("17");

        String description = "Walk to work three days a week by the end of the month";
        JsonNode goal = alice.postUntilAccepted("/api/goals", Map.of("interventionId", interventionId,
                "description", description), EVENTUALLY).body();
        String goalId = goal.get("goalId").asText();
        assertThat(alice.post("/api/goals/" + goalId + "/ratings", Map.of("rating", 3)).status()).isEqualTo(201);
        assertThat(alice.post("/api/goals/" + goalId + "/ratings", Map.of("rating", 6)).status()).isEqualTo(201);
        Map<String, String> levels = Map.of("-2", "Not walking at all", "-1", "Walking once a week",
                "0", "Walking three days a week", "1", "Walking four days a week", "2", "Walking every work day");
        assertThat(alice.put("/api/goals/" + goalId + "/attainment-scale",
                Map.of("baselineLevel", -1, "levels", levels)).status()).isEqualTo(200);
        assertThat(alice.post("/api/goals/" + goalId + "/attainment-ratings", Map.of("level", 0)).status())
                .isEqualTo(201);

        JsonNode journey = alice.await("/api/journeys/me", r -> r.ok() && r.raw().contains("\"rating\":6")
                && r.raw().contains(interventionId), EVENTUALLY).body();
        assertThat(journey.get("programmeId").asText()).isEqualTo(programmeId);
        assertThat(journey.toString()).contains("moderately-severe").contains("17");
        List<String> kinds = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        journey.get("timeline").forEach(entry -> {
            kinds.add(entry.get("kind").asText());
            times.add(Instant.parse(entry.get("time").asText()));
        });
        // Newest first: the timeline is paged from the latest event back (the first page holds all of these).
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(kinds).containsSubsequence("goal-progress-rated", "goal-progress-rated", "goal-set",
                "recommendations-issued", "assessment-completed", "enrolled");
        assertThat(journey.get("timelinePage").get("total").asInt()).isEqualTo(kinds.size());
        assertThat(journey.toString()).doesNotContain(description).doesNotContain("alice");

        // Monitor and adjust: her practitioner takes the first recommendation into her plan with a coded reason and a
        // note of her own, then reviews the plan and continues it; a second goal is revised, then closed.
        String aliceId = journey.get("participantId").asText();
        Api priya = as("priya");
        Api.Response adjusted = priya.post("/api/care-plans/" + aliceId + "/adjustments", Map.of("change", "add",
                "interventionId", interventionId, "reason", "participant-preference",
                "note", "Prefers evening sessions near home"));
        assertThat(adjusted.status()).as(adjusted.raw()).isEqualTo(201);
        assertThat(priya.post("/api/care-plans/" + aliceId + "/reviews", Map.of("decision", "continue",
                "reason", "participant-preference")).status()).isEqualTo(201);
        String second = alice.postUntilAccepted("/api/goals", Map.of("interventionId", interventionId,
                "description", "Sleep by eleven on work nights"), EVENTUALLY).body().get("goalId").asText();
        Api.Response revised = alice.put("/api/goals/" + second, Map.of("description",
                "Sleep by half past ten on work nights"));
        assertThat(revised.status()).as(revised.raw()).isEqualTo(200);
        Api.Response closed = alice.post("/api/goals/" + second + "/closure", Map.of("closure", "no-longer-relevant"));
        assertThat(closed.status()).as(closed.raw()).isIn(200, 201);
        JsonNode adjustedJourney = alice.await("/api/journeys/me", r -> r.ok() && r.raw().contains("plan-reviewed")
                && r.raw().contains("goal-closed"), EVENTUALLY).body();
        assertThat(adjustedJourney.at("/plan/episode").asInt()).isEqualTo(1);
        assertThat(adjustedJourney.at("/plan/interventions/0/interventionId").asText()).isEqualTo(interventionId);
        assertThat(adjustedJourney.toString()).doesNotContain("evening sessions", "Sleep by");
        JsonNode plan = alice.await("/api/care-plans/me", r -> r.ok() && r.body().get("episode").asInt() == 1,
                EVENTUALLY).body();
        assertThat(plan.toString()).as("her practitioner's note is not shown to her").doesNotContain("evening");
        assertThat(priya.get("/api/care-plans?participantId=" + aliceId).raw()).contains("evening sessions");
    }

    @Test
    @Order(2)
    void everyPublishedRecordIsAValidCloudEventWithNoPersonalData() {
        Set<String> forbidden = Set.of("alice", "bob", "priya", "demo|", "Walk to work", "Acme wellbeing", "Walking",
                "evening sessions", "Sleep by");
        Map<String, Integer> typesSeen = new HashMap<>();
        for (String topic : new java.util.TreeSet<>(EventTypes.PUBLISHED_TOPICS)) {
            // Progress publishes its classifications from its outbox, a moment after it applied the assessment.
            List<ConsumerRecord<String, byte[]>> records = TopicLog.readAll(analytics(), topic);
            for (int attempt = 0; records.isEmpty() && attempt < 30; attempt++) {
                Api.sleep(1000);
                records = TopicLog.readAll(analytics(), topic);
            }
            assertThat(records).as(topic).isNotEmpty();
            for (ConsumerRecord<String, byte[]> record : records) {
                String type = TopicLog.header(record, "ce_type");
                assertThat(TopicLog.header(record, "ce_specversion")).isEqualTo("1.0");
                assertThat(TopicLog.header(record, "ce_id")).isNotBlank();
                assertThat(TopicLog.header(record, "ce_source")).startsWith("/tend/");
                assertThat(TopicLog.header(record, "ce_time")).isNotBlank();
                assertThat(TopicLog.header(record, "ce_dataschema")).isEqualTo("urn:tend:schema:" + type);
                // Records about one participant are sealed: analytics reads no data of theirs; an entitled consumer
                // opens it with the participant's key and reads exactly what the schema describes.
                assertThat(sealed(record)).as(type + " sealed").isEqualTo(EventTypes.SEALED.contains(type));
                byte[] data = opened(record).orElseThrow();
                assertThat(CONTRACTS.validate(type, data)).as(type + " " + new String(data)).isEmpty();
                if (sealed(record)) {
                    assertThat(CONTRACTS.validate(type, record.value())).as("sealed: not readable as data")
                            .isNotEmpty();
                }
                String everything = new String(data, StandardCharsets.UTF_8) + new String(record.value(),
                        StandardCharsets.UTF_8) + record.key() + record.headers().toString();
                for (String word : forbidden) {
                    assertThat(everything).as(type).doesNotContain(word);
                }
                typesSeen.merge(type, 1, Integer::sum);
            }
        }
        // Every current published type so far (an unassignment, consent changes and an erasure come later, in their
        // own tests);
        // no superseded one.
        Set<String> later = Set.of(EventTypes.PRACTITIONER_UNASSIGNED_V1, EventTypes.CONSENT_WITHDRAWN_V1,
                EventTypes.CONSENT_RENEWED_V1, EventTypes.PARTICIPANT_ERASED_V1, EventTypes.REASSESSMENT_DUE_V1);
        Set<String> expected = new HashSet<>();
        for (String type : EventTypes.CURRENT) {
            if (EventTypes.PUBLISHED_TOPICS.contains(EventTypes.topicOf(type)) && !later.contains(type)) {
                expected.add(type);
            }
        }
        assertThat(typesSeen.keySet()).containsAll(expected).doesNotContainAnyElementsOf(EventTypes.SUPERSEDED);
        // The internal audit topic: the admin's requests so far, each a valid entry with no personal data either.
        List<ConsumerRecord<String, byte[]>> audit = TopicLog.readAll(stack.kafkaLogin("assessment"),
                EventTypes.AUDIT_TOPIC);
        assertThat(audit).isNotEmpty();
        for (ConsumerRecord<String, byte[]> record : audit) {
            assertThat(TopicLog.header(record, "ce_type")).isEqualTo(EventTypes.AUDIT_ENTRY_RECORDED_V1);
            assertThat(CONTRACTS.validate(EventTypes.AUDIT_ENTRY_RECORDED_V1, record.value())).isEmpty();
            String everything = new String(record.value(), StandardCharsets.UTF_8) + record.key()
                    + record.headers().toString();
            for (String word : forbidden) {
                assertThat(everything).doesNotContain(word);
            }
        }
    }

    @Test
    @Order(3)
    void aFlaggedItemNineReachesTheAssignedPractitionerAndNoTopic() {
        Api bob = as("bob");
        assertThat(enrol(bob, null).status()).isEqualTo(201);
        Api.Response assessed = bob.post("/api/assessments", Map.of("instrumentId", "phq-9",
                "answers", phq9(0, 0, 0, 0, 0, 0, 0, 0, 1), "submit", true));
        assertThat(assessed.status()).as(assessed.raw()).isEqualTo(201);
        assertThat(assessed.body().get("safety").get("concernRaised").asBoolean()).isTrue();
        assertThat(assessed.body().get("safety").get("signposting").asText()).isNotBlank();

        Api priya = as("priya");
        JsonNode alerts = priya.await("/api/safety/alerts", r -> r.ok() && r.raw().contains("phq-9.item-9"),
                EVENTUALLY).body();
        assertThat(alerts.toString()).contains(assessed.body().get("assessmentId").asText());
        assertThat(as("hana").get("/api/safety/alerts").status()).isEqualTo(403);
        assertThat(bob.get("/api/safety/alerts").status()).isEqualTo(403);

        // Safety overrides everything: no automated recommendation until priya has reviewed bob and released him.
        JsonNode held = bob.await("/api/recommendations/me", r -> r.ok() && r.raw().contains("\"safety\""),
                EVENTUALLY).body();
        assertThat(held.get("recommendations")).isEmpty();
        assertThat(held.get("careHold").get("message").asText()).contains("practitioner will be in touch");
        assertThat(held.get("pathway").get("pathway").asText()).isEqualTo("human-review");
        String bobId = bob.get("/api/enrolments/me").body().get("participantId").asText();
        Api carl = new Api(stack.gatewayUrl(), stack.issuer().mint("e2e|carl", List.of("practitioner"),
                Duration.ofHours(1)));
        assertThat(carl.post("/api/care-holds/" + bobId + "/release", null).status())
                .as("a practitioner of another programme").isEqualTo(403);
        Api.Response released = priya.post("/api/care-holds/" + bobId + "/release", null);
        assertThat(released.status()).as(released.raw()).isEqualTo(200);
        assertThat(released.body().get("held").asBoolean()).isFalse();
        priyaId = released.body().get("releasedBy").asText();
        JsonNode after = bob.await("/api/recommendations/me",
                r -> r.ok() && !r.raw().contains("\"careHold\":{"), EVENTUALLY).body();
        assertThat(after.get("level").get("code").asText()).isNotEqualTo("safety");
        for (String topic : List.of(EventTypes.ASSESSMENT_TOPIC, EventTypes.CATALOGUE_TOPIC, EventTypes.GOAL_TOPIC)) {
            for (ConsumerRecord<String, byte[]> record : TopicLog.readAll(analytics(), topic)) {
                // Not even for a consumer entitled to open the records: no safety detail is ever published.
                String data = opened(record).map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse("");
                assertThat(data).doesNotContain("item-9").doesNotContain("safety");
            }
        }
    }

    @Test
    @Order(4)
    void fallingScoresShowReliableImprovementAndRecoveryAndSafetyStaysAwayFromHr() {
        Api carol = participant("e2e|carol");
        assertThat(enrol(carol, "finance").status()).isEqualTo(201);
        // PHQ-9 17 -> 12 -> 9 and GAD-7 12 -> 8 -> 5: falls of 8 and 7, from caseness to below it on both.
        int[][] phq9Series = {{2, 2, 2, 2, 2, 2, 2, 3, 0}, {2, 2, 1, 1, 2, 1, 1, 2, 0}, {1, 1, 1, 1, 1, 1, 1, 2, 0}};
        int[][] gad7Series = {{2, 2, 2, 2, 2, 1, 1}, {1, 1, 1, 1, 2, 1, 1}, {1, 1, 1, 1, 1, 0, 0}};
        for (int visit = 0; visit < 3; visit++) {
            assertThat(carol.post("/api/assessments", Map.of("instrumentId", "phq-9",
                    "answers", phq9(phq9Series[visit]), "submit", true)).status()).isEqualTo(201);
            Map<String, Integer> gad7 = new LinkedHashMap<>();
            for (int item = 0; item < 7; item++) {
                gad7.put("gad7-" + (item + 1), gad7Series[visit][item]);
            }
            assertThat(carol.post("/api/assessments", Map.of("instrumentId", "gad-7", "answers", gad7,
                    "submit", true)).status()).isEqualTo(201);
        }
        JsonNode journey = carol.await("/api/journeys/me", r -> r.ok() && countAssessments(r.body()) == 6,
                EVENTUALLY).body();
        Map<String, JsonNode> byInstrument = new HashMap<>();
        journey.get("assessments").forEach(history -> byInstrument.put(history.get("instrumentId").asText(), history));
        JsonNode phq = byInstrument.get("phq-9");
        assertThat(phq.get("first").get("totalScore").asInt()).isEqualTo(17);
        assertThat(phq.get("latest").get("totalScore").asInt()).isEqualTo(9);
        assertThat(phq.get("change").asInt()).isEqualTo(-8);
        assertThat(phq.get("classification").asText()).isEqualTo("reliable-improvement");
        JsonNode gad = byInstrument.get("gad-7");
        assertThat(gad.get("first").get("totalScore").asInt()).isEqualTo(12);
        assertThat(gad.get("latest").get("totalScore").asInt()).isEqualTo(5);
        assertThat(gad.get("classification").asText()).isEqualTo("reliable-improvement");
        JsonNode outcome = journey.get("talkingTherapies");
        assertThat(outcome.get("caseAtFirst").asBoolean()).isTrue();
        assertThat(outcome.get("reliableImprovement").asBoolean()).isTrue();
        assertThat(outcome.get("recovery").asText()).isEqualTo("met");
        assertThat(outcome.get("reliableRecovery").asText()).isEqualTo("met");

        // The practitioner sees the journey; HR sees no individual output anywhere, safety least of all.
        String carolId = journey.get("participantId").asText();
        assertThat(as("priya").get("/api/journeys/" + carolId).status()).isEqualTo(200);
        Api hana = as("hana");
        for (String path : List.of("/api/journeys/" + carolId, "/api/journeys/needing-review", "/api/safety/alerts",
                "/api/assessments?participantId=" + carolId, "/api/recommendations?participantId=" + carolId,
                "/api/goals?participantId=" + carolId, "/api/programmes/" + programmeId)) {
            Api.Response response = hana.get(path);
            assertThat(response.status()).as(path).isEqualTo(403);
            // The problem may echo the path HR asked for; it must carry none of the participant's data.
            assertThat(response.raw()).as(path).doesNotContain("item-9").doesNotContain("totalScore")
                    .doesNotContain("band").doesNotContain("alerts\":");
        }
    }

    /**
     * GDPR Art. 15 and 20: alice takes her whole record away as one FHIR R4 bundle through the gateway, every resource
     * valid against the base R4 profiles and each response against the questionnaire the gateway serves; her
     * practitioner may export it too, a practitioner of another programme may not, and it names no one.
     */
    @Test
    @Order(5)
    void aParticipantTakesTheirWholeRecordAwayAsOneValidFhirBundle() {
        Api alice = as("alice");
        Api.Response export = alice.get("/api/me/export");
        assertThat(export.status()).as(export.raw()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/fhir+json");
        assertThat(export.raw()).doesNotContain("alice").doesNotContain("demo|").doesNotContain("Alice");
        org.hl7.fhir.r4.model.Bundle bundle = org.tend.fhir.FhirRecords.parse(org.hl7.fhir.r4.model.Bundle.class,
                export.raw());
        assertThat(bundle.getType()).isEqualTo(org.hl7.fhir.r4.model.Bundle.BundleType.COLLECTION);
        Map<String, Integer> types = new HashMap<>();
        List<String> canonicals = new ArrayList<>();
        for (var entry : bundle.getEntry()) {
            var resource = entry.getResource();
            types.merge(resource.fhirType(), 1, Integer::sum);
            if (resource instanceof org.hl7.fhir.r4.model.QuestionnaireResponse r) {
                canonicals.add(r.getQuestionnaire().replaceAll("\\|.*$", ""));
            } else if (resource instanceof org.hl7.fhir.r4.model.CarePlan plan) {
                plan.getActivity().forEach(a -> a.getDetail().getInstantiatesCanonical()
                        .forEach(c -> canonicals.add(c.getValue())));
            } else if (resource instanceof org.hl7.fhir.r4.model.Observation o
                    && o.getCode().getCoding().stream().anyMatch(c -> "44261-6".equals(c.getCode()))) {
                assertThat(o.getValueIntegerType().getValue()).isEqualTo(17);
                assertThat(o.getDerivedFromFirstRep().getReference()).startsWith("urn:uuid:");
            }
        }
        assertThat(types).containsKeys("QuestionnaireResponse", "Observation", "Goal", "CarePlan");
        assertThat(types.get("CarePlan")).as("the goals' plan, the proposed recommendations and her care plan")
                .isEqualTo(3);
        assertThat(bundle.getEntry().stream().map(e -> e.getResource())
                .filter(r -> r instanceof org.hl7.fhir.r4.model.CarePlan p
                        && p.getIntent() == org.hl7.fhir.r4.model.CarePlan.CarePlanIntent.PLAN
                        && p.getTitle() != null && p.getTitle().startsWith("Care plan (stepped care")))
                .as("the care plan her practitioner adjusted").hasSize(1);
        assertThat(export.raw()).as("the practitioner's note is not in her record").doesNotContain("evening sessions");
        // The canonical resources are served where the records say, through the gateway.
        List<org.hl7.fhir.instance.model.api.IBaseResource> conformance = new ArrayList<>();
        for (String canonical : new java.util.TreeSet<>(canonicals)) {
            assertThat(canonical).startsWith(stack.gatewayUrl() + "/fhir/");
            Api.Response served = alice.get(canonical.substring(stack.gatewayUrl().length()));
            assertThat(served.status()).as(canonical).isEqualTo(200);
            conformance.add(org.tend.fhir.FhirRecords.context().newJsonParser().parseResource(served.raw()));
        }
        assertThat(new org.tend.fhir.R4Validation(conformance).errors(bundle)).isEmpty();

        String aliceId = alice.get("/api/enrolments/me").body().get("participantId").asText();
        Api.Response forPriya = as("priya").get("/api/participants/" + aliceId + "/export");
        assertThat(forPriya.status()).as(forPriya.raw()).isEqualTo(200);
        assertThat(org.tend.fhir.FhirRecords.parse(org.hl7.fhir.r4.model.Bundle.class, forPriya.raw()).getEntry())
                .hasSize(bundle.getEntry().size());
        Api carl = new Api(stack.gatewayUrl(), stack.issuer().mint("e2e|carl", List.of("practitioner"),
                Duration.ofHours(1)));
        assertThat(carl.get("/api/participants/" + aliceId + "/export").status()).isEqualTo(403);
        assertThat(as("bob").get("/api/participants/" + aliceId + "/export").status()).isEqualTo(403);
        Api.Response malformed = as("priya").get("/api/participants/alice/export");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.raw()).contains("participantId");
    }

    /** GDPR Art. 7(3): withdrawing consent through the gateway stops every service taking data about the person. */
    @Test
    @Order(5)
    void aWithdrawalOfConsentStopsEveryServiceTakingTheParticipantsDataUntilTheyConsentAgain() {
        Api wendy = participant("e2e|wendy");
        assertThat(enrol(wendy, "finance").status()).isEqualTo(201);
        assertThat(wendy.post("/api/assessments", Map.of("instrumentId", "phq-9",
                "answers", phq9(1, 1, 1, 1, 2, 1, 1, 1, 0), "submit", true)).status()).isEqualTo(201);
        String interventionId = wendy.await("/api/recommendations/me", Api.Response::ok, EVENTUALLY).body()
                .get("recommendations").get(0).get("interventionId").asText();
        String goalId = wendy.postUntilAccepted("/api/goals", Map.of("interventionId", interventionId,
                "description", "Sleep by eleven"), EVENTUALLY).body().get("goalId").asText();
        String wendyId = wendy.get("/api/enrolments/me").body().get("participantId").asText();

        Api.Response withdrawn = wendy.post("/api/enrolments/me/withdrawal", null);
        assertThat(withdrawn.status()).as(withdrawn.raw()).isEqualTo(200);
        assertThat(withdrawn.body().get("consentGiven").asBoolean()).isFalse();
        Api.Response refused = wendy.post("/api/assessments", Map.of("instrumentId", "gad-7"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.raw()).contains("consent-withdrawn");
        // The other services learn it from the stream, a moment later.
        assertThat(wendy.await("/api/recommendations/me", r -> r.status() == 409, EVENTUALLY).raw())
                .contains("consent-withdrawn");
        JsonNode journey = wendy.await("/api/journeys/me", r -> r.ok() && r.raw().contains("consent-withdrawn"),
                EVENTUALLY).body();
        assertThat(journey.get("consent").get("status").asText()).isEqualTo("withdrawn");
        // goal-service reads the same record, possibly a moment later. A goal for an intervention that does not exist
        // stores nothing either way (422 until it knows, then 409): a probe that cannot write.
        Map<String, String> probe = Map.of("interventionId", "no-such-intervention", "description", "probe");
        Api.Response probed = wendy.post("/api/goals", probe);
        for (long end = System.nanoTime() + EVENTUALLY.toNanos(); probed.status() != 409 && System.nanoTime() < end; ) {
            assertThat(probed.status()).as(probed.raw()).isEqualTo(422);
            Api.sleep(100);
            probed = wendy.post("/api/goals", probe);
        }
        assertThat(probed.raw()).contains("consent-withdrawn");
        Api.Response rating = wendy.post("/api/goals/" + goalId + "/ratings", Map.of("rating", 4));
        assertThat(rating.status()).as(rating.raw()).isEqualTo(409);
        assertThat(rating.raw()).contains("consent-withdrawn");
        assertThat(wendy.get("/api/goals/me").body().get("goals").get(0).get("ratings")).as("nothing stored").isEmpty();
        // Withdrawing does not stop a person reading what is held about them: the export's plans read on hold.
        Api.Response export = wendy.get("/api/me/export");
        assertThat(export.status()).as(export.raw()).isEqualTo(200);
        List<String> planStatuses = new ArrayList<>();
        org.tend.fhir.FhirRecords.parse(org.hl7.fhir.r4.model.Bundle.class, export.raw()).getEntry().stream()
                .map(e -> e.getResource()).filter(org.hl7.fhir.r4.model.CarePlan.class::isInstance)
                .forEach(r -> planStatuses.add(((org.hl7.fhir.r4.model.CarePlan) r).getStatus().toCode()));
        assertThat(planStatuses).containsExactly("on-hold", "on-hold");
        JsonNode seenByPriya = as("priya").await("/api/journeys/" + wendyId,
                r -> r.ok() && r.raw().contains("consent-withdrawn"), EVENTUALLY).body();
        assertThat(seenByPriya.get("consent").get("status").asText()).isEqualTo("withdrawn");

        assertThat(wendy.post("/api/enrolments/me/consent", Map.of("consent", true)).status()).isEqualTo(200);
        assertThat(wendy.post("/api/assessments", Map.of("instrumentId", "phq-9",
                "answers", phq9(1, 1, 1, 1, 1, 1, 1, 1, 0), "submit", true)).status()).isEqualTo(201);
        assertThat(wendy.postUntilAccepted("/api/goals/" + goalId + "/ratings", Map.of("rating", 5), EVENTUALLY)
                .status()).isEqualTo(201);
    }

    /**
     * Erasure through the gateway: the participant's answers, cohort, goal wording and recommendations were sealed in
     * every event store with their key; once they erase themselves the key is gone from the maker's store and the
     * topic, the report fills in, every service answers 404 for them, and the erasure is on the stream.
     */
    @Test
    @Order(5)
    void anErasedParticipantIsGoneFromEveryServiceAndTheirStoredDataNoLongerReads() {
        Api erin = participant("e2e|erin");
        assertThat(enrol(erin, "finance").status()).isEqualTo(201);
        assertThat(erin.post("/api/assessments", Map.of("instrumentId", "phq-9",
                "answers", phq9(2, 2, 2, 1, 2, 1, 1, 1, 0), "submit", true)).status()).isEqualTo(201);
        String interventionId = erin.await("/api/recommendations/me", Api.Response::ok, EVENTUALLY).body()
                .get("recommendations").get(0).get("interventionId").asText();
        String goalId = erin.postUntilAccepted("/api/goals", Map.of("interventionId", interventionId,
                "description", "Walk the dog before work"), EVENTUALLY).body().get("goalId").asText();
        assertThat(erin.post("/api/goals/" + goalId + "/ratings", Map.of("rating", 3)).status()).isEqualTo(201);
        String erinId = erin.get("/api/enrolments/me").body().get("participantId").asText();
        erasedParticipant = erinId;
        erin.await("/api/journeys/me", Api.Response::ok, EVENTUALLY);
        assertThat(erin.put("/api/reminders/me", Map.of("email", "erin@example.org")).status()).isEqualTo(200);
        // A second PHQ-9 with item 9 positive: a safety alert for her practitioner, and a care hold.
        String concerning = erin.post("/api/assessments", Map.of("instrumentId", "phq-9",
                "answers", phq9(2, 2, 2, 1, 2, 1, 1, 1, 1), "submit", true)).body().get("assessmentId").asText();
        Api priya = as("priya");
        priya.await("/api/safety/alerts", r -> r.ok() && r.raw().contains(concerning), EVENTUALLY);

        // Sealed in every store that holds it: the documents carry ciphertext, not the words.
        try (com.mongodb.client.MongoClient client = com.mongodb.client.MongoClients.create(
                stack.mongoConnectionString())) {
            for (TendService service : List.of(TendService.ASSESSMENT, TendService.GOAL, TendService.CATALOGUE)) {
                List<String> payloads = new ArrayList<>();
                client.getDatabase(service.databaseName()).getCollection("domainevents")
                        .find(new org.bson.Document("aggregateIdentifier", erinId))
                        .forEach(d -> payloads.add(String.valueOf(d.get("serializedPayload"))));
                assertThat(payloads).as(service.name()).isNotEmpty().allSatisfy(payload -> assertThat(payload)
                        .doesNotContain("finance", "Walk the dog", "\"answers\"", "\"rating\""));
                assertThat(payloads).as(service.name()).anySatisfy(payload -> assertThat(payload)
                        .contains("$sealed"));
            }

            Api.Response accepted = erin.post("/api/me/erasure", Map.of("confirm", true));
            assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
            String erasureId = accepted.body().get("erasureId").asText();
            JsonNode report = erin.await("/api/erasures/" + erasureId,
                    r -> r.ok() && r.body().get("complete").asBoolean(), EVENTUALLY).body();
            assertThat(report.toString()).doesNotContain(erinId);
            // Every store confirmed, the other services' over tend.erasure.confirmations.
            List<String> confirmed = new ArrayList<>();
            report.get("stores").forEach(store -> {
                assertThat(store.get("confirmedAt").asText()).as(store.toString()).isNotBlank();
                confirmed.add(store.get("store").asText());
            });
            assertThat(confirmed).containsExactlyElementsOf(org.tend.contracts.ErasureStores.ALL);

            // Every database of every service, every collection: nothing about her reads any more. What still
            // names her pseudonym holds no answer, score, cohort, goal text or rating in the clear.
            for (TendService service : TendService.backends()) {
                com.mongodb.client.MongoDatabase db = client.getDatabase(service.databaseName());
                for (String collection : db.listCollectionNames()) {
                    db.getCollection(collection).find().forEach(doc -> {
                        String json = doc.toJson();
                        assertThat(json).as(service + "." + collection).doesNotContain("Walk the dog");
                        if (json.contains(erinId)) {
                            assertThat(json).as(service + "." + collection + " " + json).doesNotContain(
                                    "\"answers\"", "\"totalScore\"", "\"department\"", "\"rating\"",
                                    "\"band\"", "\"description\"", "\"tScore\"", "\"classification\"");
                        }
                    });
                }
            }
            assertThat(client.getDatabase(TendService.PROGRESS.databaseName()).getCollection("reminder_participants")
                    .countDocuments(new org.bson.Document("_id", erinId))).as("her reminder address is gone").isZero();
            assertThat(client.getDatabase(TendService.ASSESSMENT.databaseName()).getCollection("participant_keys")
                    .find(new org.bson.Document("_id", erinId)).first().keySet()).as("the stored key is gone")
                    .containsOnly("_id", "erasedAt");
        }
        assertThat(erin.get("/api/enrolments/me").status()).isEqualTo(404);
        assertThat(erin.await("/api/goals/me", r -> r.status() == 404, EVENTUALLY).status()).isEqualTo(404);
        assertThat(erin.await("/api/recommendations/me", r -> r.status() == 404, EVENTUALLY).status())
                .isEqualTo(404);
        assertThat(erin.await("/api/journeys/me", r -> r.status() == 404, EVENTUALLY).status()).isEqualTo(404);
        assertThat(priya.get("/api/safety/alerts").raw()).as("her safety alert is gone")
                .doesNotContain(concerning).doesNotContain(erinId);
        assertThat(as("priya").await("/api/journeys/" + erinId, r -> r.status() == 404 || r.status() == 403,
                EVENTUALLY).status()).isIn(403, 404);
        Api.Response again = erin.post("/api/me/erasure", Map.of("confirm", true));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.raw()).contains("erased");
        List<ConsumerRecord<String, byte[]>> erased = TopicLog.readAll(stack.kafkaLogin("analytics"),
                EventTypes.ASSESSMENT_TOPIC).stream()
                .filter(r -> EventTypes.PARTICIPANT_ERASED_V1.equals(TopicLog.header(r, "ce_type"))
                        && erinId.equals(r.key())).toList();
        assertThat(erased).hasSize(1);
        assertThat(CONTRACTS.validate(EventTypes.PARTICIPANT_ERASED_V1, erased.get(0).value())).isEmpty();

        // Every record of every topic, dead letters and internal ones included, read by the operator: what is about
        // her is sealed with the destroyed key, and no longer opens even for a consumer entitled to the data; only
        // her erasure is in the clear, and it says nothing but that.
        List<String> topics = new ArrayList<>(EventTypes.PUBLISHED_TOPICS);
        topics.add(EventTypes.CARE_HOLDS_TOPIC);
        for (TendService service : TendService.backends()) {
            topics.add(EventTypes.deadLettersTopicOf(service.context()));
        }
        int hers = 0;
        for (String topic : topics) {
            for (ConsumerRecord<String, byte[]> record : TopicLog.readAll(stack.kafkaLogin(TopicAccess.ADMIN),
                    topic)) {
                String raw = new String(record.value() == null ? new byte[0] : record.value(),
                        StandardCharsets.UTF_8);
                assertThat(raw).as(topic).doesNotContain("Walk the dog");
                if (!erinId.equals(record.key())) {
                    continue;
                }
                hers++;
                String type = TopicLog.header(record, "ce_type");
                if (EventTypes.PARTICIPANT_ERASED_V1.equals(type)) {
                    continue;
                }
                assertThat(sealed(record)).as(topic + " " + type + " sealed").isTrue();
                assertThat(opened(record)).as(topic + " " + type + " no longer opens").isEmpty();
            }
        }
        assertThat(hers).as("her enrolment, assessment, goal and recommendation records, and her erasure")
                .isGreaterThanOrEqualTo(5);
    }

    @Test
    @Order(5)
    void badRequestsGetProblemsAndWriteNothing() {
        Api alice = as("alice");
        Api.Response malformed = alice.postRaw("/api/assessments", "{\"instrumentId\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");

        Api.Response outOfRange = alice.post("/api/assessments", Map.of("instrumentId", "phq-9",
                "answers", phq9(0, 0, 0, 0, 0, 0, 0, 0, 4), "submit", true));
        assertThat(outOfRange.status()).isEqualTo(422);
        assertThat(outOfRange.raw()).contains("answers.phq9-9").contains("not-an-option");

        Api.Response missing = alice.post("/api/assessments", Map.of("instrumentId", "phq-9",
                "answers", phq9(1, 1, 1), "submit", true));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.raw()).contains("answers.phq9-4").contains("required");

        Api.Response unknownInstrument = alice.post("/api/assessments", Map.of("instrumentId", "bdi-ii",
                "answers", Map.of(), "submit", true));
        assertThat(unknownInstrument.status()).isEqualTo(422);
        assertThat(unknownInstrument.raw()).contains("instrumentId");

        Api.Response unknownIntervention = alice.post("/api/goals", Map.of("interventionId", "no-such-therapy",
                "description", "Something measurable"));
        assertThat(unknownIntervention.status()).isEqualTo(422);
        assertThat(unknownIntervention.raw()).contains("interventionId");

        Api.Response typedDepartment = enrol(participant("e2e|dora"), "dora-smith");
        assertThat(typedDepartment.status()).isEqualTo(422);
        assertThat(typedDepartment.raw()).contains("unknown-department");

        Api.Response guessedCode = participant("e2e|guesser").post("/api/enrolments",
                Map.of("enrolmentCode", "AAAAA-AAAAA-AAAAA-AAAAA", "consent", true));
        assertThat(guessedCode.status()).isEqualTo(404);
        assertThat(guessedCode.raw()).contains("enrolmentCode");

        assertThat(new Api(stack.gatewayUrl(), null).get("/api/journeys/me").status()).isEqualTo(401);
        assertThat(new Api(stack.gatewayUrl(), stack.issuer().mintExpired("demo|alice", List.of("participant")))
                .get("/api/journeys/me").status()).isEqualTo(401);
        assertThat(new Api(stack.gatewayUrl(), "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")
                .get("/api/journeys/me").status()).isEqualTo(401);
        assertThat(as("hana").get("/api/journeys/me").status()).isEqualTo(403);
        assertThat(alice.post("/api/programmes", Map.of("organisationId", "acme", "name", "x",
                "minimumGroupSize", 5)).status()).isEqualTo(403);

        // Only the one valid assessment of alice exists.
        JsonNode results = alice.get("/api/assessments/me").body();
        assertThat(results.toString()).contains("\"phq-9\"");
        assertThat(new HashSet<>(results.findValuesAsText("assessmentId"))).hasSize(1);
    }

    @Test
    @Order(5)
    void tokensThatBreakTheRulesAreRefusedAtTheGatewayAlike() {
        DevTokenIssuer issuer = stack.issuer();
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("no exp", issuer.mintChanged("demo|alice", List.of("participant"),
                claims -> claims.expirationTime(null)));
        refused.put("another audience", issuer.mintChanged("demo|alice", List.of("participant"),
                claims -> claims.audience("another-app")));
        refused.put("issued in the future", issuer.mintChanged("demo|alice", List.of("participant"),
                claims -> claims.issueTime(java.util.Date.from(Instant.now().plus(Duration.ofHours(1))))));
        refused.put("no subject", issuer.mintChanged("demo|alice", List.of("participant"),
                claims -> claims.subject(null)));
        refused.put("roles as text", issuer.mintChanged("demo|alice", List.of("participant"),
                claims -> claims.claim("roles", "participant")));
        for (Map.Entry<String, String> token : refused.entrySet()) {
            Api.Response response = new Api(stack.gatewayUrl(), token.getValue()).get("/api/journeys/me");
            assertThat(response.status()).as(token.getKey()).isEqualTo(401);
            assertThat(response.contentType()).as(token.getKey()).startsWith("application/problem+json");
            assertThat(response.body().get("detail").asText()).as(token.getKey())
                    .isEqualTo("A valid bearer token is required");
        }
        // No known role: refused everywhere, the instrument and intervention lists included.
        Api unknownRole = new Api(stack.gatewayUrl(), issuer.mint("e2e|root", List.of("superuser"),
                Duration.ofHours(1)));
        for (String path : List.of("/api/instruments", "/api/interventions", "/api/journeys/me")) {
            assertThat(unknownRole.get(path).status()).as(path).isEqualTo(403);
        }
    }

    @Test
    @Order(5)
    void anInvitationAdmitsOneNamedNoOneAndCanBeWithdrawn() {
        Api admin = as("adam");
        JsonNode invitation = admin.post("/api/programmes/" + programmeId + "/invitations",
                Map.of("validForDays", 2)).body();
        Api dana = new Api(stack.gatewayUrl(), stack.issuer().mint("e2e|dana", List.of("practitioner"),
                Duration.ofHours(1)));
        assertThat(dana.post("/api/invitations/redemptions", Map.of("code", invitation.get("code").asText()))
                .status()).isEqualTo(201);
        Api eve = new Api(stack.gatewayUrl(), stack.issuer().mint("e2e|eve", List.of("practitioner"),
                Duration.ofHours(1)));
        Api.Response reused = eve.post("/api/invitations/redemptions",
                Map.of("code", invitation.get("code").asText()));
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.raw()).contains("invitation-used");

        JsonNode withdrawn = admin.post("/api/programmes/" + programmeId + "/invitations", Map.of()).body();
        assertThat(admin.delete("/api/programmes/" + programmeId + "/invitations/"
                + withdrawn.get("invitationId").asText()).status()).isEqualTo(204);
        assertThat(eve.post("/api/invitations/redemptions", Map.of("code", withdrawn.get("code").asText()))
                .status()).isEqualTo(409);

        // The administrator sees assignments by id and count, never a practitioner's pseudonym.
        JsonNode programme = admin.get("/api/programmes/" + programmeId).body();
        assertThat(programme.get("practitionerCount").asInt()).isEqualTo(2);
        assertThat(programme.toString()).doesNotContain("p_").doesNotContain("e2e|dana");
        String assignment = programme.get("assignments").findValuesAsText("assignmentId").stream()
                .filter(id -> id.equals(invitation.get("invitationId").asText())).findFirst().orElseThrow();
        assertThat(admin.delete("/api/programmes/" + programmeId + "/assignments/" + assignment).status())
                .isEqualTo(204);
        assertThat(admin.get("/api/programmes/" + programmeId).body().get("practitionerCount").asInt())
                .isEqualTo(1);
        // The unassignment is published, by pseudonym, valid against its contract.
        ConsumerRecord<String, byte[]> unassigned = null;
        long deadline = System.nanoTime() + EVENTUALLY.toNanos();
        while (unassigned == null && System.nanoTime() < deadline) {
            unassigned = TopicLog.readAll(analytics(), EventTypes.ASSESSMENT_TOPIC).stream()
                    .filter(r -> EventTypes.PRACTITIONER_UNASSIGNED_V1.equals(TopicLog.header(r, "ce_type")))
                    .findFirst().orElse(null);
        }
        assertThat(unassigned).as("practitioner-unassigned on the topic").isNotNull();
        assertThat(CONTRACTS.validate(EventTypes.PRACTITIONER_UNASSIGNED_V1, unassigned.value())).isEmpty();
        assertThat(new String(unassigned.value(), StandardCharsets.UTF_8)).doesNotContain("e2e|dana");
    }

    /**
     * The gateway serves one API document, without a token, combining every service's own (which each builds from
     * its controllers), and a page to browse it.
     */
    @Test
    @Order(5)
    void theGatewayServesTheCombinedApiDocumentOfEveryServiceAndAPageToBrowseIt() throws Exception {
        Map<TendService, List<String>> ownPaths = new LinkedHashMap<>();
        for (TendService service : TendService.backends()) {
            Api.Response own = new Api(stack.serviceUrl(service), null).get("/v3/api-docs");
            assertThat(own.status()).as(service + ": " + own.raw()).isEqualTo(200);
            List<String> paths = new ArrayList<>();
            own.body().path("paths").fieldNames().forEachRemaining(paths::add);
            assertThat(paths).as(service.artifactId()).isNotEmpty();
            ownPaths.put(service, paths);
        }
        // A service's document that could not be read is tried again after a few seconds.
        Api.Response combined = new Api(stack.gatewayUrl(), null).await("/api-docs", response -> {
            if (response.status() != 200 || response.body() == null) {
                return false;
            }
            boolean all = true;
            for (JsonNode service : response.body().path("x-tend-services")) {
                all &= "included".equals(service.path("document").asText());
            }
            return all;
        }, EVENTUALLY);
        List<String> services = new ArrayList<>();
        combined.body().path("x-tend-services").forEach(s -> services.add(s.path("route").asText()));
        assertThat(services).containsExactlyInAnyOrder("assessment", "catalogue", "goal", "progress", "insights");
        Set<String> combinedPaths = new HashSet<>();
        combined.body().path("paths").fieldNames().forEachRemaining(combinedPaths::add);
        // Each service's admin API is routed under its own prefix, or not at all; everything else is routed.
        ownPaths.forEach((service, paths) -> assertThat(combinedPaths).as(service.artifactId())
                .containsAll(paths.stream().filter(path -> !path.startsWith("/api/admin/")).toList()));
        combined.body().path("paths").forEach(item -> item.forEach(operation ->
                assertThat(operation.path("x-required-roles").isArray() && !operation.path("x-required-roles")
                        .isEmpty()).as(operation.path("operationId").asText()).isTrue()));
        java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newBuilder()
                .followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build()
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.gatewayUrl() + "/api-docs/ui"))
                        .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("swagger-ui");
    }

    @Test
    @Order(5)
    void oneCallerOverTheRateLimitIsToldWhenToComeBack() {
        Api hasty = participant("e2e|hasty");
        Api.Response limited = null;
        for (int i = 0; i < 200 && limited == null; i++) {
            Api.Response response = hasty.get("/api/instruments");
            if (response.status() == 429) {
                limited = response;
            }
        }
        assertThat(limited).as("a 429 within 200 immediate reads").isNotNull();
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.header("Retry-After")).isNotBlank();
        // Another caller is not slowed by it.
        assertThat(participant("e2e|patient").get("/api/instruments").status()).isEqualTo(200);
    }

    @Test
    void aCreateRetriedThroughTheGatewayWithItsIdempotencyKeyCreatesOnce() {
        Api dana = participant("dana-" + java.util.UUID.randomUUID());
        assertThat(enrol(dana, "engineering").status()).isEqualTo(201);
        Map<String, Object> body = Map.of("instrumentId", "phq-9", "answers", phq9(1, 1, 1, 1, 1, 1, 1, 1, 0),
                "submit", true);
        String key = "\"" + java.util.UUID.randomUUID() + "\"";

        Api.Response first = dana.post("/api/assessments", body, key);
        Api.Response retry = dana.post("/api/assessments", body, key);
        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        assertThat(retry.status()).as(retry.raw()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body().get("assessmentId")).isEqualTo(first.body().get("assessmentId"));
        Api.Response otherBody = dana.post("/api/assessments", Map.of("instrumentId", "phq-9",
                "answers", phq9(2, 2, 2, 2, 2, 2, 2, 2, 0), "submit", true), key);
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.raw()).contains("idempotency-key-reuse");

        JsonNode mine = dana.get("/api/assessments/me").body();
        assertThat(mine.size()).as(mine.toString()).isEqualTo(1);
    }

    @Test
    @Order(6)
    void aDuplicateRecordChangesNothing() {
        Api alice = as("alice");
        String before = alice.get("/api/journeys/me").raw();
        String recommendationsBefore = alice.get("/api/recommendations/me").raw();
        for (ConsumerRecord<String, byte[]> record : TopicLog.readAll(analytics(),
                EventTypes.ASSESSMENT_TOPIC)) {
            if (EventTypes.ASSESSMENT_COMPLETED_V1.equals(TopicLog.header(record, "ce_type"))) {
                TopicLog.resend(stack.kafkaLogin("assessment"), record);
            }
        }
        for (ConsumerRecord<String, byte[]> record : TopicLog.readAll(analytics(),
                EventTypes.GOAL_TOPIC)) {
            TopicLog.resend(stack.kafkaLogin("goal"), record);
        }
        // Wait until every consumer has seen the duplicates, then prove nothing moved.
        KafkaLogin admin = stack.kafkaLogin(TopicAccess.ADMIN);
        List<String> topics = List.of(EventTypes.ASSESSMENT_TOPIC, EventTypes.CATALOGUE_TOPIC, EventTypes.GOAL_TOPIC);
        TopicLog.awaitConsumed(admin, "tend-progress", topics, EVENTUALLY);
        TopicLog.awaitConsumed(admin, "tend-catalogue", List.of(EventTypes.ASSESSMENT_TOPIC), EVENTUALLY);
        TopicLog.awaitConsumed(admin, "tend-goal", List.of(EventTypes.ASSESSMENT_TOPIC), EVENTUALLY);
        assertThat(alice.get("/api/journeys/me").raw()).isEqualTo(before);
        assertThat(alice.get("/api/recommendations/me").raw()).isEqualTo(recommendationsBefore);
    }

    @Test
    @Order(7)
    void theProgressProjectionRebuildsFromTheLogToTheSameDocuments() {
        Map<String, String> before = new LinkedHashMap<>();
        before.put("alice", as("alice").get("/api/journeys/me").raw());
        before.put("bob", as("bob").get("/api/journeys/me").raw());
        before.put("carol", participant("e2e|carol").get("/api/journeys/me").raw());

        Api admin = as("adam");
        Api.Response started = admin.post("/api/admin/progress/rebuilds", Map.of());
        assertThat(started.status()).as(started.raw()).isIn(200, 201, 202);
        String rebuildId = started.body().get("rebuildId").asText();
        JsonNode status = admin.await("/api/admin/progress/rebuilds/" + rebuildId,
                r -> r.ok() && "CAUGHT_UP".equals(r.body().get("state").asText()), EVENTUALLY).body();
        assertThat(status.get("eventsApplied").asLong()).isPositive();

        assertThat(as("alice").get("/api/journeys/me").raw()).isEqualTo(before.get("alice"));
        assertThat(as("bob").get("/api/journeys/me").raw()).isEqualTo(before.get("bob"));
        assertThat(participant("e2e|carol").get("/api/journeys/me").raw()).isEqualTo(before.get("carol"));
        // The erased participant's records are all still on the topics, sealed with a destroyed key: the rebuild
        // read them and wrote no journey for her.
        if (erasedParticipant != null) {
            assertThat(participant("e2e|erin").get("/api/journeys/me").status()).isEqualTo(404);
            assertThat(as("priya").get("/api/journeys/" + erasedParticipant).status()).isIn(403, 404);
        }
    }

    @Test
    @Order(8)
    void forwardingLosesNothingWhileTheBrokerIsDown() throws Exception {
        int participants = 6;
        List<Api> people = new ArrayList<>();
        for (int i = 0; i < participants; i++) {
            people.add(participant("e2e|restart-" + i));
        }
        String audited;
        stack.broker().stop();
        try {
            // Commands are accepted while the broker is away: the event stores hold them.
            for (Api person : people) {
                Api.Response enrolled = enrol(person, "operations");
                assertThat(enrolled.status()).as(enrolled.raw()).isEqualTo(201);
                Api.Response assessed = person.post("/api/assessments", Map.of("instrumentId", "phq-9",
                        "answers", phq9(1, 1, 1, 1, 1, 0, 0, 0, 0), "submit", true));
                assertThat(assessed.status()).as(assessed.raw()).isEqualTo(201);
            }
            // A practitioner reads one of them while the broker is away: the audit entry waits in the outbox.
            audited = people.get(0).get("/api/enrolments/me").body().get("participantId").asText();
            Api.Response read = as("priya").get("/api/assessments?participantId=" + audited);
            assertThat(read.status()).as(read.raw()).isEqualTo(200);
            // Longer than the producer's delivery timeout (10 s): the first sends fail outright, so only the
            // forwarder's retry from its stored token can bring these events to the topic.
            Api.sleep(15_000);
        } finally {
            stack.broker().start();
        }
        for (Api person : people) {
            person.await("/api/journeys/me", r -> r.ok() && r.raw().contains("\"mild\""), Duration.ofSeconds(120));
        }
        Set<String> enrolmentIds = new HashSet<>();
        int enrolments = 0;
        for (ConsumerRecord<String, byte[]> record : TopicLog.readAll(analytics(),
                EventTypes.ASSESSMENT_TOPIC)) {
            // Sealed on the topic: read as a consumer entitled to the data reads it.
            if (EventTypes.PARTICIPANT_ENROLLED_V1.equals(TopicLog.header(record, "ce_type"))
                    && opened(record).map(data -> new String(data, StandardCharsets.UTF_8).contains("operations"))
                    .orElse(false)) {
                enrolments++;
                enrolmentIds.add(TopicLog.header(record, "ce_id"));
            }
        }
        assertThat(enrolmentIds).as("every enrolment made while the broker was down is on the topic")
                .hasSize(participants);
        assertThat(enrolments).as("a retried batch may repeat a record, never lose one")
                .isGreaterThanOrEqualTo(participants);
        // Each journey holds its assessment exactly once, however often the record was delivered.
        for (Api person : people) {
            assertThat(countAssessments(person.get("/api/journeys/me").body())).isEqualTo(1);
        }
        // The read made while the broker was away reaches the audit trail once it is back.
        JsonNode entries = as("adam").await("/api/audit?actorId=" + priyaId + "&participantId=" + audited,
                r -> r.ok() && r.body().get("entries").size() > 0, Duration.ofSeconds(120)).body().get("entries");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("action").asText()).isEqualTo("GET /api/assessments");
        assertThat(entries.get(0).get("outcome").asInt()).isEqualTo(200);
        assertThat(entries.get(0).get("service").asText()).isEqualTo("assessment-service");
        Files.writeString(data.resolve("done"), "ok");
    }

    @Test
    @Order(9)
    void theBrokerRefusedNoServiceAnything() throws Exception {
        // The functional tests pass only if the grants suffice on the main path; this catches a grant missing on
        // a side path too (a dead letter, a retry, the start-up topic check).
        for (TendService service : TendService.backends()) {
            assertThat(Files.readString(stack.service(service).logFile())).as(service.artifactId())
                    .doesNotContain("AuthorizationException").doesNotContain("SaslAuthenticationException");
        }
    }

    @Test
    @Order(5)
    void oneTraceRunsFromTheGatewayThroughTheEventToItsConsumers() {
        Api traced = participant("e2e|traced");
        assertThat(enrol(traced, "finance").status()).isEqualTo(201);
        String traceId = java.util.HexFormat.of().formatHex(java.security.SecureRandom.getSeed(16));
        Api.Response assessed = traced.postTraced("/api/assessments", Map.of("instrumentId", "phq-9",
                "answers", phq9(1, 2, 1, 0, 1, 0, 1, 0, 0), "submit", true), "00-" + traceId + "-00f067aa0ba902b7-01");
        assertThat(assessed.status()).as(assessed.raw()).isEqualTo(201);

        // The record on the topic carries the trace in the CloudEvents distributed tracing extension.
        ConsumerRecord<String, byte[]> record = null;
        for (int attempt = 0; record == null && attempt < 60; attempt++) {
            record = TopicLog.readAll(analytics(), EventTypes.ASSESSMENT_TOPIC).stream()
                    .filter(r -> EventTypes.ASSESSMENT_COMPLETED_V1.equals(TopicLog.header(r, "ce_type")))
                    .filter(r -> String.valueOf(TopicLog.header(r, "ce_traceparent")).contains(traceId))
                    .findFirst().orElse(null);
            if (record == null) {
                Api.sleep(500);
            }
        }
        assertThat(record).as("an assessment-completed record with ce_traceparent of trace " + traceId).isNotNull();
        String eventId = TopicLog.header(record, "ce_id");

        // Each process logged its part of the request in the same trace: routed, handled and forwarded, consumed.
        Map<TendService, String> expected = new LinkedHashMap<>();
        expected.put(TendService.GATEWAY, "routed POST to assessment");
        expected.put(TendService.ASSESSMENT, "forwarding " + EventTypes.ASSESSMENT_COMPLETED_V1 + " " + eventId);
        expected.put(TendService.PROGRESS, "received " + EventTypes.ASSESSMENT_COMPLETED_V1 + " " + eventId);
        // The catalogue reads a poll at a time, as progress does: "received" per record of the batch.
        expected.put(TendService.CATALOGUE, "received " + EventTypes.ASSESSMENT_COMPLETED_V1 + " " + eventId);
        for (Map.Entry<TendService, String> part : expected.entrySet()) {
            List<String> inTrace = List.of();
            for (int attempt = 0; attempt < 60; attempt++) {
                inTrace = ServiceLogs.messagesInTrace(stack.service(part.getKey()).logFile(), traceId);
                if (inTrace.stream().anyMatch(message -> message.startsWith(part.getValue()))) {
                    break;
                }
                Api.sleep(500);
            }
            assertThat(inTrace).as(part.getKey() + " log lines of trace " + traceId)
                    .anyMatch(message -> message.startsWith(part.getValue()));
        }
        assertThat(ServiceLogs.messagesInTrace(stack.service(TendService.ASSESSMENT).logFile(), traceId))
                .anyMatch(message -> message.startsWith("handling command "));
    }

    /**
     * A check-in of the programme's schedule falls due: published once as reassessment-due, and the participant who
     * opted in gets one reminder with no health information in it. The demo clock plays the three weeks: her
     * enrolment, plan and PHQ-9 are recorded now, then the services' clocks run 22 days ahead until the reminder is in
     * (the fortnightly PHQ-9 is then a week overdue).
     */
    @Test
    @Order(10)
    void aScheduledCheckInFallsDueAndTheParticipantWhoOptedInIsRemindedOnce() {
        Path clock = stack.demoClockFile().orElseThrow();
        Api cleo = participant("e2e|cleo");
        Api.Response enrolled = enrol(cleo, "operations");
        assertThat(enrolled.status()).as(enrolled.raw()).isEqualTo(201);
        assertThat(cleo.post("/api/assessments", Map.of("instrumentId", "phq-9",
                "answers", phq9(1, 1, 2, 1, 1, 1, 1, 1, 0), "submit", true)).status()).isEqualTo(201);
        String cleoId = cleo.get("/api/enrolments/me").body().get("participantId").asText();
        String interventionId = cleo.await("/api/recommendations/me", Api.Response::ok, EVENTUALLY).body()
                .get("recommendations").get(0).get("interventionId").asText();
        Api.Response added = as("priya").post("/api/care-plans/" + cleoId + "/adjustments", Map.of(
                "change", "add", "interventionId", interventionId, "reason", "other"));
        assertThat(added.status()).as(added.raw()).isEqualTo(201);
        cleo.await("/api/journeys/me", r -> r.ok() && r.raw().contains("plan-adjusted"), EVENTUALLY);
        Api.Response optIn = cleo.put("/api/reminders/me", Map.of("email", "cleo@example.org"));
        assertThat(optIn.status()).as(optIn.raw()).isEqualTo(200);
        assertThat(mailsTo("cleo@example.org")).as("nothing is due yet").isEmpty();
        // nina's answers raise a safety concern nobody acknowledges.
        Api nina = participant("e2e|nina");
        assertThat(enrol(nina, "operations").status()).isEqualTo(201);
        assertThat(nina.post("/api/assessments", Map.of("instrumentId", "phq-9",
                "answers", phq9(1, 1, 1, 1, 1, 1, 1, 1, 1), "submit", true)).status()).isEqualTo(201);

        try {
            org.tend.security.DemoClock.write(clock, Duration.ofDays(22));
            Api.sleep(org.tend.security.DemoClock.settleTime().toMillis());
            checkInFallsDue(cleo, cleoId);
        } finally {
            org.tend.security.DemoClock.clear(clock);
            Api.sleep(org.tend.security.DemoClock.settleTime().toMillis());
        }
    }

    private void checkInFallsDue(Api cleo, String cleoId) {
        // The digest: how many safety alerts wait past their time and how many participants need attention, no one
        // named. Once progress-service has assessment-service's count of the programme's overdue alerts, priya asks
        // for it (it goes out once a day, with what is known when it goes).
        try (com.mongodb.client.MongoClient client = com.mongodb.client.MongoClients.create(
                stack.mongoConnectionString())) {
            var counts = client.getDatabase(TendService.PROGRESS.databaseName()).getCollection("alert_counts");
            var overdue = com.mongodb.client.model.Filters.and(com.mongodb.client.model.Filters.eq("_id", programmeId),
                    com.mongodb.client.model.Filters.gt("overdue", 0));
            for (int attempt = 0; counts.countDocuments(overdue) == 0 && attempt < 60; attempt++) {
                Api.sleep(1000);
            }
            assertThat(counts.countDocuments(overdue)).as("the programme's overdue alerts, counted").isOne();
        }
        assertThat(as("priya").put("/api/reminders/practitioner", Map.of("email", "priya@clinic.example.org"))
                .status()).isEqualTo(200);
        Api.Response none = cleo.await("/api/reminders/me", r -> !mailsTo("priya@clinic.example.org").isEmpty(),
                EVENTUALLY);
        assertThat(none.ok()).isTrue();
        try {
            jakarta.mail.internet.MimeMessage digest = mailsTo("priya@clinic.example.org").get(0);
            assertThat(digest.getSubject()).isEqualTo("Tend: participants waiting for you");
            String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(digest);
            assertThat(body).containsPattern("[0-9]+ safety alerts? (is|are) waiting to be acknowledged")
                    .contains("/practitioner/").doesNotContain(cleoId).doesNotContainIgnoringCase("phq")
                    .doesNotContain("nina", "cleo");
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }

        JsonNode due = cleo.await("/api/journeys/me", r -> r.ok() && r.raw().contains("\"status\":\"overdue\""),
                EVENTUALLY).body().get("due");
        assertThat(due.toString()).contains("\"measure\":\"phq-9\"");
        Api.Response ignored = cleo.await("/api/reminders/me", r -> !mailsTo("cleo@example.org").isEmpty(),
                EVENTUALLY);
        assertThat(ignored.ok()).isTrue();
        Api.sleep(7000); // two more sweeps: still one reminder
        List<jakarta.mail.internet.MimeMessage> mails = mailsTo("cleo@example.org");
        assertThat(mails).hasSize(1);
        try {
            assertThat(mails.get(0).getSubject()).isEqualTo("You have a check-in waiting in Tend");
            String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(mails.get(0));
            assertThat(body).contains("/me/")
                    .doesNotContainIgnoringCase("phq").doesNotContain("operations", cleoId);
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }

        List<ConsumerRecord<String, byte[]>> published = new ArrayList<>();
        for (int attempt = 0; published.isEmpty() && attempt < 30; attempt++) {
            Api.sleep(1000);
            published = TopicLog.readAll(analytics(), EventTypes.PROGRESS_TOPIC).stream()
                    .filter(r -> EventTypes.REASSESSMENT_DUE_V1.equals(TopicLog.header(r, "ce_type"))
                            && cleoId.equals(r.key())).toList();
        }
        assertThat(published).isNotEmpty().allSatisfy(record -> {
            assertThat(sealed(record)).isTrue();
            assertThat(CONTRACTS.validate(EventTypes.REASSESSMENT_DUE_V1, opened(record).orElseThrow())).isEmpty();
        });
        assertThat(published.stream().map(r -> new String(opened(r).orElseThrow(), StandardCharsets.UTF_8))
                .filter(data -> data.contains("\"phq-9\"")).count()).as("once per measure and due date").isOne();
    }

    private static List<jakarta.mail.internet.MimeMessage> mailsTo(String address) {
        List<jakarta.mail.internet.MimeMessage> found = new ArrayList<>();
        for (jakarta.mail.internet.MimeMessage message : stack.mail().received()) {
            try {
                if (java.util.Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().equals(address))) {
                    found.add(message);
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new AssertionError(e);
            }
        }
        return found;
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void noLogHoldsALoginAnAnswerFreeTextOrAToken() throws Exception {
        // Every login subject the tests used, the names typed into free-text fields, the answers' item ids (which
        // appear only in request bodies) and any bearer token. Runs last: after the broker's outage and its errors.
        List<String> forbidden = List.of("demo|", "e2e|", "dana-", "alice", "priya", "Walk to work", "Walking",
                "dora-smith", "Acme wellbeing", "phq9-", "eyJ", "@example.org", "@clinic.example.org", "evening sessions",
                "Sleep by");
        for (TendService service : TendService.values()) {
            Path log = stack.service(service).logFile();
            List<String> lines = Files.readAllLines(log);
            assertThat(lines).as(service + " logs").isNotEmpty();
            assertThat(ServiceLogs.jsonLines(log)).as(service + " logs JSON lines").isNotEmpty();
            for (int i = 0; i < lines.size(); i++) {
                for (String word : forbidden) {
                    assertThat(lines.get(i)).as(service.artifactId() + ".log line " + (i + 1)).doesNotContain(word);
                }
            }
        }
    }

    /** How many assessment results a journey lists, over all instruments. */
    private static int countAssessments(JsonNode journey) {
        int count = 0;
        for (JsonNode instrument : journey.get("assessments")) {
            count += instrument.get("results").size();
        }
        return count;
    }
}
