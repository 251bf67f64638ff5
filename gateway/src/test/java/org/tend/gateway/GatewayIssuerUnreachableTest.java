package org.tend.gateway;

import static org.tend.testsupport.TestTokens.bearer;

import java.time.Duration;
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

/** The issuer's JWK set cannot be fetched: no token can be verified, which is our outage, not the caller's fault. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class GatewayIssuerUnreachableTest {

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("TEND_JWT_JWK_SET_URI", () -> UpstreamStub.deadUrl() + "/.well-known/jwks.json");
        registry.add("TEND_JWT_ISSUER", () -> TestTokens.ISSUER);
    }

    @LocalServerPort
    int port;

    @Test
    void tokenThatCannotBeVerifiedGives503ProblemNot401Or500() {
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(20))
                .build()
                .get().uri("/api/goals/g1")
                .header("Authorization", bearer(TestTokens.valid("user-1", "participant")))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("X-Request-Id")
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/token-verification-unavailable")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.detail").isNotEmpty();
    }

    @Test
    void missingTokenIsStill401Problem() {
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .get().uri("/api/goals/g1")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
