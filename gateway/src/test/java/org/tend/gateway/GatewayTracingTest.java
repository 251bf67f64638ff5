package org.tend.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tend.testsupport.TestTokens.bearer;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tend.gateway.support.UpstreamStub;
import org.tend.testsupport.TestTokens;

/**
 * The gateway continues the caller's W3C trace: the upstream receives a {@code traceparent} of the same trace (a
 * span of the gateway's as parent), and the gateway's routing line is a JSON log line carrying that trace id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.level.tend.trace=DEBUG")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class GatewayTracingTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String CALLER_SPAN = "00f067aa0ba902b7";
    static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]");

    static final UpstreamStub ISSUER = UpstreamStub.start("issuer")
            .serve("/.well-known/jwks.json", TestTokens.jwkSetJson());
    static final UpstreamStub PROGRESS = UpstreamStub.start("progress");

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("TEND_PROGRESS_URL", PROGRESS::url);
        registry.add("TEND_JWT_JWK_SET_URI", () -> ISSUER.url() + "/.well-known/jwks.json");
        registry.add("TEND_JWT_ISSUER", () -> TestTokens.ISSUER);
    }

    @AfterAll
    static void stopStubs() {
        ISSUER.close();
        PROGRESS.close();
    }

    @LocalServerPort
    int port;

    @Test
    void theCallersTraceGoesUpstreamAndIntoTheLog(CapturedOutput output) {
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(20))
                .build().get().uri("/api/journeys/me")
                .header("Authorization", bearer(TestTokens.valid("tracing-subject", "participant")))
                .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01")
                .exchange().expectStatus().isOk();

        UpstreamStub.Received received = PROGRESS.received().stream()
                .filter(r -> r.path().equals("/api/journeys/me")).findFirst().orElseThrow();
        String upstream = header(received.headers(), "traceparent");
        assertThat(upstream).as("traceparent sent upstream").isNotNull();
        Matcher matcher = TRACEPARENT.matcher(upstream);
        assertThat(matcher.matches()).as(upstream).isTrue();
        assertThat(matcher.group(1)).isEqualTo(TRACE_ID);
        assertThat(matcher.group(2)).isNotEqualTo(CALLER_SPAN);

        assertThat(output.getOut().lines()
                .filter(line -> line.startsWith("{") && line.contains("routed GET to progress"))
                .filter(line -> line.contains(TRACE_ID)))
                .as(output.getOut()).isNotEmpty();
        assertThat(output.getOut()).doesNotContain("tracing-subject");
    }

    private static String header(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
