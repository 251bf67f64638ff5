package org.tend.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tend.testsupport.TestTokens.bearer;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tend.gateway.config.Upstreams;
import org.tend.gateway.support.UpstreamStub;
import org.tend.testsupport.TestTokens;

/**
 * A service given as several addresses (a comma-separated {@code TEND_<SERVICE>_URL}): the gateway spreads requests
 * over its instances in turn, and an instance that refuses connections (killed, restarting) costs the caller
 * nothing: the request, a read or a write, goes to the next instance. Requests to progress go to two live instances,
 * requests to goal to one live instance and one dead address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class GatewayLoadBalancingTest {

    static final UpstreamStub ISSUER = UpstreamStub.start("issuer")
            .serve("/.well-known/jwks.json", TestTokens.jwkSetJson());
    static final UpstreamStub PROGRESS_1 = UpstreamStub.start("progress-1");
    static final UpstreamStub PROGRESS_2 = UpstreamStub.start("progress-2");
    static final UpstreamStub GOAL_LIVE = UpstreamStub.start("goal-live");
    static final String GOAL_DEAD = UpstreamStub.deadUrl();
    static final UpstreamStub CATALOGUE_LIVE = UpstreamStub.start("catalogue-live");
    static final String CATALOGUE_DEAD = UpstreamStub.deadUrl();

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("TEND_PROGRESS_URL", () -> PROGRESS_1.url() + "," + PROGRESS_2.url());
        registry.add("TEND_GOAL_URL", () -> GOAL_DEAD + ", " + GOAL_LIVE.url());
        registry.add("TEND_CATALOGUE_URL", () -> CATALOGUE_DEAD + "," + CATALOGUE_LIVE.url());
        registry.add("TEND_JWT_JWK_SET_URI", () -> ISSUER.url() + "/.well-known/jwks.json");
        registry.add("TEND_JWT_ISSUER", () -> TestTokens.ISSUER);
    }

    @AfterAll
    static void stopStubs() {
        ISSUER.close();
        PROGRESS_1.close();
        PROGRESS_2.close();
        GOAL_LIVE.close();
        CATALOGUE_LIVE.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    Upstreams upstreams;

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
    }

    @Test
    void requestsAreSpreadOverEveryInstanceInTurn() {
        String token = bearer(TestTokens.valid("user-1", "participant"));
        for (int i = 0; i < 10; i++) {
            client().get().uri("/api/journeys/mine").header("Authorization", token).exchange()
                    .expectStatus().isOk();
        }
        long first = PROGRESS_1.received().stream().filter(r -> r.path().equals("/api/journeys/mine")).count();
        long second = PROGRESS_2.received().stream().filter(r -> r.path().equals("/api/journeys/mine")).count();
        assertThat(first + second).isEqualTo(10);
        assertThat(first).as("round robin over two instances").isBetween(4L, 6L);
        assertThat(upstreams.all(java.net.URI.create("lb://progress"))).hasSize(2);
    }

    @Test
    void anInstanceThatRefusesConnectionsIsSkippedForReadsAndWrites() {
        String token = bearer(TestTokens.valid("user-2", "participant"));
        int before = GOAL_LIVE.received().size();
        for (int i = 0; i < 6; i++) {
            client().get().uri("/api/goals/mine").header("Authorization", token).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.upstream").isEqualTo("goal-live");
            client().post().uri("/api/goals").header("Authorization", token)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\":\"walk at lunch " + i + "\"}")
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.upstream").isEqualTo("goal-live")
                    .jsonPath("$.method").isEqualTo("POST")
                    // The body reached the live instance whole after the dead one refused the connection.
                    .jsonPath("$.bodyBytes").isEqualTo(("{\"text\":\"walk at lunch " + i + "\"}").length());
        }
        // Each request reached the live instance exactly once.
        assertThat(GOAL_LIVE.received().size() - before).isEqualTo(12);
    }

    /**
     * Concurrent requests and their retries are not handed to the dead instance in lock step (round robin over two
     * instances would give two interleaved requests the same one at every try): the instance that refused is left
     * out for a few seconds, and every write gets through.
     */
    @Test
    void concurrentWritesAllReachTheLiveInstanceWhileTheOtherRefuses() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                // One caller per request: the gateway's rate limit is per caller.
                String token = bearer(TestTokens.valid("writer-" + i, "practitioner"));
                statuses.add(pool.submit(() -> client().post().uri("/api/care-plans/p_x/reviews")
                        .header("Authorization", token).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"reason\":\"other\"}").exchange().returnResult(String.class)
                        .getStatus().value()));
            }
            for (java.util.concurrent.Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(CATALOGUE_LIVE.received().stream().filter(r -> r.method().equals("POST")).count()).isEqualTo(40);
    }
}
