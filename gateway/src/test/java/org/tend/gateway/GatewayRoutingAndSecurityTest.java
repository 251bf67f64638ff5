package org.tend.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tend.testsupport.TestTokens.bearer;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tend.security.TokenRules;
import org.tend.testsupport.TestTokens;
import org.tend.gateway.support.UpstreamStub;

/**
 * The gateway as deployed (application.yml), with each service and the token issuer replaced by a stub on a free
 * port: the routes read TEND_*_URL and the decoder fetches the test key from the issuer stub's JWK set.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class GatewayRoutingAndSecurityTest {

    static final UpstreamStub ISSUER = UpstreamStub.start("issuer")
            .serve("/.well-known/jwks.json", TestTokens.jwkSetJson());
    static final Map<String, UpstreamStub> SERVICES = Map.of(
            "assessment", UpstreamStub.start("assessment"),
            "catalogue", UpstreamStub.start("catalogue"),
            "goal", UpstreamStub.start("goal"),
            "progress", UpstreamStub.start("progress"));

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("TEND_ASSESSMENT_URL", () -> SERVICES.get("assessment").url());
        registry.add("TEND_CATALOGUE_URL", () -> SERVICES.get("catalogue").url());
        registry.add("TEND_GOAL_URL", () -> SERVICES.get("goal").url());
        registry.add("TEND_PROGRESS_URL", () -> SERVICES.get("progress").url());
        registry.add("TEND_JWT_JWK_SET_URI", () -> ISSUER.url() + "/.well-known/jwks.json");
        registry.add("TEND_JWT_ISSUER", () -> TestTokens.ISSUER);
    }

    @AfterAll
    static void stopStubs() {
        ISSUER.close();
        SERVICES.values().forEach(UpstreamStub::close);
    }

    @LocalServerPort
    int port;

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
    }

    @ParameterizedTest(name = "{0} {1} as {3} → {2}")
    @CsvSource({
            "GET,    /api/programmes,                     assessment, admin",
            "POST,   /api/programmes/p1/invitations,      assessment, admin",
            "POST,   /api/invitations/redemptions,        assessment, practitioner",
            "POST,   /api/care-holds/p1/release,          assessment, practitioner",
            "POST,   /api/enrolments,                     assessment, participant",
            "GET,    /api/assessments/a1,                 assessment, participant",
            "GET,    /api/instruments/phq-9,              assessment, participant",
            "GET,    /api/safety/concerns,                assessment, practitioner",
            "GET,    /api/audit,                          assessment, admin",
            "GET,    /api/interventions/cbt,              catalogue,  participant",
            "GET,    /api/recommendations/mine,           catalogue,  participant",
            "POST,   /api/care-plans/p1/adjustments,      catalogue,  practitioner",
            "PUT,    /api/goals/g1/ratings,               goal,       participant",
            "GET,    /api/journeys/mine,                  progress,   participant",
            "PUT,    /api/reminders/me,                   progress,   participant",
            "GET,    /api/admin/progress/projections,     progress,   admin",
            "GET,    /api/admin/catalogue/dead-letters,   catalogue,  admin",
            "POST,   /api/admin/goal/dead-letters/redrive, goal,      admin",
    })
    void eachRoutePrefixReachesItsServiceWithTheTokenRelayed(String method, String path, String upstream,
                                                            String role) {
        String token = TestTokens.valid("user-1", role);

        client().method(HttpMethod.valueOf(method)).uri(path)
                .header("Authorization", bearer(token))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.upstream").isEqualTo(upstream)
                .jsonPath("$.method").isEqualTo(method)
                .jsonPath("$.path").isEqualTo(path)
                .jsonPath("$.authorization").isEqualTo(bearer(token));
    }

    @Test
    void noTokenIsRefusedWith401Problem() {
        expectUnauthorized(null, "/api/goals/refused-no-token");
    }

    @Test
    void expiredTokenIsRefusedWith401Problem() {
        expectUnauthorized(TestTokens.expired("user-1", "participant"), "/api/goals/refused-expired");
    }

    @Test
    void tokenSignedByAnotherKeyIsRefusedWith401Problem() {
        expectUnauthorized(TestTokens.forged("user-1", "admin"), "/api/programmes/refused-forged");
    }

    @Test
    void tokenFromAnotherIssuerIsRefusedWith401Problem() {
        expectUnauthorized(TestTokens.wrongIssuer("user-1", "participant"), "/api/journeys/refused-issuer");
    }

    /** Signed by the trusted key but breaking the token rules: 401, before anything reaches a service. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"no-exp", "future-iat", "no-sub", "roles-text", "other-audience"})
    void aSignedTokenThatBreaksTheTokenRulesIsRefusedWith401Problem(String fault) {
        String token = switch (fault) {
            case "no-exp" -> TestTokens.withoutExpiry("user-1", "participant");
            case "future-iat" -> TestTokens.issuedInTheFuture("user-1", "participant");
            case "no-sub" -> TestTokens.withoutSubject("participant");
            case "roles-text" -> TestTokens.rolesAsText("user-1", "participant");
            default -> TestTokens.otherAudience("user-1", "participant");
        };
        expectUnauthorized(token, "/api/journeys/refused-" + fault);
    }

    /** A token whose roles are all unknown is refused everywhere, the public catalogue and instruments included. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/instruments/phq-9", "/api/interventions", "/api/journeys/me"})
    void aTokenWithNoKnownRoleIsRefusedWith403Problem(String path) {
        client().get().uri(path).header("Authorization", bearer(TestTokens.valid("eve", "auditor", "ADMIN")))
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").isEqualTo(TokenRules.FORBIDDEN);
        assertThat(SERVICES.values()).noneMatch(stub -> stub.receivedPath(path));
    }

    @Test
    void malformedTokenIsRefusedWith401Problem() {
        expectUnauthorized("not-a-jwt", "/api/journeys/refused-malformed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/programmes/hr-1", "/api/enrolments/hr-1", "/api/assessments/hr-1",
            "/api/instruments/hr-1", "/api/safety/hr-1", "/api/care-holds/hr-1", "/api/invitations/hr-1",
            "/api/interventions/hr-1", "/api/recommendations/hr-1", "/api/care-plans/hr-1", "/api/reminders/hr-1",
            "/api/goals/hr-1", "/api/journeys/hr-1", "/api/admin/progress/hr-1", "/api/no-such-thing"})
    void hrIsRefusedWith403ProblemAndNothingIsRelayed(String path) {
        client().get().uri(path)
                .header("Authorization", bearer(TestTokens.valid("hr-1", "hr")))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/forbidden")
                .jsonPath("$.title").isEqualTo("Forbidden")
                .jsonPath("$.status").isEqualTo(403)
                .jsonPath("$.detail").isEqualTo(TokenRules.FORBIDDEN);
        assertThat(SERVICES.values()).noneMatch(stub -> stub.receivedPath(path));
    }

    @Test
    void hrWithAnotherRoleIsStillRefused() {
        client().get().uri("/api/journeys/hr-2")
                .header("Authorization", bearer(TestTokens.valid("hr-2", "participant", "hr")))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(SERVICES.get("progress").receivedPath("/api/journeys/hr-2")).isFalse();
    }

    @Test
    void unknownApiPathIs404Problem() {
        client().get().uri("/api/nothing-here/1")
                .header("Authorization", bearer(TestTokens.valid("user-1", "admin")))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("X-Request-Id")
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/not-found")
                .jsonPath("$.title").isEqualTo("Not Found")
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.detail").isEqualTo("No API route matches this path");
    }

    @Test
    void requestIdIsGeneratedAndGivenToTheUpstreamAndTheCaller() {
        var result = client().get().uri("/api/goals/g1")
                .header("Authorization", bearer(TestTokens.valid("user-1", "participant")))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().exists("X-Request-Id")
                .expectBody(Map.class).returnResult();
        String requestId = result.getResponseHeaders().getFirst("X-Request-Id");
        @SuppressWarnings("unchecked")
        Map<String, String> upstreamHeaders = (Map<String, String>) result.getResponseBody().get("headers");
        assertThat(requestId).matches("[0-9a-f-]{36}");
        assertThat(upstreamHeaders).containsEntry("x-request-id", requestId);
    }

    @Test
    void callersRequestIdIsKept() {
        client().get().uri("/api/interventions")
                .header("Authorization", bearer(TestTokens.valid("user-1", "participant")))
                .header("X-Request-Id", "dashboard-42")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", "dashboard-42")
                .expectBody().jsonPath("$.headers['x-request-id']").isEqualTo("dashboard-42");
    }

    @Test
    void requestIdThatCouldForgeLogLinesIsReplaced() {
        client().get().uri("/api/interventions")
                .header("Authorization", bearer(TestTokens.valid("user-1", "participant")))
                .header("X-Request-Id", "x\" injected=1")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().value("X-Request-Id", id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }

    @Test
    void refusalsCarryTheRequestIdToo() {
        client().get().uri("/api/goals/g1")
                .header("X-Request-Id", "trace-401")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("X-Request-Id", "trace-401")
                .expectBody().jsonPath("$.requestId").isEqualTo("trace-401");
    }

    @Test
    void identityAndOriginHeadersFromTheClientAreNotRelayed() {
        Map<?, ?> echo = client().get().uri("/api/recommendations/mine")
                .header("Authorization", bearer(TestTokens.valid("user-1", "participant")))
                .header("X-Forwarded-User", "someone-else")
                .header("X-Forwarded-For", "10.9.9.9")
                .header("X-Forwarded-Host", "evil.example")
                .header("Forwarded", "for=10.9.9.9;host=evil.example")
                .header("X-Real-IP", "10.9.9.9")
                .header("X-User-Id", "admin")
                .header("X-Auth-Request-Email", "boss@example.com")
                .header("X-Roles", "admin")
                .header("X-Tend-Caller", "p_aaaaaaaaaaaaaaaaaaaaaaaaaa")
                .header("Accept-Language", "en")
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        Map<String, String> relayed = (Map<String, String>) echo.get("headers");
        assertThat(relayed).doesNotContainKeys("x-forwarded-user", "x-forwarded-host", "forwarded", "x-real-ip",
                "x-user-id", "x-auth-request-email", "x-roles", "x-tend-caller");
        assertThat(relayed.values()).noneMatch(value -> value.contains("10.9.9.9") || value.contains("evil.example"));
        assertThat(relayed).containsEntry("accept-language", "en");
    }

    /**
     * The services' scrape endpoints need no token and are for the internal network only (deploy/README.md): the
     * gateway neither routes a service's actuator nor serves its own beyond health, with or without a token.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/actuator/prometheus", "/actuator/metrics",
            "/actuator/env"})
    void noActuatorEndpointButHealthIsServedOrRouted(String path) {
        for (String token : java.util.Arrays.asList(null, TestTokens.valid("adam", "admin"))) {
            WebTestClient.RequestHeadersSpec<?> request = client().get().uri(path);
            if (token != null) {
                request = request.header("Authorization", bearer(token));
            }
            int status = request.exchange().returnResult(String.class).getStatus().value();
            assertThat(status).as(path).isIn(401, 403, 404);
        }
        assertThat(SERVICES.values()).as("no service was asked for " + path)
                .noneMatch(service -> service.received().stream().anyMatch(r -> r.path().equals(path)));
    }

    @Test
    void healthIsOpenWithoutToken() {
        client().get().uri("/actuator/health")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    private void expectUnauthorized(String token, String path) {
        WebTestClient.RequestHeadersSpec<?> request = client().get().uri(path);
        if (token != null) {
            request = request.header("Authorization", bearer(token));
        }
        request.exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value("WWW-Authenticate", value -> assertThat(value).startsWith("Bearer"))
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/unauthenticated")
                .jsonPath("$.title").isEqualTo("Unauthorized")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").isEqualTo(TokenRules.UNAUTHENTICATED);
        assertThat(SERVICES.values()).noneMatch(stub -> stub.receivedPath(path));
    }
}
