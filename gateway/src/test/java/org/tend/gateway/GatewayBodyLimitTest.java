package org.tend.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tend.testsupport.TestTokens.bearer;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tend.gateway.support.RawHttp;
import org.tend.gateway.support.UpstreamStub;
import org.tend.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies over the gateway's limit (64 KiB as configured) are refused with a 413 problem that states the
 * limit, whether the body declares its length or comes in chunks; neither reaches the service. Sent over a raw
 * socket so that the framing is exactly the one under test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class GatewayBodyLimitTest {

    static final int LIMIT = 64 * 1024;

    static final UpstreamStub ISSUER = UpstreamStub.start("issuer")
            .serve("/.well-known/jwks.json", TestTokens.jwkSetJson());
    static final UpstreamStub ASSESSMENT = UpstreamStub.start("assessment");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("TEND_ASSESSMENT_URL", ASSESSMENT::url);
        registry.add("TEND_JWT_JWK_SET_URI", () -> ISSUER.url() + "/.well-known/jwks.json");
        registry.add("TEND_JWT_ISSUER", () -> TestTokens.ISSUER);
    }

    @AfterAll
    static void stopStubs() {
        ISSUER.close();
        ASSESSMENT.close();
    }

    @LocalServerPort
    int port;

    static Map<String, String> headers() {
        return Map.of("Authorization", bearer(TestTokens.valid("user-1", "participant")),
                "Content-Type", "application/json", "X-Request-Id", "trace-413");
    }

    @Test
    void bodyOverTheLimitWithItsLengthIs413ProblemAndNotRelayed() {
        RawHttp.Response response = RawHttp.sendWithLength(port, "POST", "/api/assessments/declared-over",
                headers(), LIMIT + 1);

        expectTooLarge(response);
        assertThat(ASSESSMENT.receivedPath("/api/assessments/declared-over")).isFalse();
    }

    @Test
    void chunkedBodyOverTheLimitIs413ProblemAndNotRelayed() {
        RawHttp.Response response = RawHttp.sendChunked(port, "POST", "/api/assessments/chunked-over",
                headers(), LIMIT + 1);

        expectTooLarge(response);
        assertThat(ASSESSMENT.receivedPath("/api/assessments/chunked-over")).isFalse();
    }

    /** The gateway stops reading at the limit: a client sending far more gets its 413 all the same. */
    @Test
    void hugeChunkedBodyIsCutOffAtTheLimit() {
        RawHttp.Response response = RawHttp.sendChunked(port, "POST", "/api/assessments/chunked-huge",
                headers(), 64 * LIMIT);

        expectTooLarge(response);
        assertThat(ASSESSMENT.receivedPath("/api/assessments/chunked-huge")).isFalse();
    }

    /** On a connection that closes after the answer, the client still reads the 413 (not a reset). */
    @Test
    void bodyOverTheLimitOnAClosingConnectionStillGetsIts413() {
        Map<String, String> closing = new HashMap<>(headers());
        closing.put("Connection", "close");

        expectTooLarge(RawHttp.sendWithLength(port, "POST", "/api/assessments/declared-closing", closing, 4 * LIMIT));
        expectTooLarge(RawHttp.sendChunked(port, "POST", "/api/assessments/chunked-closing", closing, 4 * LIMIT));
    }

    /** A client that waits for 100 Continue has sent no body: it gets its 413 at once and sends none. */
    @Test
    void bodyOverTheLimitAnnouncedWithExpectContinueIsRefusedBeforeItIsSent() {
        Map<String, String> expecting = new HashMap<>(headers());
        expecting.put("Expect", "100-continue");
        expecting.put("Content-Length", String.valueOf(64 * LIMIT));

        expectTooLarge(RawHttp.send(port, "POST", "/api/assessments/declared-expect", expecting));
    }

    @Test
    void bodyOfExactlyTheLimitIsRelayed() {
        RawHttp.Response response = RawHttp.sendWithLength(port, "POST", "/api/assessments/declared-limit",
                headers(), LIMIT);

        assertThat(response.status()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("bodyBytes").asInt()).isEqualTo(LIMIT);
    }

    @Test
    void chunkedBodyWithinTheLimitIsRelayedWithItsLength() {
        RawHttp.Response response = RawHttp.sendChunked(port, "POST", "/api/assessments/chunked-limit",
                headers(), LIMIT);

        assertThat(response.status()).isEqualTo(200);
        JsonNode echo = JSON.readTree(response.body());
        assertThat(echo.path("bodyBytes").asInt()).isEqualTo(LIMIT);
        assertThat(echo.path("headers").path("content-length").asString()).isEqualTo(String.valueOf(LIMIT));
        assertThat(echo.path("headers").has("transfer-encoding")).isFalse();
    }

    @Test
    void requestWithoutBodyIsRelayedAsBefore() {
        RawHttp.Response response = RawHttp.send(port, "GET", "/api/assessments/no-body", headers());

        assertThat(response.status()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("bodyBytes").asInt()).isZero();
    }

    private static void expectTooLarge(RawHttp.Response response) {
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.header("X-Request-Id")).isEqualTo("trace-413");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo("/problems/payload-too-large");
        assertThat(problem.path("status").asInt()).isEqualTo(413);
        assertThat(problem.path("detail").asString()).contains("65536 bytes");
        assertThat(problem.path("maxBodyBytes").asLong()).isEqualTo(LIMIT);
        assertThat(problem.path("requestId").asString()).isEqualTo("trace-413");
    }
}
