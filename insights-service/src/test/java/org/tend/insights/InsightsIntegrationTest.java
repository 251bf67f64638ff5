package org.tend.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.tend.contracts.EventTypes;
import org.tend.contracts.OrganisationIds;
import org.tend.plumbing.messaging.CloudEventRecords;
import org.tend.plumbing.messaging.IntegrationEvent;
import org.tend.plumbing.messaging.MessagingAutoConfiguration;
import org.tend.plumbing.projection.Projection;
import org.tend.plumbing.projection.ProjectionGenerations;
import org.tend.plumbing.projection.RebuildRunner;
import org.tend.plumbing.projection.RebuildService;
import org.tend.testsupport.EmbeddedMongo;
import org.tend.testsupport.RoleRefusals;
import org.tend.testsupport.TestJwtConfiguration;
import org.tend.testsupport.TestTokens;

/**
 * The service end to end: records as the other services publish them, fed into an embedded broker, kept in
 * mongo-java-server, planned and served over HTTP to callers with real tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tend.insights.rebuild.drop-grace=PT0.2S",
        "tend.insights.rebuild.fold-events=20",
        // Each record is looked at as it lands: plans are made again at once (the service keeps them 5 s).
        "tend.insights.plans.refresh-after=PT0S"})
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers", partitions = 3,
        topics = {EventTypes.ASSESSMENT_TOPIC, EventTypes.CATALOGUE_TOPIC, EventTypes.GOAL_TOPIC,
                EventTypes.PROGRESS_TOPIC})
@ContextConfiguration(initializers = EmbeddedMongo.class)
@Import({TestJwtConfiguration.class, InsightsIntegrationTest.HeldBackRebuilds.class})
@DirtiesContext
class InsightsIntegrationTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final CloudEventRecords ASSESSMENT =
            new CloudEventRecords(MessagingAutoConfiguration.integrationJson(), "/tend/assessment-service");
    static final CloudEventRecords PROGRESS =
            new CloudEventRecords(MessagingAutoConfiguration.integrationJson(), "/tend/progress-service");
    static final CloudEventRecords GOAL =
            new CloudEventRecords(MessagingAutoConfiguration.integrationJson(), "/tend/goal-service");
    static final YearMonth JAN = YearMonth.of(2025, 1);
    static final String DEAD_LETTERS = "tend.insights.dead-letters";

    /** Open unless a test closes it: a rebuild waits here before it reads the log, so reads meanwhile can be seen. */
    static volatile CountDownLatch rebuildGate = new CountDownLatch(0);

    /** The production rebuild runner, held back at the gate. */
    @TestConfiguration
    static class HeldBackRebuilds {
        @Bean
        @Primary
        RebuildService.Engine heldBackEngine(RebuildRunner runner) {
            return (generation, progress, stop) -> {
                try {
                    while (!rebuildGate.await(20, TimeUnit.MILLISECONDS)) {
                        if (stop.getAsBoolean()) {
                            throw new java.util.concurrent.CancellationException("stopped");
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.util.concurrent.CancellationException("interrupted");
                }
                runner.run(generation, progress, stop);
            };
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    org.springframework.context.ApplicationContext context;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    MongoDatabase database;

    static Instant at(int day) {
        return JAN.atDay(day).atTime(10, 0).toInstant(java.time.ZoneOffset.UTC);
    }

    static String pseudonym(int i) {
        String digits = "abcdefghij";
        StringBuilder s = new StringBuilder("p_");
        String n = String.format("%026d", i);
        for (char c : n.toCharArray()) {
            s.append(digits.charAt(c - '0'));
        }
        return s.toString();
    }

    /**
     * A programme of acme: twelve in finance and three in ops enrol in January 2025; everyone completes a PHQ-9 (six
     * moderate, six mild in finance; ops all severe); one goal; the first enrolment is delivered twice.
     */
    String seedProgramme() {
        String programme = UUID.randomUUID().toString();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        records.add(ASSESSMENT.toRecord(EventTypes.ASSESSMENT_TOPIC, UUID.randomUUID().toString(), at(1),
                new IntegrationEvent(EventTypes.PROGRAMME_CREATED_V1, programme, map("programmeId", programme,
                        "organisationId", OrganisationIds.published("acme"), "minimumGroupSize", 5,
                        "createdAt", at(1)))));
        for (int i = 0; i < 15; i++) {
            String p = pseudonym(i + 1000 * Math.abs(programme.hashCode() % 1000));
            String department = i < 12 ? "finance" : "ops";
            int score = i < 6 ? 12 : i < 12 ? 7 : 18;
            String band = i < 6 ? "moderate" : i < 12 ? "mild" : "severe";
            records.add(ASSESSMENT.toRecord(EventTypes.ASSESSMENT_TOPIC, UUID.randomUUID().toString(), at(2 + i),
                    new IntegrationEvent(EventTypes.PARTICIPANT_ENROLLED_V1, p, map("participantId", p,
                            "programmeId", programme, "cohort", Map.of("department", department),
                            "consentGiven", true, "enrolledAt", at(2 + i)))));
            records.add(ASSESSMENT.toRecord(EventTypes.ASSESSMENT_TOPIC, UUID.randomUUID().toString(), at(20),
                    new IntegrationEvent(EventTypes.ASSESSMENT_COMPLETED_V1, p, map("assessmentId",
                            UUID.randomUUID().toString(), "participantId", p, "programmeId", programme,
                            "instrumentId", "phq-9", "instrumentVersion", "1", "totalScore", score,
                            "scoreRange", map("min", 0, "max", 27), "band", band, "completedAt", at(20)))));
        }
        records.add(records.get(1));
        records.forEach(r -> kafka.send(r));
        kafka.flush();
        return programme;
    }

    @Test
    void hrOfTheOrganisationSeesTheFiguresThePlanReleasesAndEachWithheldOneWithItsRule() throws Exception {
        String programme = seedProgramme();
        String hana = TestTokens.hr("hana", "acme");

        JsonNode list = await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/insights/programmes", hana),
                r -> r.status() == 200 && contains(r.json(), programme)).json();
        JsonNode summary = find(list, programme);
        assertThat(summary.path("minimumGroupSize").asInt()).isEqualTo(5);
        assertThat(summary.path("cohorts").toString()).isEqualTo("[\"finance\",\"ops\"]");
        assertThat(summary.path("months").get(0).asText()).isEqualTo("2025-01");

        JsonNode figures = await().atMost(Duration.ofSeconds(60)).until(
                () -> get("/api/insights/programmes/" + programme + "/figures?period=2025-01", hana),
                r -> r.status() == 200 && figure(r.json(), "phq9-bands-latest") != null
                        && figure(r.json(), "enrolled").path("participants").path("value").asInt() == 15).json();
        assertThat(figures.path("closed").asBoolean()).isTrue();
        assertThat(figures.path("privacy").path("mode").asText()).isEqualTo("exact");
        // Fifteen enrolled, the duplicate delivery counted once.
        assertThat(figure(figures, "enrolled").path("participants").toString())
                .isEqualTo("{\"status\":\"released\",\"value\":15}");
        // Bands at the latest measure: mild 6, moderate 6, severe 3 → severe threshold, one of the others with it.
        JsonNode bands = figure(figures, "phq9-bands-latest").path("cells");
        assertThat(bands.get(2).path("category").asText()).isEqualTo("severe");
        assertThat(bands.get(2).path("count").path("rule").asText()).isEqualTo("threshold");
        assertThat(bands.get(2).path("count").has("value")).isFalse();
        assertThat(bands.toString()).contains("\"complementary\"");

        JsonNode ops = get("/api/insights/programmes/" + programme + "/figures?period=2025-Q1&cohort=ops", hana)
                .json();
        assertThat(figure(ops, "enrolled").path("participants").path("rule").asText()).isEqualTo("threshold");
        assertThat(figure(ops, "enrolled").path("participants").path("explanation").asText())
                .contains("Fewer than 5");

        // A trend: one point per closed month.
        JsonNode trend = get("/api/insights/programmes/" + programme + "/trends?measure=enrolled", hana).json();
        assertThat(trend.path("months").get(0).path("period").asText()).isEqualTo("2025-01");
        assertThat(trend.path("months").get(0).path("figure").path("participants").path("value").asInt())
                .isEqualTo(15);

        // The audit trail says which figures were asked for, and nothing about anyone.
        await().atMost(Duration.ofSeconds(10)).until(() -> database.getCollection("audit_outbox")
                .find(Filters.eq("about.programmeId", programme)).first() != null);
        Document entry = database.getCollection("audit_outbox")
                .find(Filters.and(Filters.eq("about.programmeId", programme), Filters.eq("about.cohort", "ops")))
                .first();
        assertThat(entry).isNotNull();
        assertThat(entry.get("about", Document.class)).containsEntry("period", "2025-Q1")
                .containsEntry("measure", "all");
        assertThat(entry.getString("action")).isEqualTo("GET /api/insights/programmes/{programmeId}/figures");
        assertThat(entry.containsKey("participantId")).isFalse();
    }

    @Test
    void anotherOrganisationsProgrammeIsNotFoundAndOnlyHrAndAdminsMayAsk() throws Exception {
        String programme = seedProgramme();
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/insights/programmes",
                TestTokens.hr("hana", "acme")), r -> contains(r.json(), programme));

        Reply globex = get("/api/insights/programmes/" + programme + "/figures?period=2025-01",
                TestTokens.hr("gus", "globex"));
        assertThat(globex.status()).isEqualTo(404);
        assertThat(globex.json().toString()).contains("programmeId");
        assertThat(contains(get("/api/insights/programmes", TestTokens.hr("gus", "globex")).json(), programme))
                .isFalse();

        Reply noOrg = get("/api/insights/programmes", TestTokens.hr("hana-no-org"));
        assertThat(noOrg.status()).isEqualTo(403);
        assertThat(noOrg.body()).contains("org claim");

        assertThat(get("/api/insights/programmes/" + programme + "/figures?period=2025-01",
                TestTokens.admin("adam")).status()).isEqualTo(200);

        RoleRefusals.assertRefused(port, List.of(RoleRefusals.Call.get("/api/insights/programmes"),
                RoleRefusals.Call.get("/api/insights/programmes/" + programme + "/figures?period=2025-01"),
                RoleRefusals.Call.get("/api/insights/programmes/" + programme + "/trends?measure=enrolled")),
                RoleRefusals.tokensWithoutAggregateAccess());
        // Settings are the administrators' alone.
        RoleRefusals.assertRefused(port, List.of(RoleRefusals.Call.put("/api/insights/programmes/" + programme
                + "/settings", settings("false", "0.1", "5", 28))), Map.of("hr", TestTokens.hr("hana", "acme")));
    }

    @Test
    void badInputIsAProblemNamingTheField() throws Exception {
        String programme = seedProgramme();
        String hana = TestTokens.hr("hana", "acme");
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/insights/programmes", hana),
                r -> contains(r.json(), programme));
        String base = "/api/insights/programmes/" + programme;

        assertProblem(get(base + "/figures?period=2025-13", hana), 400, "period", "pattern");
        assertProblem(get(base + "/figures?period=2025-01-01", hana), 400, "period", "pattern");
        assertProblem(get(base + "/figures", hana), 400, "period", "pattern");
        YearMonth next = YearMonth.now(java.time.ZoneOffset.UTC).plusMonths(1);
        assertProblem(get(base + "/figures?period=" + next, hana), 400, "period", "future");
        assertProblem(get(base + "/figures?period=2024-06", hana), 404, "period", null);
        assertProblem(get(base + "/figures?period=2025-01&cohort=sales", hana), 404, "cohort", null);
        assertProblem(get(base + "/figures?period=2025-01&cohort=Sales%20Dept", hana), 400, "cohort", "pattern");
        assertProblem(get(base + "/trends?measure=nonsense", hana), 404, "measure", null);
        assertProblem(get("/api/insights/programmes/not-a-uuid/figures?period=2025-01", hana), 400, "programmeId",
                "pattern");
        assertProblem(get("/api/insights/programmes/" + UUID.randomUUID() + "/figures?period=2025-01", hana), 404,
                "programmeId", null);

        // The current month is answered, every figure withheld until it ends.
        JsonNode current = get(base + "/figures?period=" + YearMonth.now(java.time.ZoneOffset.UTC), hana).json();
        assertThat(current.path("closed").asBoolean()).isFalse();
        assertThat(figure(current, "enrolled").path("participants").path("status").asText()).isEqualTo("withheld");

        String admin = TestTokens.admin("adam");
        assertProblem(put(base + "/settings", admin, settings("true", "0", "5", 28)), 422, "epsilonPerFigure",
                "range");
        assertProblem(put(base + "/settings", admin, settings("true", "0.5", "0.1", 28)), 422, "monthlyBudget",
                "range");
        assertProblem(put(base + "/settings", admin, settings("false", "abc", "5", 28)), 400, "epsilonPerFigure",
                null);
        assertProblem(put(base + "/settings", admin, settings("false", "0.1", "5", 0)), 400,
                "reassessmentIntervalDays", null);
        Reply saved = put(base + "/settings", admin, "{\"eligibleHeadcounts\":{\"finance\":40,\"ops\":10},"
                + "\"noise\":false,\"epsilonPerFigure\":\"0.1\",\"monthlyBudget\":\"5\","
                + "\"reassessmentIntervalDays\":28}");
        assertThat(saved.status()).isEqualTo(200);
        // Uptake: 15 enrolled of 50 eligible.
        JsonNode enrolled = figure(get(base + "/figures?period=2025-01", hana).json(), "enrolled");
        assertThat(enrolled.path("eligibleHeadcount").asInt()).isEqualTo(50);
        assertThat(enrolled.path("percent").path("value").decimalValue()).isEqualByComparingTo("30.0");
    }

    @Test
    void inNoiseModeAnAnswerSaysWhatItCostAndASpentBudgetIsAProblem() throws Exception {
        String programme = seedProgramme();
        String hana = TestTokens.hr("hana-noise-" + UUID.randomUUID(), "acme");
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/insights/programmes", hana),
                r -> contains(r.json(), programme));
        String base = "/api/insights/programmes/" + programme;
        assertThat(put(base + "/settings", TestTokens.admin("adam"), settings("true", "0.5", "1", 28)).status())
                .isEqualTo(200);

        JsonNode first = get(base + "/trends?measure=enrolled", hana).json();
        assertThat(first.path("privacy").path("mode").asText()).isEqualTo("noise");
        assertThat(first.path("privacy").path("epsilonSpent").asText()).isEqualTo("1");
        assertThat(first.path("privacy").path("epsilonRemaining").asText()).isEqualTo("0");
        // The same noisy values again cost nothing.
        JsonNode again = get(base + "/trends?measure=enrolled", hana).json();
        assertThat(again.path("privacy").path("epsilonSpent").asText()).isEqualTo("0");
        assertThat(again.path("months")).isEqualTo(first.path("months"));
        // Anything new is refused: the budget is spent.
        assertProblem(get(base + "/trends?measure=active", hana), 429, "budget", "budget");
    }

    // ------------------------------------------------------------------------------------------------ rebuild

    @Test
    void aRebuildFromOffsetZeroGivesTheSameFiguresAndReadsMeanwhileAreServedFromTheOldGeneration() throws Exception {
        String programme = seedProgramme();
        String hana = TestTokens.hr("hana", "acme");
        String admin = TestTokens.admin("adam");
        await().atMost(Duration.ofSeconds(60)).until(
                () -> get("/api/insights/programmes/" + programme + "/figures?period=2025-01", hana),
                r -> r.status() == 200 && figure(r.json(), "phq9-bands-latest") != null
                        && figure(r.json(), "enrolled").path("participants").path("value").asInt() == 15);
        int generation = get("/api/insights/admin/status", admin).json().path("activeGeneration").asInt();
        Map<String, String> figuresBefore = figuresAsRead(programme, hana);
        Map<Object, Document> documentsBefore = participantDocuments(programme, generation);
        assertThat(documentsBefore).hasSize(15);

        rebuildGate = new CountDownLatch(1);
        try {
            Reply started = post("/api/insights/admin/rebuilds", admin);
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            String rebuildId = started.json().path("rebuildId").asText();
            assertThat(started.header("Location")).isEqualTo("/api/insights/admin/rebuilds/" + rebuildId);
            assertThat(started.json().path("generation").asInt()).isEqualTo(generation + 1);
            assertThat(started.json().path("state").asText()).isEqualTo("RUNNING");
            assertThat(post("/api/insights/admin/rebuilds", admin).status()).as("one at a time").isEqualTo(409);

            // While generation N+1 is (still) empty, every read is served from generation N, as before.
            JsonNode status = get("/api/insights/admin/status", admin).json();
            assertThat(status.path("activeGeneration").asInt()).isEqualTo(generation);
            assertThat(status.path("runningRebuild").asText()).isEqualTo(rebuildId);
            assertThat(participantDocuments(programme, generation + 1)).isEmpty();
            assertThat(figuresAsRead(programme, hana)).isEqualTo(figuresBefore);
            // A record arriving meanwhile is written by the live listener into both generations.
            String elsewhere = UUID.randomUUID().toString();
            String latecomer = pseudonym(999_000 + Math.abs(elsewhere.hashCode() % 1000));
            kafka.send(ASSESSMENT.toRecord(EventTypes.ASSESSMENT_TOPIC, UUID.randomUUID().toString(), at(25),
                    new IntegrationEvent(EventTypes.PARTICIPANT_ENROLLED_V1, latecomer, map("participantId",
                            latecomer, "programmeId", elsewhere, "cohort", Map.of("department", "ops"),
                            "consentGiven", true, "enrolledAt", at(25)))));
            kafka.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> hasParticipant(generation, latecomer)
                    && hasParticipant(generation + 1, latecomer));
            assertThat(figuresAsRead(programme, hana)).isEqualTo(figuresBefore);

            rebuildGate.countDown();
            JsonNode done = await().atMost(Duration.ofSeconds(60)).until(
                    () -> get(started.header("Location"), admin).json(),
                    s -> !s.path("state").asText().equals("RUNNING"));
            assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("CAUGHT_UP");
            assertThat(done.path("eventsApplied").asLong()).isGreaterThanOrEqualTo(31);
            assertThat(done.path("positionsTotal").asLong())
                    .isGreaterThanOrEqualTo(done.path("targetOffsetsTotal").asLong());
            assertThat(done.path("finishedAt").asText()).isNotBlank();
        } finally {
            rebuildGate.countDown();
        }

        JsonNode after = get("/api/insights/admin/status", admin).json();
        assertThat(after.path("activeGeneration").asInt()).isEqualTo(generation + 1);
        assertThat(after.hasNonNull("runningRebuild")).as(after.toString()).isFalse();
        assertThat(participantDocuments(programme, generation + 1)).isEqualTo(documentsBefore);
        // The plans cached from generation N are not served any more: made again from N+1, the same figures.
        assertThat(figuresAsRead(programme, hana)).isEqualTo(figuresBefore);
        await().atMost(Duration.ofSeconds(10)).until(() -> database.listCollectionNames().into(new ArrayList<>())
                .stream().noneMatch(name -> name.endsWith("_g" + generation)));
    }

    @Test
    void aMalformedRecordAndOneFromTheWrongSourceGoToTheDeadLettersAndAreNotApplied() throws Exception {
        String programme = seedProgramme();
        String hana = TestTokens.hr("hana", "acme");
        String path = "/api/insights/programmes/" + programme + "/figures?period=2025-01";
        await().atMost(Duration.ofSeconds(60)).until(() -> get(path, hana), r -> r.status() == 200
                && figure(r.json(), "enrolled").path("participants").path("value").asInt() == 15);

        // One key: the three records share a partition and are read in this order.
        String key = "dead-letter-" + programme;
        byte[] garbage = ("not a cloud event " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String impostor = pseudonym(777_000 + Math.abs(programme.hashCode() % 1000));
        String sentinel = pseudonym(888_000 + Math.abs(programme.hashCode() % 1000));
        ProducerRecord<String, byte[]> malformed = new ProducerRecord<>(EventTypes.ASSESSMENT_TOPIC, key, garbage);
        // goal-service does not own participant-enrolled: a client that may write a topic cannot pass one off.
        ProducerRecord<String, byte[]> wrongSource = GOAL.toRecord(EventTypes.ASSESSMENT_TOPIC,
                UUID.randomUUID().toString(), at(24), new IntegrationEvent(EventTypes.PARTICIPANT_ENROLLED_V1, key,
                        map("participantId", impostor, "programmeId", programme, "cohort",
                                Map.of("department", "finance"), "consentGiven", true, "enrolledAt", at(24))));
        ProducerRecord<String, byte[]> valid = ASSESSMENT.toRecord(EventTypes.ASSESSMENT_TOPIC,
                UUID.randomUUID().toString(), at(25), new IntegrationEvent(EventTypes.PARTICIPANT_ENROLLED_V1, key,
                        map("participantId", sentinel, "programmeId", programme, "cohort",
                                Map.of("department", "finance"), "consentGiven", true, "enrolledAt", at(25))));
        kafka.send(malformed);
        kafka.send(wrongSource);
        kafka.send(valid);
        kafka.flush();

        // The record after them is applied; the two before it are not.
        await().atMost(Duration.ofSeconds(60)).until(() -> get(path, hana), r -> r.status() == 200
                && figure(r.json(), "enrolled").path("participants").path("value").asInt() == 16);
        int generation = ProjectionGenerations.activeGeneration(database);
        assertThat(hasParticipant(generation, sentinel)).isTrue();
        assertThat(hasParticipant(generation, impostor)).isFalse();

        List<ConsumerRecord<String, byte[]>> dead = deadLettersWithKey(key, 2);
        assertThat(dead).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactlyInAnyOrder(
                new String(garbage, StandardCharsets.UTF_8), new String(wrongSource.value(), StandardCharsets.UTF_8));
        for (ConsumerRecord<String, byte[]> record : dead) {
            assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo(EventTypes.ASSESSMENT_TOPIC);
            assertThat(header(record, "kafka_dlt-exception-message")).isNotBlank();
        }
        assertThat(dead).anySatisfy(r -> assertThat(header(r, "kafka_dlt-exception-message"))
                .contains("/tend/goal-service"));
        assertThat(get(path, hana).json().toString()).doesNotContain(impostor);
    }

    @Test
    void theAdminApiIsForAdminsOnlyAndAnOutdatedLayoutIsAnsweredWithRetryAfter() throws Exception {
        for (String token : List.of(TestTokens.participant("carol"), TestTokens.practitioner("pat"),
                TestTokens.hr("hana", "acme"))) {
            assertThat(post("/api/insights/admin/rebuilds", token).status()).isEqualTo(403);
            assertThat(get("/api/insights/admin/status", token).status()).isEqualTo(403);
            assertThat(get("/api/insights/admin/rebuilds/" + UUID.randomUUID(), token).status()).isEqualTo(403);
        }
        assertThat(send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/insights/admin/rebuilds"))
                .POST(HttpRequest.BodyPublishers.noBody()).build()).status()).isEqualTo(401);
        String admin = TestTokens.admin("adam");
        assertProblem(get("/api/insights/admin/rebuilds/" + UUID.randomUUID(), admin), 404, "rebuildId", null);
        assertProblem(get("/api/insights/admin/rebuilds/not-a-uuid", admin), 400, "rebuildId", "pattern");
        JsonNode status = get("/api/insights/admin/status", admin).json();
        assertThat(status.has("activeGeneration")).isTrue();
        assertThat(status.has("participants")).isTrue();
        assertThat(status.has("programmes")).isTrue();
        assertThat(status.has("interventions")).isTrue();

        // As if an older version had written the served generation: refused until the rebuild has switched.
        var state = database.getCollection(ProjectionGenerations.STATE);
        state.updateOne(Filters.eq("_id", ProjectionGenerations.ID),
                com.mongodb.client.model.Updates.set("layout", 0));
        try {
            Reply refused = get("/api/insights/programmes", TestTokens.hr("hana", "acme"));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.header("Retry-After")).isEqualTo("5");
            assertThat(refused.body()).contains("projection-rebuilding");
        } finally {
            state.updateOne(Filters.eq("_id", ProjectionGenerations.ID),
                    com.mongodb.client.model.Updates.set("layout",
                            org.tend.insights.query.InsightsProjection.LAYOUT));
        }
        assertThat(get("/api/insights/programmes", TestTokens.hr("hana", "acme")).status()).isEqualTo(200);
    }

    /** The figures HR reads of a programme: both periods, both cohorts, every measure's trend. */
    Map<String, String> figuresAsRead(String programme, String token) throws Exception {
        String base = "/api/insights/programmes/" + programme;
        Map<String, String> read = new LinkedHashMap<>();
        for (String query : List.of("/figures?period=2025-01", "/figures?period=2025-Q1",
                "/figures?period=2025-01&cohort=finance", "/figures?period=2025-Q1&cohort=ops")) {
            Reply reply = get(base + query, token);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            read.put(query, reply.body());
        }
        for (JsonNode figure : JSON.readTree(read.get("/figures?period=2025-01")).path("figures")) {
            String query = "/trends?measure=" + figure.path("measure").asText();
            read.put(query, get(base + query, token).body());
        }
        return read;
    }

    /** The participant documents of a programme in a generation, by id. */
    Map<Object, Document> participantDocuments(String programme, int generation) {
        Map<Object, Document> documents = new java.util.TreeMap<>(java.util.Comparator.comparing(Object::toString));
        for (Document doc : database.getCollection(Projection.collection("participants", generation))
                .find(Filters.eq("programmes." + programme, true))) {
            documents.put(doc.get("_id"), doc);
        }
        return documents;
    }

    boolean hasParticipant(int generation, String participant) {
        return database.getCollection(Projection.collection("participants", generation))
                .find(Filters.eq("_id", participant)).first() != null;
    }

    /** The dead letters with the given key, from the beginning, once {@code expected} are there (or 30 s). */
    List<ConsumerRecord<String, byte[]>> deadLettersWithKey(String key, int expected) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "reader-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            consumer.subscribe(List.of(DEAD_LETTERS));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (found.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
            }
            return found;
        }
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static String settings(String noise, String perFigure, String monthly, int days) {
        boolean quoted = !perFigure.equals("abc");
        return "{\"noise\":" + noise + ",\"epsilonPerFigure\":\"" + perFigure + "\",\"monthlyBudget\":\"" + monthly
                + "\",\"reassessmentIntervalDays\":" + days + (quoted ? "" : "") + "}";
    }

    static void assertProblem(Reply reply, int status, String field, String rule) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body()).contains("\"" + field);
        if (rule != null) {
            assertThat(reply.body()).contains("\"" + rule + "\"");
        }
    }

    static boolean contains(JsonNode list, String programme) {
        return find(list, programme) != null;
    }

    static JsonNode find(JsonNode list, String programme) {
        for (JsonNode p : list) {
            if (p.path("programmeId").asText().equals(programme)) {
                return p;
            }
        }
        return null;
    }

    static JsonNode figure(JsonNode figures, String measure) {
        for (JsonNode f : figures.path("figures")) {
            if (f.path("measure").asText().equals(measure)) {
                return f;
            }
        }
        return null;
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    Reply get(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestTokens.bearer(token)).GET().build());
    }

    Reply post(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestTokens.bearer(token)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    Reply put(String path, String token, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestTokens.bearer(token)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static Reply send(HttpRequest request) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), response.headers());
    }

    record Reply(int status, String contentType, String body, HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    /** The service's OpenAPI document describes every controller operation, with its roles and problems. */
    @Test
    void everyControllerOperationIsInTheApiDocument() {
        org.tend.testsupport.ApiDocsCheck.assertEveryOperationDocumented(context, port);
    }
}
