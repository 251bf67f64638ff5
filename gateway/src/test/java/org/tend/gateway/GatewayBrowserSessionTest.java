package org.tend.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tend.gateway.support.UpstreamStub;
import org.tend.testsupport.TestTokens;

/**
 * The gateway as the backend-for-frontend: sign-in with PKCE, the session cookie's attributes, the access token
 * relayed from the session (and no cookie upstream), CSRF on state-changing browser requests, the HR pages' refusal,
 * and the insights route open to HR and admins only. The identity provider is a stub: its token endpoint answers
 * with a token of the test issuer, as the local one would after a login.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class GatewayBrowserSessionTest {

    static final UpstreamStub ISSUER = UpstreamStub.start("issuer")
            .serve("/.well-known/jwks.json", TestTokens.jwkSetJson());
    static final UpstreamStub INSIGHTS = UpstreamStub.start("insights");
    static final UpstreamStub PROGRESS = UpstreamStub.start("progress");
    static final String EMPTY_PART = "{\"resourceType\": \"Bundle\", \"type\": \"collection\"}";
    static final UpstreamStub ASSESSMENT = UpstreamStub.start("assessment")
            .serve("/api/assessments/me/record", EMPTY_PART);
    static final UpstreamStub GOAL = UpstreamStub.start("goal").serve("/api/goals/me/record", EMPTY_PART);
    static final UpstreamStub CATALOGUE = UpstreamStub.start("catalogue")
            .serve("/api/recommendations/me/record", EMPTY_PART);

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("TEND_INSIGHTS_URL", INSIGHTS::url);
        registry.add("TEND_PROGRESS_URL", PROGRESS::url);
        registry.add("TEND_ASSESSMENT_URL", ASSESSMENT::url);
        registry.add("TEND_GOAL_URL", GOAL::url);
        registry.add("TEND_CATALOGUE_URL", CATALOGUE::url);
        registry.add("TEND_JWT_JWK_SET_URI", () -> ISSUER.url() + "/.well-known/jwks.json");
        registry.add("TEND_JWT_ISSUER", () -> TestTokens.ISSUER);
        registry.add("TEND_OAUTH2_AUTHORIZATION_URI", () -> "http://idp.invalid/authorize");
        registry.add("TEND_OAUTH2_TOKEN_URI", () -> ISSUER.url() + "/oauth2/token");
        registry.add("TEND_OAUTH2_CLIENT_SECRET", () -> "test-secret");
        registry.add("TEND_OAUTH2_LOGOUT_URI", () -> "http://idp.invalid/logout");
    }

    @AfterAll
    static void stopStubs() {
        ISSUER.close();
        INSIGHTS.close();
        PROGRESS.close();
        ASSESSMENT.close();
        GOAL.close();
        CATALOGUE.close();
    }

    @LocalServerPort
    int port;

    private String base() {
        return "http://localhost:" + port;
    }

    @Test
    void anAnonymousBrowserIsSentToSignInWithPkceAndAnHttpOnlyLaxSessionCookie() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> page = browser.get("/hr/");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/oauth2/authorization/tend");
        String setCookie = page.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("TEND_SESSION=")).findFirst().orElseThrow();
        // Attribute names are case-insensitive (RFC 6265 §5.2); Netty writes "HTTPOnly".
        assertThat(setCookie.toLowerCase(java.util.Locale.ROOT)).contains("; httponly", "; samesite=lax")
                .doesNotContain("; secure");

        HttpResponse<String> authorize = browser.get("/oauth2/authorization/tend");
        assertThat(authorize.statusCode()).isEqualTo(302);
        Map<String, String> query = query(authorize.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.headers().firstValue("Location").orElseThrow()).startsWith("http://idp.invalid/authorize?");
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", "tend-gateway")
                .containsEntry("code_challenge_method", "S256").containsKeys("code_challenge", "state")
                .containsEntry("redirect_uri", base() + "/login/oauth2/code/tend");
    }

    @Test
    void theSessionCookieIsSecureOnAnyHostButLoopback() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/hr/"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().allValues("Set-Cookie"))
                .anyMatch(c -> c.startsWith("TEND_SESSION=") && !c.toLowerCase(java.util.Locale.ROOT).contains("; secure"));
        // The same request as it arrives when the gateway is reached by a real name (behind a load balancer).
        assertThat(new RawHostRequest(port, "tend.example.org").setCookies("/hr/"))
                .anyMatch(c -> c.startsWith("TEND_SESSION=") && c.toLowerCase(java.util.Locale.ROOT).contains("; secure")
                        && c.toLowerCase(java.util.Locale.ROOT).contains("; httponly"));
    }

    @Test
    void anApiCallerWithoutTokenStillGetsAProblemAndNoCookie() throws Exception {
        HttpResponse<String> api = new Browser().get("/api/insights/programmes");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(api.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void hrSignedInSeesTheDashboardAndItsInsightsCallsCarryTheSessionsTokenButNoCookie() throws Exception {
        String token = TestTokens.valid("demo|hana", "hr");
        Browser browser = signIn(token);

        HttpResponse<String> page = browser.get("/hr/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(browser.cookie("XSRF-TOKEN")).as("the page's CSRF cookie").isNotNull();

        HttpResponse<String> figures = browser.get("/api/insights/programmes");
        assertThat(figures.statusCode()).isEqualTo(200);
        UpstreamStub.Received relayed = INSIGHTS.received().stream()
                .filter(r -> r.path().equals("/api/insights/programmes")).reduce((a, b) -> b).orElseThrow();
        assertThat(relayed.headers()).containsEntry("authorization", "Bearer " + token).doesNotContainKey("cookie");

        HttpResponse<String> journeys = browser.get("/api/journeys/someone");
        assertThat(journeys.statusCode()).as("HR sees no individual data, signed in or not").isEqualTo(403);
        assertThat(PROGRESS.receivedPath("/api/journeys/someone")).isFalse();
    }

    /** A participant signed in through the gateway exports their record; each service gets the session's token. */
    @Test
    void aSignedInParticipantExportsTheirRecordWithTheSessionsToken() throws Exception {
        String token = TestTokens.valid("demo|alice", "participant");
        Browser browser = signIn(token);

        HttpResponse<String> export = browser.get("/api/me/export");

        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/fhir+json");
        for (UpstreamStub service : java.util.List.of(ASSESSMENT, GOAL, CATALOGUE)) {
            assertThat(service.requests()).anySatisfy(r -> assertThat(r.headers())
                    .containsEntry("authorization", "Bearer " + token).doesNotContainKey("cookie"));
        }
    }

    @Test
    void aBrowserWriteNeedsTheCsrfTokenAndSigningOutEndsTheSession() throws Exception {
        Browser browser = signIn(TestTokens.valid("demo|adam", "admin"));
        assertThat(browser.get("/hr/").statusCode()).isEqualTo(200);

        HttpResponse<String> forged = browser.post("/logout", "", null);
        assertThat(forged.statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(browser.get("/hr/").statusCode()).as("still signed in").isEqualTo(200);

        HttpResponse<String> signOut = browser.post("/logout", "", browser.cookie("XSRF-TOKEN").getValue());
        assertThat(signOut.statusCode()).isEqualTo(302);
        assertThat(signOut.headers().firstValue("Location").orElseThrow()).isEqualTo("http://idp.invalid/logout");
        assertThat(browser.get("/hr/").statusCode()).as("signed out").isEqualTo(302);
    }

    @Test
    void aParticipantWhoSignsInIsRefusedWithAPageNotABrokenDashboard() throws Exception {
        Browser browser = signIn(TestTokens.valid("demo|alice", "participant"));
        HttpResponse<String> page = browser.get("/hr/");
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("This page is for HR", "participant", "Sign out", "name=\"_csrf\"");
        assertThat(browser.get("/api/insights/programmes").statusCode()).isEqualTo(403);
    }

    @Test
    void insightsAreForHrAndAdminsOnlyWithBearerTokensToo() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String role : List.of("hr", "admin", "participant", "practitioner")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/insights/p-" + role))
                    .header("Authorization", TestTokens.bearer(TestTokens.valid("u-" + role, role))).build(),
                    HttpResponse.BodyHandlers.ofString());
            boolean allowed = role.equals("hr") || role.equals("admin");
            assertThat(answer.statusCode()).as(role).isEqualTo(allowed ? 200 : 403);
            assertThat(INSIGHTS.receivedPath("/api/insights/p-" + role)).as(role).isEqualTo(allowed);
        }
    }

    /** The sign-in a browser makes: start, come back from the identity provider with a code, and the gateway redeems it. */
    private Browser signIn(String accessToken) throws Exception {
        ISSUER.serve("/oauth2/token", "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\","
                + "\"expires_in\":3600,\"scope\":\"tend\"}");
        Browser browser = new Browser();
        browser.get("/hr/");
        Map<String, String> authorize = query(browser.get("/oauth2/authorization/tend").headers()
                .firstValue("Location").orElseThrow());
        HttpResponse<String> back = browser.get("/login/oauth2/code/tend?code=the-code&state="
                + java.net.URLEncoder.encode(authorize.get("state"), StandardCharsets.UTF_8));
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location").orElseThrow()).endsWith("/hr/");
        return browser;
    }

    private static Map<String, String> query(String uri) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (String pair : URI.create(uri).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /** A browser's cookie jar over the JDK client, following no redirects. */
    private final class Browser {
        private final CookieManager cookies = new CookieManager();
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String body, String csrf) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (csrf != null) {
                request.header("X-XSRF-TOKEN", csrf);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpCookie cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst()
                    .orElse(null);
        }
    }

    /** One GET over a socket with a Host header of our choosing (the JDK client will not send another host's name). */
    private record RawHostRequest(int port, String host) {
        List<String> setCookies(String path) throws Exception {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: text/html\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                List<String> setCookies = new java.util.ArrayList<>();
                Matcher m = Pattern.compile("(?im)^set-cookie:\\s*(.+?)\\r?$").matcher(raw);
                while (m.find()) {
                    setCookies.add(m.group(1));
                }
                return setCookies;
            }
        }
    }

}
