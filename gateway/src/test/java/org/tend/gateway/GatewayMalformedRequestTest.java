package org.tend.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tend.testsupport.TestTokens.bearer;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
 * Request targets that the gateway cannot parse, or that a service's container would refuse with a page of its own:
 * each is a 400 problem naming the parameter (or {@code query}, or {@code path}) and the rule, and none reaches a
 * service. Sent over a raw socket: an HTTP client would encode or refuse them first.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class GatewayMalformedRequestTest {

    static final UpstreamStub ISSUER = UpstreamStub.start("issuer")
            .serve("/.well-known/jwks.json", TestTokens.jwkSetJson());
    static final UpstreamStub PROGRESS = UpstreamStub.start("progress");

    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "/api/journeys/mine?participantId[$ne]=x             | participantId[$ne] | parameter-name",
            "/api/journeys/mine?x[]=1                            | x[]                | parameter-name",
            "/api/journeys/mine?participantId%5B%24ne%5D=x       | participantId[$ne] | parameter-name",
            "/api/journeys/mine?format=json&=x                   | query              | parameter-name",
            "/api/journeys/mine?target=%ZZ                       | target             | percent-encoding",
            "/api/journeys/mine?target=50%                       | target             | percent-encoding",
            "/api/journeys/mine?%ZZ=1                            | query              | percent-encoding",
            "/api/journeys/mine?level=%C3%28                     | level              | percent-encoding",
            "/api/journeys/mine?level={1}                        | level              | character",
            "/api/journeys/mine?level=a^b                        | level              | character",
            "/api/journeys/%ZZ                                   | path               | percent-encoding",
            "/api/journeys/%C3%28                                | path               | percent-encoding",
            "/api/journeys/{id}                                  | path               | character",
            "/api/journeys/caf\u00e9                              | path               | character",
            "/api/journeys/a%2Fb                                 | path               | encoded-character",
            "/api/journeys/a%5Cb                                 | path               | encoded-character",
            "/api/journeys/a%00b                                 | path               | control-character",
            "/api/journeys/../programmes                         | path               | dot-segment",
            "/api/journeys/%2e%2e/programmes                     | path               | dot-segment",
    })
    void malformedTargetIs400ProblemNamingTheParameterAndTheRuleAndIsNotRelayed(String target, String field,
                                                                               String rule) {
        int relayedBefore = PROGRESS.received().size();
        RawHttp.Response response = RawHttp.send(port, "GET", target, Map.of(
                "Authorization", bearer(TestTokens.valid("user-1", "participant")),
                "X-Request-Id", "trace-400"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.header("X-Request-Id")).isEqualTo("trace-400");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo("/problems/malformed-request");
        assertThat(problem.path("title").asString()).isEqualTo("Bad Request");
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asString()).isNotEmpty();
        assertThat(problem.path("requestId").asString()).isEqualTo("trace-400");
        assertThat(problem.path("errors")).hasSize(1);
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo(field);
        assertThat(problem.path("errors").get(0).path("rule").asString()).isEqualTo(rule);
        assertThat(problem.path("errors").get(0).path("message").asString()).isNotEmpty();
        assertThat(PROGRESS.received()).hasSize(relayedBefore);
    }

    @Test
    void malformedTargetIs400ProblemEvenWithoutAToken() {
        int relayedBefore = PROGRESS.received().size();
        RawHttp.Response response = RawHttp.send(port, "GET", "/api/journeys/mine?x[]=1", Map.of());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(PROGRESS.received()).hasSize(relayedBefore);
    }

    @Test
    void requestTheFirewallRefusesIs400ProblemToo() {
        RawHttp.Response response = RawHttp.send(port, "TRACE", "/api/journeys/mine", Map.of(
                "Authorization", bearer(TestTokens.valid("user-1", "participant"))));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(JSON.readTree(response.body()).path("type").asString()).isEqualTo("/problems/malformed-request");
    }

    @Test
    void theGatewaysInternalMarkFromAClientIsIgnored() {
        RawHttp.Response response = RawHttp.send(port, "GET", "/api/journeys/mine?format=json", Map.of(
                "Authorization", bearer(TestTokens.valid("user-1", "participant")),
                "Tend-Gateway-Malformed-Target", "path parameter-name"));

        assertThat(response.status()).isEqualTo(200);
        JsonNode echo = JSON.readTree(response.body());
        assertThat(echo.path("headers").has("tend-gateway-malformed-target")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/api/journeys/mine          | format=json&level=moderate%20severe",
            "/api/journeys/mine          | q=a+b&x.y_z~-=1&empty=&flag",
            "/api/journeys/p_abc%3A1     | since=2026-01-01T00:00:00Z",
            "/api/journeys/mine          | note=%E2%9C%93%20(ok)!*,;$'@/?%25",
            "/api/journeys/mine/%E2%9C%93 | ''",
    })
    void wellFormedTargetIsRelayedAsSent(String path, String query) {
        RawHttp.Response response = RawHttp.send(port, "GET", query.isEmpty() ? path : path + "?" + query, Map.of(
                "Authorization", bearer(TestTokens.valid("user-1", "participant"))));

        assertThat(response.status()).isEqualTo(200);
        JsonNode echo = JSON.readTree(response.body());
        assertThat(echo.path("path").asString()).isEqualTo(path);
        assertThat(echo.path("query").asString()).isEqualTo(query);
    }
}
