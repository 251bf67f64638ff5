package org.tend.gateway;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tend.testsupport.TestTokens.bearer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tend.testsupport.TestTokens;
import org.tend.gateway.support.BrokenUpstream;
import org.tend.gateway.support.UpstreamStub;

/**
 * Upstreams that are down, slow or broken: progress points at a port nobody listens on, goal at a stub that answers
 * only after the (shortened) response timeout, assessment at one that breaks the connection (a reset, a close without
 * an answer, a truncated answer). The caller gets a 502, 503 or 504 problem, never a 500 or a stack trace.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s")
@DirtiesContext
class GatewayUpstreamFailureTest {

    static final UpstreamStub ISSUER = UpstreamStub.start("issuer")
            .serve("/.well-known/jwks.json", TestTokens.jwkSetJson());
    static final UpstreamStub SLOW_GOAL = UpstreamStub.start("goal");
    static final BrokenUpstream BROKEN_ASSESSMENT = BrokenUpstream.start();

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("TEND_PROGRESS_URL", UpstreamStub::deadUrl);
        registry.add("TEND_GOAL_URL", SLOW_GOAL::url);
        registry.add("TEND_ASSESSMENT_URL", BROKEN_ASSESSMENT::url);
        registry.add("TEND_JWT_JWK_SET_URI", () -> ISSUER.url() + "/.well-known/jwks.json");
        registry.add("TEND_JWT_ISSUER", () -> TestTokens.ISSUER);
    }

    @AfterAll
    static void stopStubs() {
        ISSUER.close();
        SLOW_GOAL.close();
        BROKEN_ASSESSMENT.close();
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

    @ParameterizedTest
    @ValueSource(strings = {"reset", "close", "truncated-head"})
    void upstreamThatBreaksTheConnectionBeforeAnsweringGives502Problem(String breakage) {
        client().get().uri("/api/assessments/" + breakage)
                .header("Authorization", bearer(TestTokens.valid("user-1", "participant")))
                .header("X-Request-Id", "trace-502-" + breakage)
                .exchange()
                .expectStatus().isEqualTo(502)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("X-Request-Id", "trace-502-" + breakage)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/upstream-failed")
                .jsonPath("$.title").isEqualTo("Bad Gateway")
                .jsonPath("$.status").isEqualTo(502)
                .jsonPath("$.detail").isNotEmpty();
    }

    /**
     * Once the status line and part of the body are relayed, a 502 can no longer be sent: the gateway must then cut
     * the caller's connection too, so that the caller's client fails instead of taking the part for the whole.
     */
    @Test
    void upstreamThatBreaksTheConnectionMidAnswerIsNeverRelayedAsComplete() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/assessments/truncated-body"))
                .header("Authorization", bearer(TestTokens.valid("user-1", "participant")))
                .timeout(Duration.ofSeconds(20)).build();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }
}
