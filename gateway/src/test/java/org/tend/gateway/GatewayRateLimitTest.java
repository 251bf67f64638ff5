package org.tend.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tend.testsupport.TestTokens.bearer;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tend.gateway.support.UpstreamStub;
import org.tend.testsupport.TestTokens;

/**
 * The rate limits, set small here: by default 3 reads and 2 writes at once per caller and route, refilled at one a
 * minute (so that no token comes back during a test); the goal route's writes 1 at once, the catalogue route's reads
 * 10. Each test uses callers of its own, since buckets outlive a test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tend.gateway.rate-limits.defaults.reads.requests=1",
        "tend.gateway.rate-limits.defaults.reads.per=1m",
        "tend.gateway.rate-limits.defaults.reads.burst=3",
        "tend.gateway.rate-limits.defaults.writes.requests=1",
        "tend.gateway.rate-limits.defaults.writes.per=1m",
        "tend.gateway.rate-limits.defaults.writes.burst=2",
        "tend.gateway.rate-limits.routes.goal.writes.requests=1",
        "tend.gateway.rate-limits.routes.goal.writes.per=1m",
        "tend.gateway.rate-limits.routes.goal.writes.burst=1",
        "tend.gateway.rate-limits.routes.catalogue.reads.requests=10",
        "tend.gateway.rate-limits.routes.catalogue.reads.per=1m",
        "tend.gateway.rate-limits.routes.catalogue.reads.burst=10",
})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class GatewayRateLimitTest {

    static final UpstreamStub ISSUER = UpstreamStub.start("issuer")
            .serve("/.well-known/jwks.json", TestTokens.jwkSetJson());
    static final UpstreamStub PROGRESS = UpstreamStub.start("progress");
    static final UpstreamStub GOAL = UpstreamStub.start("goal");
    static final UpstreamStub CATALOGUE = UpstreamStub.start("catalogue");

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("TEND_PROGRESS_URL", PROGRESS::url);
        registry.add("TEND_GOAL_URL", GOAL::url);
        registry.add("TEND_CATALOGUE_URL", CATALOGUE::url);
        registry.add("TEND_JWT_JWK_SET_URI", () -> ISSUER.url() + "/.well-known/jwks.json");
        registry.add("TEND_JWT_ISSUER", () -> TestTokens.ISSUER);
    }

    @AfterAll
    static void stopStubs() {
        ISSUER.close();
        PROGRESS.close();
        GOAL.close();
        CATALOGUE.close();
    }

    @LocalServerPort
    int port;

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
    }

    WebTestClient.ResponseSpec call(HttpMethod method, String path, String subject) {
        return client().method(method).uri(path)
                .header("Authorization", bearer(TestTokens.valid(subject, "participant")))
                .exchange();
    }

    @Test
    void callerOverTheLimitGets429ProblemWithRetryAfterAndIsNotRelayed(CapturedOutput output) {
        String subject = "rate-subject-over-limit-7f3a";
        for (int i = 0; i < 3; i++) {
            call(HttpMethod.GET, "/api/journeys/within-" + i, subject).expectStatus().isOk();
        }

        call(HttpMethod.GET, "/api/journeys/over", subject)
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value("Retry-After", value -> assertThat(Long.parseLong(value)).isBetween(1L, 60L))
                .expectHeader().exists("X-Request-Id")
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/too-many-requests")
                .jsonPath("$.title").isEqualTo("Too Many Requests")
                .jsonPath("$.status").isEqualTo(429)
                .jsonPath("$.detail").isNotEmpty()
                .jsonPath("$.retryAfterSeconds").isNumber()
                .jsonPath("$.limit.burst").isEqualTo(3);
        assertThat(PROGRESS.receivedPath("/api/journeys/over")).isFalse();
        assertThat(output.getAll()).doesNotContain(subject);
    }

    @Test
    void anotherCallerIsNotLimited() {
        String limited = "rate-subject-limited";
        for (int i = 0; i < 3; i++) {
            call(HttpMethod.GET, "/api/journeys/mine", limited).expectStatus().isOk();
        }
        call(HttpMethod.GET, "/api/journeys/mine", limited).expectStatus().isEqualTo(429);

        call(HttpMethod.GET, "/api/journeys/mine", "rate-subject-other").expectStatus().isOk();
    }

    @Test
    void readsAndWritesAreCountedApart() {
        String subject = "rate-subject-kinds";
        for (int i = 0; i < 3; i++) {
            call(HttpMethod.GET, "/api/journeys/mine", subject).expectStatus().isOk();
        }
        call(HttpMethod.GET, "/api/journeys/mine", subject).expectStatus().isEqualTo(429);

        call(HttpMethod.POST, "/api/journeys/mine", subject).expectStatus().isOk();
        call(HttpMethod.POST, "/api/journeys/mine", subject).expectStatus().isOk();
        call(HttpMethod.POST, "/api/journeys/mine", subject).expectStatus().isEqualTo(429);
    }

    @Test
    void aRouteWithItsOwnLimitsIsHeldToThem() {
        String subject = "rate-subject-routes";
        // goal: one write at once instead of the default two; its reads keep the default three.
        call(HttpMethod.PUT, "/api/goals/g1/ratings", subject).expectStatus().isOk();
        call(HttpMethod.PUT, "/api/goals/g1/ratings", subject).expectStatus().isEqualTo(429)
                .expectBody().jsonPath("$.limit.burst").isEqualTo(1);
        for (int i = 0; i < 3; i++) {
            call(HttpMethod.GET, "/api/goals/g1", subject).expectStatus().isOk();
        }
        call(HttpMethod.GET, "/api/goals/g1", subject).expectStatus().isEqualTo(429);

        // catalogue: ten reads at once instead of three.
        for (int i = 0; i < 10; i++) {
            call(HttpMethod.GET, "/api/interventions/cbt", subject).expectStatus().isOk();
        }
        call(HttpMethod.GET, "/api/interventions/cbt", subject).expectStatus().isEqualTo(429);
    }
}
