package org.tend.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tend.gateway.support.BrokenUpstream;
import org.tend.gateway.support.UpstreamStub;
import org.tend.testsupport.TestTokens;

/**
 * An identity provider that takes the connection to its token endpoint and never answers must not hold a browser's
 * sign-in for ever: the redemption of the code on the way back is bounded, and the browser gets the sign-in failure
 * page (not a JSON problem, and no session).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class GatewaySilentIdentityProviderTest {

    static final UpstreamStub KEYS = UpstreamStub.start("issuer").serve("/.well-known/jwks.json", TestTokens.jwkSetJson());
    static final BrokenUpstream SILENT = BrokenUpstream.start();

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) {
        registry.add("TEND_JWT_JWK_SET_URI", () -> KEYS.url() + "/.well-known/jwks.json");
        registry.add("TEND_JWT_ISSUER", () -> TestTokens.ISSUER);
        registry.add("TEND_OAUTH2_AUTHORIZATION_URI", () -> "http://idp.invalid/authorize");
        registry.add("TEND_OAUTH2_TOKEN_URI", () -> SILENT.url() + "/oauth2/token/silent");
        registry.add("TEND_OAUTH2_CLIENT_SECRET", () -> "test-secret");
    }

    @AfterAll
    static void stop() {
        KEYS.close();
        SILENT.close();
    }

    @LocalServerPort
    int port;

    @Test
    void aTokenEndpointThatNeverAnswersEndsTheSignInWithAnAnswerNotAHang() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String authorize = get(browser, "/oauth2/authorization/tend").headers().firstValue("Location").orElseThrow();
        String state = null;
        for (String pair : URI.create(authorize).getRawQuery().split("&")) {
            if (pair.startsWith("state=")) {
                state = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
            }
        }
        long started = System.nanoTime();
        HttpResponse<String> back = get(browser, "/login/oauth2/code/tend?code=the-code&state="
                + URLEncoder.encode(state, StandardCharsets.UTF_8));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("the code redemption is bounded").isLessThan(Duration.ofSeconds(25));
        assertThat(back.statusCode()).as(back.body()).isEqualTo(401);
        assertThat(back.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(back.body()).contains("Sign-in did not work", "Try again");
        assertThat(get(browser, "/hr/").statusCode()).as("not signed in").isEqualTo(302);
    }

    private HttpResponse<String> get(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Accept", "text/html").timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
