package org.tend.plumbing.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.tend.plumbing.idempotency.IdempotencyRecords;
import org.tend.testsupport.EmbeddedMongo;
import org.tend.testsupport.RawHttp;
import org.tend.testsupport.TestJwtConfiguration;
import org.tend.testsupport.TestTokens;

/**
 * {@code Idempotency-Key} on the sample app's creating POST: one outcome per (caller, key), replayed; a different
 * request under the key is 422, one still running 409; failures on our side are not kept.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tend.messaging.topic=tend.sample.events",
        "tend.messaging.source=/tend/sample-service",
        "tend.messaging.dead-letter-topic=tend.sample.dead-letters"})
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ContextConfiguration(initializers = EmbeddedMongo.class)
@Import(TestJwtConfiguration.class)
@DirtiesContext
class IdempotencyKeyTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase database;

    record Reply(int status, String body, HttpResponse<String> response) {
        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    @Test
    void aRetryWithTheSameKeyAndBodyGetsTheFirstOutcomeAndCreatesNothing() {
        String key = UUID.randomUUID().toString();
        long events = events();
        Reply first = post("/api/counters", "alice", "{\"start\": 2}", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        Reply again = post("/api/counters", "alice", "{\"start\": 2}", key);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Content-Type")).isEqualTo(first.header("Content-Type"));
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(events()).isEqualTo(events + 1);
        // Without a key, the same body is a new request.
        assertThat(post("/api/counters", "alice", "{\"start\": 2}", null).status()).isEqualTo(201);
        assertThat(events()).isEqualTo(events + 2);
    }

    @Test
    void theQuotedAndTheBareFormOfAKeyAreTheSameKey() {
        String key = UUID.randomUUID().toString();
        Reply quoted = post("/api/counters", "alice", "{\"start\": 4}", "\"" + key + "\"");
        Reply bare = post("/api/counters", "alice", "{\"start\": 4}", key);
        assertThat(bare.body()).isEqualTo(quoted.body());
        assertThat(bare.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void theSameKeyWithAnotherRequestIs422AndRunsNothing() {
        String key = UUID.randomUUID().toString();
        assertThat(post("/api/counters", "alice", "{\"start\": 2}", key).status()).isEqualTo(201);
        long events = events();
        Reply otherBody = post("/api/counters", "alice", "{\"start\": 3}", key);
        assertProblem(otherBody, 422, "idempotency-key-reuse");
        Reply otherPath = post("/api/counters/flaky", "alice", "{\"start\": 2}", key);
        assertProblem(otherPath, 422, "idempotency-key-reuse");
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void anotherCallersKeyIsAnotherKey() {
        String key = UUID.randomUUID().toString();
        Reply alices = post("/api/counters", "alice", "{\"start\": 5}", key);
        Reply bobs = post("/api/counters", "bob", "{\"start\": 5}", key);
        assertThat(bobs.status()).isEqualTo(201);
        assertThat(bobs.header("Idempotent-Replayed")).isNull();
        assertThat(bobs.json().get("counterId").asText()).isNotEqualTo(alices.json().get("counterId").asText());
        // Another caller's different body under the same key is not a reuse of alice's key.
        assertThat(post("/api/counters", "carol", "{\"start\": 6}", key).status()).isEqualTo(201);
    }

    @Test
    void aRepeatWhileTheFirstRunsIs409ThenTheOutcomeIsReplayed() throws Exception {
        SampleApplication.HELD = new CountDownLatch(1);
        SampleApplication.ENTERED = new CountDownLatch(1);
        String key = UUID.randomUUID().toString();
        long events = events();
        CompletableFuture<Reply> first = CompletableFuture.supplyAsync(
                () -> post("/api/counters/held", "alice", "{\"start\": 1}", key));
        assertThat(SampleApplication.ENTERED.await(20, TimeUnit.SECONDS)).isTrue();
        Reply during = post("/api/counters/held", "alice", "{\"start\": 1}", key);
        assertProblem(during, 409, "idempotency-key-in-flight");
        assertThat(during.header("Retry-After")).isEqualTo("1");
        SampleApplication.HELD.countDown();
        Reply done = first.get(20, TimeUnit.SECONDS);
        assertThat(done.status()).isEqualTo(201);
        Reply after = post("/api/counters/held", "alice", "{\"start\": 1}", key);
        assertThat(after.body()).isEqualTo(done.body());
        assertThat(events()).isEqualTo(events + 1);
    }

    /** Two identical requests at once: one runs, the other is told to wait or gets its outcome. */
    @Test
    void identicalRequestsAtOnceCreateOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        long events = events();
        List<CompletableFuture<Reply>> replies = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 6; i++) {
            replies.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return post("/api/counters", "dora", "{\"start\": 7}", key);
            }));
        }
        start.countDown();
        List<String> created = new ArrayList<>();
        for (CompletableFuture<Reply> reply : replies) {
            Reply r = reply.get(30, TimeUnit.SECONDS);
            assertThat(r.status()).as(r.body()).isIn(201, 409);
            if (r.status() == 201) {
                created.add(r.json().get("counterId").asText());
            }
        }
        assertThat(created).isNotEmpty().allMatch(id -> id.equals(created.get(0)));
        assertThat(events()).isEqualTo(events + 1);
    }

    @Test
    void aFailureOnOurSideIsNotKeptSoARetryRunsAgain() {
        SampleApplication.FLAKY_CALLS.set(0);
        String key = UUID.randomUUID().toString();
        assertThat(post("/api/counters/flaky", "alice", "{\"start\": 1}", key).status()).isEqualTo(500);
        Reply retried = post("/api/counters/flaky", "alice", "{\"start\": 1}", key);
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
        assertThat(SampleApplication.FLAKY_CALLS.get()).isEqualTo(2);
    }

    /** A client error is the request's outcome: the same request with the key gets it again, without running. */
    @Test
    void aClientErrorIsKeptAndReplayed() {
        String key = UUID.randomUUID().toString();
        Reply refused = post("/api/counters", "alice", "{\"start\": 11}", key);
        assertProblem(refused, 400, "range");
        Reply again = post("/api/counters", "alice", "{\"start\": 11}", key);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).isEqualTo(refused.body());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void malformedKeysAre400NamingTheHeader() {
        assertProblem(post("/api/counters", "alice", "{\"start\": 1}", "k".repeat(256)), 400, "range");
        assertThat(post("/api/counters", "alice", "{\"start\": 1}", "k".repeat(255)).status()).isEqualTo(201);
        assertProblem(post("/api/counters", "alice", "{\"start\": 1}", "\"\""), 400, "required");
        assertProblem(post("/api/counters", "alice", "{\"start\": 1}", "\"unterminated"), 400, "pattern");
        assertProblem(post("/api/counters", "alice", "{\"start\": 1}", "\"bad\\escape\""), 400, "pattern");
        // Sent raw (ISO-8859-1 on the wire): java.net.http would not send a byte outside ASCII as it is.
        RawHttp.Reply latin = RawHttp.send(port, "POST", "/api/counters", java.util.Map.of(
                "Authorization", TestTokens.bearer(TestTokens.participant("alice")),
                "Content-Type", "application/json", "Idempotency-Key", "clé"), "{\"start\": 1}".getBytes(), false);
        assertThat(latin.status()).as(latin.body()).isEqualTo(400);
        assertThat(latin.body()).contains("\"field\":\"Idempotency-Key\"").contains("\"rule\":\"pattern\"");
        HttpRequest twice = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/counters"))
                .header("Authorization", TestTokens.bearer(TestTokens.participant("alice")))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "one").header("Idempotency-Key", "two")
                .POST(HttpRequest.BodyPublishers.ofString("{\"start\": 1}")).build();
        assertProblem(send(twice), 400, "repeated");
    }

    @Test
    void recordsKeepNeitherTheKeyNorTheCaller() {
        String key = "visible-key-" + UUID.randomUUID();
        post("/api/counters", "erin", "{\"start\": 8}", key);
        String stored = database.getCollection(IdempotencyRecords.COLLECTION).find().into(new ArrayList<>())
                .toString();
        assertThat(stored).doesNotContain(key).doesNotContain("erin");
    }

    // ---- helpers

    long events() {
        return database.getCollection("domainevents").countDocuments();
    }

    Reply post(String path, String subject, String body, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestTokens.bearer(TestTokens.participant(subject)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return send(request.build());
    }

    static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void assertProblem(Reply reply, int status, String rule) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.json().get("errors")).as(reply.body()).anySatisfy(e -> {
            assertThat(e.get("rule").asText()).isEqualTo(rule);
        });
    }
}
