package org.tend.gateway;

import static org.tend.testsupport.TestTokens.bearer;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tend.testsupport.TestTokens;
import org.tend.gateway.support.UpstreamStub;

/**
 * Upstreams that are down or slow: progress points at a port nobody listens on, goal at a stub that answers only
 * after the (shortened) response timeout. The caller gets a 503 or 504 problem, never a 500 or a stack trace.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s")
@DirtiesContext
class GatewayUpstreamFailureTest {

    static final UpstreamStub ISSUER = UpstreamStub.start("issuer")
            .serve("/.well-known/jwks.json", TestTokens.jwkSetJson());
    static final UpstreamStub SLOW_GOAL = UpstreamStub.start("goal");

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("TEND_PROGRESS_URL", UpstreamStub::deadUrl);
        registry.add("TEND_GOAL_URL", SLOW_GOAL::url);
        registry.add("TEND_JWT_JWK_SET_URI", () -> ISSUER.url() + "/.well-known/jwks.json");
        registry.add("TEND_JWT_ISSUER", () -> TestTokens.ISSUER);
    }

    @AfterAll
    static void stopStubs() {
        ISSUER.close();
        SLOW_GOAL.close();
    }

    @LocalServerPort
    int port;

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
    }

    @Test
    void upstreamThatIsDownGives503Problem() {
        client().get().uri("/api/journeys/mine")
                .header("Authorization", bearer(TestTokens.valid("user-1", "participant")))
                .header("X-Request-Id", "trace-503")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("X-Request-Id", "trace-503")
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/upstream-unavailable")
                .jsonPath("$.title").isEqualTo("Service Unavailable")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.detail").isNotEmpty()
                .jsonPath("$.trace").doesNotExist()
                .jsonPath("$.exception").doesNotExist();
    }

    @Test
    void upstreamThatAnswersTooLateGives504Problem() {
        client().get().uri("/api/goals/g1")
                .header("Authorization", bearer(TestTokens.valid("user-1", "participant")))
                .header("X-Stub-Delay-Ms", "3000")
                .exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("X-Request-Id")
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/upstream-timeout")
                .jsonPath("$.title").isEqualTo("Gateway Timeout")
                .jsonPath("$.status").isEqualTo(504)
                .jsonPath("$.detail").isNotEmpty();
    }

    @Test
    void upstreamThatAnswersInTimeStillPasses() {
        client().get().uri("/api/goals/g2")
                .header("Authorization", bearer(TestTokens.valid("user-1", "participant")))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.upstream").isEqualTo("goal");
    }
}
