package org.tend.plumbing.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.client.RestClient;
import org.tend.plumbing.identity.Pseudonymizer;
import org.tend.testsupport.EmbeddedMongo;
import org.tend.testsupport.TestJwtConfiguration;
import org.tend.security.TokenRules;
import org.tend.testsupport.TestTokens;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tend.messaging.topic=tend.sample.events",
        "tend.messaging.source=/tend/sample-service",
        "tend.messaging.dead-letter-topic=tend.sample.dead-letters",
        "tend.messaging.consumes=tend.sample.inbound"})
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ContextConfiguration(initializers = EmbeddedMongo.class)
@Import(TestJwtConfiguration.class)
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class PlumbingIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    org.springframework.context.ApplicationContext context;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    Pseudonymizer pseudonymizer;
    @Autowired
    SampleApplication.SampleListener listener;
    @Autowired
    MeterRegistry meters;

    RestClient http() {
        return RestClient.builder().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void aCommandIsStoredAndForwardedAsACloudEventKeyedByThePseudonym() {
        var response = http().post().uri("/api/counters")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.participant("alice@example.org")))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("start", 3))
                .retrieve().toEntity(Map.class);
        assertThat(response.getStatusCode().value()).isEqualTo(201);

        ConsumerRecord<String, byte[]> record = readOne("tend.sample.events");
        String pseudonym = pseudonymizer.pseudonymFor("alice@example.org");
        assertThat(record.key()).isEqualTo(pseudonym).matches(Pseudonymizer.PSEUDONYM);
        assertThat(header(record, "ce_type")).isEqualTo("tend.sample.counter-created.v1");
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_source")).isEqualTo("/tend/sample-service");
        assertThat(header(record, "ce_dataschema")).isEqualTo("urn:tend:schema:tend.sample.counter-created.v1");
        assertThat(header(record, "ce_id")).isNotBlank();
        assertThat(header(record, "ce_time")).isNotBlank();
        String value = new String(record.value());
        assertThat(value).contains("\"participantId\":\"" + pseudonym + "\"").doesNotContain("alice");
    }

    /** A practitioner's read reaches the internal audit topic from the outbox, keyed by the practitioner. */
    @Test
    void aPractitionersReadIsPublishedAsAnAuditEntry() {
        String alice = pseudonymizer.pseudonymFor("alice-audit@example.org");
        int status = http().get().uri("/api/people/" + alice)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.practitioner("priya@example.org")))
                .exchange((req, res) -> res.getStatusCode().value());
        assertThat(status).isEqualTo(200);

        String priya = pseudonymizer.pseudonymFor("priya@example.org");
        ConsumerRecord<String, byte[]> record = readFirst(org.tend.contracts.EventTypes.AUDIT_TOPIC,
                r -> priya.equals(r.key()));
        assertThat(header(record, "ce_type")).isEqualTo("tend.audit.entry-recorded.v1");
        assertThat(header(record, "ce_source")).isEqualTo("/tend/sample-service");
        assertThat(org.tend.contracts.ContractValidator.load().validate("tend.audit.entry-recorded.v1",
                record.value())).isEmpty();
        String value = new String(record.value());
        assertThat(value).contains("\"action\":\"GET /api/people/{participantId}\"")
                .contains("\"participantId\":\"" + alice + "\"").contains("\"outcome\":200")
                .doesNotContain("totalScore").doesNotContain("priya@");
    }

    @Test
    void requestsWithoutAValidTokenAreRefusedWithProblems() {
        for (String token : List.of("", TestTokens.bearer(TestTokens.forged("alice", List.of("participant"))),
                TestTokens.bearer(TestTokens.expired("alice", List.of("participant"))),
                TestTokens.bearer(TestTokens.wrongIssuer("alice", List.of("participant"))))) {
            var response = http().post().uri("/api/counters").header(HttpHeaders.AUTHORIZATION, token)
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("start", 3))
                    .exchange((req, res) -> Map.of("status", res.getStatusCode().value(),
                            "type", String.valueOf(res.getHeaders().getContentType())));
            assertThat(response.get("status")).isEqualTo(401);
            assertThat((String) response.get("type")).startsWith("application/problem+json");
        }
    }

    /** Signed by the trusted key, but incomplete or for someone else: 401, with a detail that says nothing more. */
    @Test
    void aSignedTokenThatBreaksTheTokenRulesIsRefused() {
        for (String token : List.of(TestTokens.withoutExpiry("alice", "participant"),
                TestTokens.issuedInTheFuture("alice", "participant"), TestTokens.withoutSubject("participant"),
                TestTokens.rolesAsText("alice", "participant"), TestTokens.otherAudience("alice", "participant"))) {
            var response = http().post().uri("/api/counters").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token))
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("start", 3))
                    .exchange((req, res) -> Map.of("status", res.getStatusCode().value(),
                            "body", new String(res.getBody().readAllBytes())));
            assertThat(response.get("status")).as(token).isEqualTo(401);
            assertThat((String) response.get("body")).contains("\"detail\":\"" + TokenRules.UNAUTHENTICATED + "\"")
                    .doesNotContain("exp").doesNotContain("aud").doesNotContain("roles");
        }
    }

    /** Only known roles grant anything: a token whose roles are all unknown is refused on every API path. */
    @Test
    void aTokenWithNoKnownRoleIsForbiddenEverywhere() {
        var response = http().post().uri("/api/counters")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.valid("eve", "superuser", "ADMIN")))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("start", 3))
                .exchange((req, res) -> Map.of("status", res.getStatusCode().value(),
                        "body", new String(res.getBody().readAllBytes())));
        assertThat(response.get("status")).isEqualTo(403);
        assertThat((String) response.get("body")).contains(TokenRules.FORBIDDEN);
        int anyPath = http().get().uri("/api/anything")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.valid("eve", "auditor")))
                .exchange((req, res) -> res.getStatusCode().value());
        assertThat(anyPath).isEqualTo(403);
    }

    /** Every service shows a fingerprint of its pseudonym key, never the key. */
    @Test
    void theInfoEndpointShowsTheKeysFingerprintNotTheKey() {
        String info = http().get().uri("/actuator/info").retrieve().body(String.class);
        assertThat(info).matches(".*\"keyFingerprint\":\"[0-9a-f]{16}\".*")
                .doesNotContain("test-pseudonym-key");
    }

    @Test
    void aWrongRoleIsForbidden() {
        int status = http().post().uri("/api/counters")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.hr("hana")))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("start", 3))
                .exchange((req, res) -> res.getStatusCode().value());
        assertThat(status).isEqualTo(403);
    }

    /** The operation's roles (@RequiresRole) are checked before its body is read: a wrong role learns nothing more. */
    @Test
    void aWrongRoleIsForbiddenBeforeTheBodyIsRead() {
        var response = http().post().uri("/api/counters")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.practitioner("priya")))
                .contentType(MediaType.APPLICATION_JSON).body("{\"start\": ")
                .exchange((req, res) -> Map.of("status", res.getStatusCode().value(),
                        "body", new String(res.getBody().readAllBytes())));
        assertThat(response.get("status")).isEqualTo(403);
        assertThat((String) response.get("body")).contains(TokenRules.FORBIDDEN).doesNotContain("malformed-json");
    }

    /** The API document, without a token, describes every operation with its roles and problems. */
    @Test
    void everyControllerOperationIsInTheApiDocument() {
        org.tend.testsupport.ApiDocsCheck.assertEveryOperationDocumented(context, port);
        var doc = org.tend.testsupport.ApiDocsCheck.document(port);
        assertThat(doc.path("paths").path("/api/people/{participantId}").path("get").path("x-required-roles")
                .toString()).isEqualTo("[\"participant\",\"practitioner\"]");
        assertThat(doc.path("paths").path("/api/counters").path("post").path("responses").path("422").path("content")
                .has("application/problem+json")).isTrue();
        // The caller comes from the token: never a parameter of the document.
        assertThat(doc.path("paths").path("/api/counters").path("get").path("parameters").toString())
                .contains("\"min\"").doesNotContain("pseudonym").doesNotContain("subject");
    }

    @Test
    void badBodiesGetProblemsNamingTheFieldAndRule() {
        String malformed = post("{\"start\": ");
        assertThat(malformed).contains("\"status\":400").contains("malformed-json");
        String truncatedInside = post("{\"start\": 3, \"note\": [1, ");
        assertThat(truncatedInside).contains("\"status\":400").contains("malformed-json");
        String outOfRange = post("{\"start\": 11}");
        assertThat(outOfRange).contains("\"field\":\"start\"").contains("\"rule\":\"range\"");
        String missing = post("{}");
        assertThat(missing).contains("\"field\":\"start\"").contains("\"rule\":\"required\"");
        String wrongType = post("{\"start\": \"three\"}");
        assertThat(wrongType).contains("\"field\":\"start\"").contains("\"status\":400");
    }

    @Test
    void aRecordThatFailsIsDeadLetteredAloneLoggedCountedListedForAdminsAndReDrivenOnceAfterAFix(
            CapturedOutput output) throws Exception {
        try (var producer = new DefaultKafkaProducerFactory<>(KafkaTestUtils.producerProps(broker),
                new StringSerializer(), new ByteArraySerializer()).createProducer()) {
            producer.send(inbound("good-1", "tend.sample.counter-created.v1")).get();
            producer.send(inbound("broken-1", SampleApplication.SampleListener.BROKEN_TYPE)).get();
            producer.send(inbound("good-2", "tend.sample.counter-created.v1")).get();
        }
        awaitTrue(() -> listener.applied.containsAll(List.of("good-1", "good-2")), "the other records are applied");
        awaitTrue(() -> meters.find("tend.dead.letters").tag("topic", "tend.sample.inbound")
                .tag("reason", "MalformedEventException").counter() != null, "the dead letter is counted");
        assertThat(meters.get("tend.dead.letters").tag("topic", "tend.sample.inbound").counter().count())
                .isEqualTo(1.0);
        assertThat(output.getOut()).containsPattern("WARN\\b.*dead letter: tend\\.sample\\.inbound-\\d+@\\d+ type "
                + "tend\\.sample\\.broken\\.v1 id broken-1: MalformedEventException");

        assertThat(adminCall("GET", "/api/admin/dead-letters", TestTokens.participant("pat"), null).getStatusCode()
                .value()).isEqualTo(403);
        var listed = adminCall("GET", "/api/admin/dead-letters", admin(), null);
        assertThat(listed.getStatusCode().value()).isEqualTo(200);
        JsonNode letters = JSON.readTree(listed.getBody()).path("deadLetters");
        assertThat(letters).hasSize(1);
        JsonNode letter = letters.get(0);
        assertThat(letter.path("topic").asText()).isEqualTo("tend.sample.dead-letters");
        assertThat(letter.path("originalTopic").asText()).isEqualTo("tend.sample.inbound");
        assertThat(letter.path("type").asText()).isEqualTo(SampleApplication.SampleListener.BROKEN_TYPE);
        assertThat(letter.path("id").asText()).isEqualTo("broken-1");
        assertThat(letter.path("reason").asText()).isEqualTo("MalformedEventException");
        assertThat(letter.path("redrivenAt").isNull()).isTrue();
        assertThat(listed.getBody()).as("never the record's data").doesNotContain("do-not-list");
        long offset = letter.path("offset").asLong();

        assertThat(redrive("{}").getStatusCode().value()).isEqualTo(400);
        assertThat(redrive("{\"offset\": 999}").getStatusCode().value()).isEqualTo(404);
        JsonNode stillBroken = JSON.readTree(redrive("{\"offset\": " + offset + "}").getBody());
        assertThat(stillBroken.path("results").get(0).path("outcome").asText()).isEqualTo("failed");

        listener.fixed = true;
        JsonNode redriven = JSON.readTree(redrive("{\"offset\": " + offset + "}").getBody());
        assertThat(redriven.path("results").get(0).path("outcome").asText()).isEqualTo("redriven");
        assertThat(listener.applied).containsOnlyOnce("broken-1");
        JsonNode again = JSON.readTree(redrive("{\"all\": true}").getBody());
        assertThat(again.path("results").get(0).path("outcome").asText()).isEqualTo("already-redriven");
        assertThat(listener.applied).containsOnlyOnce("broken-1");
        JsonNode after = JSON.readTree(adminCall("GET", "/api/admin/dead-letters", admin(), null).getBody());
        assertThat(after.path("deadLetters").get(0).path("redrivenAt").asText()).endsWith("Z");
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static String admin() {
        return TestTokens.admin("adam@example.org");
    }

    private org.springframework.http.ResponseEntity<String> redrive(String body) {
        return adminCall("POST", "/api/admin/dead-letters/redrive", admin(), body);
    }

    private org.springframework.http.ResponseEntity<String> adminCall(String method, String path, String token,
                                                                      String body) {
        var spec = http().method(org.springframework.http.HttpMethod.valueOf(method)).uri(path)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token));
        if (body != null) {
            spec.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return spec.exchange((request, response) -> org.springframework.http.ResponseEntity
                .status(response.getStatusCode())
                .body(new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static ProducerRecord<String, byte[]> inbound(String id, String type) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("tend.sample.inbound", "p_key",
                "{\"secret\":\"do-not-list\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        record.headers().add("ce_id", id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        record.headers().add("ce_type", type.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return record;
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    private String post(String body) {
        return http().post().uri("/api/counters")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.participant("bob")))
                .contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange((req, res) -> new String(res.getBody().readAllBytes()));
    }

    private ConsumerRecord<String, byte[]> readOne(String topic) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "sample-test", false);
        props.put("auto.offset.reset", "earliest");
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 20_000;
            while (all.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(all::add);
            }
            assertThat(all).as("records on " + topic).hasSize(1);
            return all.get(0);
        }
    }

    private ConsumerRecord<String, byte[]> readFirst(String topic,
                                                     java.util.function.Predicate<ConsumerRecord<String, byte[]>> which) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "sample-test-" + java.util.UUID.randomUUID(),
                false);
        props.put("auto.offset.reset", "earliest");
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (which.test(record)) {
                        return record;
                    }
                }
            }
            throw new AssertionError("no matching record on " + topic);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value());
    }
}
