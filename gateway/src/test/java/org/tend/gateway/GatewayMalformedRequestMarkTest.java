package org.tend.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tend.testsupport.TestTokens.bearer;

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

/**
 * A malformed target is replaced, on the request line, by its path alone, with the violation noted beside it. Even
 * if the untrusted-header list is made to cover that note (here: every {@code Tend-*} header), the request must be
 * refused, never relayed without its query.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "tend.gateway.untrusted-request-headers[0]=Tend-*")
@DirtiesContext
class GatewayMalformedRequestMarkTest {

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
    void malformedQueryIsRefusedEvenWhenTheNoteBesideItIsAnUntrustedHeader() {
        RawHttp.Response response = RawHttp.send(port, "GET", "/api/journeys/mine?target=%ZZ", Map.of(
                "Authorization", bearer(TestTokens.valid("user-1", "participant"))));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"target\"", "\"rule\":\"percent-encoding\"");
        assertThat(PROGRESS.received()).isEmpty();
    }
}
