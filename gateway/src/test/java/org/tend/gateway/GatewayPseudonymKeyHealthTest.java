package org.tend.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tend.testsupport.TestTokens.bearer;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tend.gateway.support.UpstreamStub;
import org.tend.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's health compares the pseudonym key fingerprints its upstreams publish on {@code /actuator/info}:
 * assessment, catalogue and goal are stubs whose answers each test sets, progress is a port nobody listens on. The
 * answers are reused for a second here (10 s as configured).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "tend.gateway.pseudonym-key-check.cache-for=1s")
@DirtiesContext
class GatewayPseudonymKeyHealthTest {

    static final String INFO = "/actuator/info";
    static final String KEY_A = "0123456789abcdef";
    static final String KEY_B = "fedcba9876543210";

    static final UpstreamStub ISSUER = UpstreamStub.start("issuer")
            .serve("/.well-known/jwks.json", TestTokens.jwkSetJson());
    static final UpstreamStub ASSESSMENT = UpstreamStub.start("assessment");
    static final UpstreamStub CATALOGUE = UpstreamStub.start("catalogue");
    static final UpstreamStub GOAL = UpstreamStub.start("goal");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("TEND_ASSESSMENT_URL", ASSESSMENT::url);
        registry.add("TEND_CATALOGUE_URL", CATALOGUE::url);
        registry.add("TEND_GOAL_URL", GOAL::url);
        registry.add("TEND_PROGRESS_URL", UpstreamStub::deadUrl);
        registry.add("TEND_JWT_JWK_SET_URI", () -> ISSUER.url() + "/.well-known/jwks.json");
        registry.add("TEND_JWT_ISSUER", () -> TestTokens.ISSUER);
    }

    @AfterAll
    static void stopStubs() {
        ISSUER.close();
        ASSESSMENT.close();
        CATALOGUE.close();
        GOAL.close();
    }

    @LocalServerPort
    int port;

    static String info(String fingerprint) {
        return "{\"app\":{\"name\":\"stub\"},\"pseudonym\":{\"keyFingerprint\":\"" + fingerprint + "\"}}";
    }

    static void publish(String assessment, String catalogue, String goal) {
        ASSESSMENT.serve(INFO, assessment);
        CATALOGUE.serve(INFO, catalogue);
        GOAL.serve(INFO, goal);
    }

    record Answer(int status, JsonNode body) {
    }

    Answer get(String path, boolean admin) {
        WebTestClient.RequestHeadersSpec<?> request = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(20)).build()
                .get().uri(path);
        if (admin) {
            request = request.header("Authorization", bearer(TestTokens.valid("ops-1", "admin")));
        }
        EntityExchangeResult<byte[]> result = request.exchange().expectBody().returnResult();
        return new Answer(result.getStatus().value(), JSON.readTree(result.getResponseBody()));
    }

    /** The health once the cached round has made way for one with the stubs' current answers. */
    Answer awaitHealth(String path, boolean admin, Predicate<Answer> settled) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Answer answer = get(path, admin);
        while (!settled.test(answer) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            answer = get(path, admin);
        }
        return answer;
    }

    static JsonNode check(Answer answer) {
        return answer.body().path("components").path("pseudonymKeys");
    }

    @Test
    void servicesThatDisagreeTurnHealthAndReadinessDownNamingThem() throws InterruptedException {
        publish(info(KEY_A), info(KEY_A), info(KEY_B));

        Answer health = awaitHealth("/actuator/health", true, a -> "DOWN".equals(check(a).path("status").asString()));

        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body().path("status").asString()).isEqualTo("DOWN");
        JsonNode details = check(health).path("details");
        assertThat(details.path("differing").valueStream().map(JsonNode::asString).toList()).isEqualTo(List.of("goal"));
        assertThat(details.path("services").path("goal").path("keyFingerprint").asString()).isEqualTo(KEY_B);
        assertThat(details.path("services").path("assessment").path("status").asString()).isEqualTo("UP");
        assertThat(details.path("services").path("progress").path("status").asString()).isEqualTo("UNKNOWN");

        Answer readiness = get("/actuator/health/readiness", false);
        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.body().path("status").asString()).isEqualTo("DOWN");

        // Without an admin token: the verdict, not the details.
        Answer anonymous = get("/actuator/health", false);
        assertThat(check(anonymous).path("status").asString()).isEqualTo("DOWN");
        assertThat(check(anonymous).has("details")).isFalse();
    }

    @Test
    void servicesThatAgreeAreUpWhileAnUnreachableOneIsUnknown() throws InterruptedException {
        publish(info(KEY_A), info(KEY_A), info(KEY_A));

        Answer health = awaitHealth("/actuator/health", true, a -> "UP".equals(check(a).path("status").asString()));

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asString()).isEqualTo("UP");
        JsonNode services = check(health).path("details").path("services");
        assertThat(services.path("assessment").path("keyFingerprint").asString()).isEqualTo(KEY_A);
        assertThat(services.path("progress").path("status").asString()).isEqualTo("UNKNOWN");
        assertThat(services.path("progress").path("reason").asString()).isEqualTo("unreachable");
        assertThat(get("/actuator/health/readiness", false).status()).isEqualTo(200);
    }

    @Test
    void servicesThatPublishNoFingerprintLeaveTheGatewayUp() throws InterruptedException {
        publish("{\"app\":{}}", "{}", "not json");

        Answer health = awaitHealth("/actuator/health", true,
                a -> "UNKNOWN".equals(check(a).path("status").asString()));

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asString()).isEqualTo("UP");
        assertThat(check(health).path("details").path("services").path("catalogue").path("reason").asString())
                .contains("no pseudonym.keyFingerprint");
    }

    @Test
    void oneRoundOfAnswersIsReusedForAWhile() throws InterruptedException {
        publish(info(KEY_A), info(KEY_A), info(KEY_A));
        awaitHealth("/actuator/health", false, a -> "UP".equals(check(a).path("status").asString()));
        int asked = ASSESSMENT.served(INFO);

        for (int i = 0; i < 5; i++) {
            get("/actuator/health", false);
            get("/actuator/health/readiness", false);
        }

        assertThat(ASSESSMENT.served(INFO) - asked).isLessThanOrEqualTo(1);
    }
}
