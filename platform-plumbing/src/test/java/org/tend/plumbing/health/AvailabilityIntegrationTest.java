package org.tend.plumbing.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.tend.plumbing.sample.SampleApplication;
import org.tend.testsupport.TestJwtConfiguration;
import org.tend.testsupport.TestTokens;

/**
 * The sample service pointed at a store that is then stopped: readiness goes DOWN (liveness stays UP) and the API
 * answers 503 with Retry-After at once, without waiting on the driver; when the store is back, so is the service.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "tend.messaging.topic=tend.availability.events",
                "tend.messaging.source=/tend/sample-service",
                "tend.availability.check-interval=PT0.2S",
                "tend.availability.timeout=PT0.5S",
                "tend.reconciliation.interval=PT0S",
                "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestTokens.ISSUER,
                "tend.jwt.audience=" + TestTokens.AUDIENCE})
@ActiveProfiles("local")
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import(TestJwtConfiguration.class)
@DirtiesContext
class AvailabilityIntegrationTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static MongoServer store = new MongoServer(new MemoryBackend());
    static final int STORE_PORT = store.bind().getPort();

    @DynamicPropertySource
    static void storeAddress(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + STORE_PORT);
        registry.add("tend.mongodb.database", () -> "availability");
        registry.add("tend.pseudonym.key", () -> "test-pseudonym-key-0123456789abcdefghijkl");
    }

    @AfterAll
    static void stopStore() {
        store.shutdownNow();
    }

    @LocalServerPort
    int port;

    record Reply(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    Reply get(String path) {
        return RestClient.create("http://localhost:" + port).get().uri(path)
                .exchange((request, response) -> new Reply(response.getStatusCode().value(), response.getHeaders(),
                        new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    Reply createCounter() {
        return RestClient.create("http://localhost:" + port).post().uri("/api/counters")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.participant("ava@example.org")))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("start", 1))
                .exchange((request, response) -> new Reply(response.getStatusCode().value(), response.getHeaders(),
                        new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    Reply await(String path, Predicate<Reply> until) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        Reply reply = get(path);
        while (!until.test(reply) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            reply = get(path);
        }
        assertThat(until.test(reply)).as(path + " answered " + reply.status() + " " + reply.body()).isTrue();
        return reply;
    }

    @Test
    void whileTheStoreIsAwayTheServiceIsNotReadyAndRefusesTheApiAtOnceWithRetryAfter() throws Exception {
        await("/actuator/health/readiness", reply -> reply.status() == 200);
        assertThat(createCounter().status()).isEqualTo(201);

        store.shutdownNow();
        Reply readiness = await("/actuator/health/readiness", reply -> reply.status() == 503);
        assertThat(readiness.json().path("status").asText()).isEqualTo("DOWN");
        assertThat(readiness.json().path("components").path("store").path("status").asText()).isEqualTo("DOWN");
        assertThat(readiness.json().path("components").path("broker").path("status").asText()).isEqualTo("UP");
        Reply liveness = get("/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().path("status").asText()).isEqualTo("UP");

        long started = System.nanoTime();
        Reply refused = createCounter();
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(refused.status()).isEqualTo(503);
        assertThat(millis).as("answered at once, not after the driver's server selection").isLessThan(1_000);
        assertThat(refused.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(refused.headers().getContentType()).hasToString("application/problem+json;charset=UTF-8");
        assertThat(refused.json().path("type").asText()).isEqualTo("/problems/unavailable");
        assertThat(refused.json().path("status").asInt()).isEqualTo(503);

        store = new MongoServer(new MemoryBackend());
        store.bind("127.0.0.1", STORE_PORT);
        await("/actuator/health/readiness", reply -> reply.status() == 200);
        assertThat(createCounter().status()).isEqualTo(201);
    }
}
