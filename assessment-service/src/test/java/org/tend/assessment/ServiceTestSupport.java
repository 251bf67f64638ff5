package org.tend.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.client.RestClient;
import org.tend.plumbing.identity.Pseudonymizer;
import org.tend.testsupport.EmbeddedMongo;
import org.tend.testsupport.TestJwtConfiguration;
import org.tend.testsupport.TestTokens;

/**
 * The service as it runs, against an embedded Kafka broker and mongo-java-server, driven over HTTP with real RS256
 * tokens. Every integration test class extends this one with the same configuration, so they share one application
 * context (one start-up for the module); each test uses its own people and programmes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // The reconciler runs when a test calls it, not on its schedule in the middle of another test.
        // The safety alert gauges are read afresh at every scrape (SafetyAlertMetricsTest).
        properties = {"tend.reconciliation.interval=PT0S", "tend.safety.metrics-refresh=PT0S"})
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ContextConfiguration(initializers = EmbeddedMongo.class)
@Import({TestJwtConfiguration.class, ServiceTestSupport.TestClock.class})
public abstract class ServiceTestSupport {

    public static final String TOPIC = "tend.assessment.events";
    protected static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    protected EmbeddedKafkaBroker broker;
    @Autowired
    protected org.tend.keys.ParticipantKeys recordKeys;
    @Autowired
    protected Pseudonymizer pseudonymizer;
    @Autowired
    protected MongoClient mongo;
    @Value("${tend.mongodb.database}")
    protected String database;
    @Autowired
    protected MutableClock clock;

    /** A clock the tests can move forward: overdue alerts, expired assessments. */
    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }

    public static final class MutableClock extends Clock {
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        public void advance(Duration by) {
            offset.updateAndGet(current -> current.plus(by));
        }

        public void reset() {
            offset.set(Duration.ZERO);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    // ---- HTTP ----

    public record Response(int status, String contentType, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** The {@code errors[]} of a problem as {@code field:rule} strings. */
        public List<String> errors() {
            List<String> errors = new ArrayList<>();
            json().path("errors").forEach(e -> errors.add(e.path("field").asText() + ":" + e.path("rule").asText()));
            return errors;
        }

        public Response expect(int expected) {
            assertThat(status).as("status of a response with body " + body).isEqualTo(expected);
            return this;
        }

        /** Asserts an RFC 9457 problem of the status, naming these {@code field:rule}s (in any order). */
        public Response expectProblem(int expected, String... fieldRules) {
            expect(expected);
            assertThat(contentType).startsWith("application/problem+json");
            JsonNode problem = json();
            assertThat(problem.path("status").asInt()).isEqualTo(expected);
            assertThat(problem.path("type").asText()).isNotBlank();
            assertThat(problem.path("title").asText()).isNotBlank();
            if (fieldRules.length > 0) {
                assertThat(errors()).containsExactlyInAnyOrder(fieldRules);
            }
            return this;
        }
    }

    protected Response call(HttpMethod method, String path, String token, Object body) {
        RestClient.RequestBodySpec spec = RestClient.builder().baseUrl("http://localhost:" + port).build()
                .method(method).uri(path);
        if (token != null) {
            spec.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token));
        }
        if (body != null) {
            try {
                spec.contentType(MediaType.APPLICATION_JSON)
                        .body(body instanceof String text ? text : JSON.writeValueAsString(body));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return spec.exchange((request, response) -> new Response(response.getStatusCode().value(),
                String.valueOf(response.getHeaders().getContentType()),
                new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    protected Response get(String path, String token) {
        return call(HttpMethod.GET, path, token, null);
    }

    protected Response post(String path, String token, Object body) {
        return call(HttpMethod.POST, path, token, body);
    }

    protected Response delete(String path, String token) {
        return call(HttpMethod.DELETE, path, token, null);
    }

    protected Response put(String path, String token, Object body) {
        return call(HttpMethod.PUT, path, token, body);
    }

    // ---- people and set-up ----

    protected static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    protected static String admin() {
        return TestTokens.admin(unique("admin"));
    }

    protected String pseudonym(String subject) {
        return pseudonymizer.pseudonymFor(subject);
    }

    /** The enrolment code of each programme these tests created (the admin sees it once, at creation). */
    private final Map<String, String> enrolmentCodes = new java.util.concurrent.ConcurrentHashMap<>();

    /** A new programme of organisation {@code acme}; returns its id. */
    protected String newProgramme() {
        JsonNode created = post("/api/programmes", admin(), Map.of("organisationId", "acme", "name", "Acme wellbeing",
                "minimumGroupSize", 5, "crisisSignposting", "Acme crisis line: call 0800 000 000",
                "departments", java.util.List.of("engineering", "finance", "operations")))
                .expect(201).json();
        String programmeId = created.path("programmeId").asText();
        enrolmentCodes.put(programmeId, created.path("enrolmentCode").asText());
        return programmeId;
    }

    /** The programme's current enrolment code. */
    protected String enrolmentCode(String programmeId) {
        return enrolmentCodes.get(programmeId);
    }

    /** Rotates the programme's enrolment code; returns the new one. */
    protected String rotateEnrolmentCode(String programmeId) {
        String code = post("/api/programmes/" + programmeId + "/enrolment-code", admin(), Map.of()).expect(201)
                .json().path("enrolmentCode").asText();
        enrolmentCodes.put(programmeId, code);
        return code;
    }

    /** A new invitation's code. */
    protected String invitation(String programmeId) {
        return post("/api/programmes/" + programmeId + "/invitations", admin(), Map.of()).expect(201).json()
                .path("code").asText();
    }

    /** The practitioner joins the programme by redeeming an invitation with their own token. */
    protected void assign(String programmeId, String practitionerSubject) {
        post("/api/invitations/redemptions", TestTokens.practitioner(practitionerSubject),
                Map.of("code", invitation(programmeId))).expect(201);
    }

    /** A participant enrolled in the programme with its code; returns the participant's token. */
    protected String enrolled(String subject, String programmeId) {
        String token = TestTokens.participant(subject);
        post("/api/enrolments", token, Map.of("enrolmentCode", enrolmentCode(programmeId), "consent", true))
                .expect(201);
        return token;
    }

    protected static Map<String, Integer> phq9(int... values) {
        return answers("phq9", values);
    }

    protected static Map<String, Integer> answers(String prefix, int... values) {
        Map<String, Integer> answers = new java.util.LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            answers.put(prefix + "-" + (i + 1), values[i]);
        }
        return answers;
    }

    protected Response take(String token, String instrumentId, Map<String, Integer> answers) {
        return post("/api/assessments", token, Map.of("instrumentId", instrumentId, "answers", answers,
                "submit", true));
    }

    // ---- the event store ----

    /** How many domain events Axon has stored: a refused request must not change it. */
    protected long storedEvents() {
        return mongo.getDatabase(database).getCollection("domainevents").countDocuments();
    }

    // ---- Kafka ----

    /** Every record on the topic so far, once at least one matches {@code until} (or 20 s have passed). */
    protected List<ConsumerRecord<String, byte[]>> recordsUntil(Predicate<ConsumerRecord<String, byte[]>> until) {
        return recordsUntil(TOPIC, until);
    }

    /**
     * Every record on {@code topic} so far, as a consumer with the keys reads it ({@link #opened}), once at least one
     * matches {@code until} (or 20 s have passed).
     */
    protected List<ConsumerRecord<String, byte[]>> recordsUntil(String topic,
                                                                Predicate<ConsumerRecord<String, byte[]>> until) {
        return rawRecordsUntil(topic, record -> until.test(opened(record))).stream().map(this::opened).toList();
    }

    /** Every record on {@code topic} so far as it is on the topic (sealed records sealed), once one matches. */
    protected List<ConsumerRecord<String, byte[]>> rawRecordsUntil(String topic,
                                                                   Predicate<ConsumerRecord<String, byte[]>> until) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "test-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 20_000;
            boolean seen = false;
            int quietPolls = 0;
            while (System.currentTimeMillis() < deadline && (!seen || quietPolls < 2)) {
                var batch = consumer.poll(Duration.ofMillis(300));
                batch.forEach(all::add);
                seen = seen || all.stream().anyMatch(until);
                quietPolls = batch.isEmpty() ? quietPolls + 1 : 0;
            }
            assertThat(seen).as("a matching record on " + topic).isTrue();
            return all;
        }
    }

    /**
     * The record as a consumer with the keys reads it: a sealed record's data opened (records about a participant are
     * sealed on the topic); an erased participant's record as it is on the topic, since it no longer opens.
     */
    protected ConsumerRecord<String, byte[]> opened(ConsumerRecord<String, byte[]> record) {
        return org.tend.plumbing.messaging.SealedRecords.opened(record, recordKeys).orElse(record);
    }

    protected static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    protected static String type(ConsumerRecord<String, byte[]> record) {
        return header(record, "ce_type");
    }

    /** A record's data; nothing for a sealed one that no longer opens (its participant was erased). */
    protected static JsonNode data(ConsumerRecord<String, byte[]> record) {
        if (org.tend.plumbing.messaging.SealedRecords.isSealed(record)) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(record.value());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Every header and the value as text, to check that no subject or name appears anywhere in a record. */
    /** The one record of the type on the key. */
    protected static ConsumerRecord<String, byte[]> only(List<ConsumerRecord<String, byte[]>> records, String type,
                                                       String key) {
        List<ConsumerRecord<String, byte[]>> matching = records.stream()
                .filter(r -> key.equals(r.key()) && type.equals(type(r))).toList();
        assertThat(matching).as(type + " records on key " + key).hasSize(1);
        return matching.get(0);
    }

    protected static String wholeRecord(ConsumerRecord<String, byte[]> record) {
        StringBuilder text = new StringBuilder(String.valueOf(record.key())).append('\n');
        record.headers().forEach(h -> text.append(h.key()).append('=')
                .append(new String(h.value(), StandardCharsets.UTF_8)).append('\n'));
        return text.append(new String(record.value(), StandardCharsets.UTF_8)).toString();
    }
}
