package org.tend.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tokens verify against the served JWK set and carry the roles; the issuer binds to loopback only. */
class DevTokenIssuerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    /** One issuer for the class: RSA key generation takes a moment on a busy machine, and no test changes it. */
    private static DevTokenIssuer issuer;

    @BeforeAll
    static void start() {
        issuer = new DevTokenIssuer(0);
        issuer.start();
    }

    @AfterAll
    static void stop() {
        issuer.stop();
    }

    @Test
    void mintedTokenVerifiesWithTheServedJwkSet() throws Exception {
        JWKSet served = JWKSet.parse(get(issuer.jwkSetUri()).body());
        assertThat(served.getKeys()).hasSize(1);
        assertThat(served.getKeys().get(0).isPrivate()).isFalse();

        String token = issuer.mint("demo|alice", List.of("participant"), Duration.ofMinutes(5));
        JWTClaimsSet claims = processor(served).process(token, null);

        assertThat(claims.getSubject()).isEqualTo("demo|alice");
        assertThat(claims.getIssuer()).isEqualTo(issuer.issuer()).isEqualTo("http://localhost:" + issuer.port());
        assertThat(claims.getStringListClaim("roles")).containsExactly("participant");
        assertThat(claims.getIssueTime()).isNotNull();
        assertThat(claims.getExpirationTime()).isAfter(new Date());
        assertThat(claims.getClaims()).doesNotContainKeys("preferred_username", "name", "email");
        assertThat(SignedJWT.parse(token).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    }

    @Test
    void expiredTokenIsSignedButRejected() throws Exception {
        JWKSet served = JWKSet.parse(get(issuer.jwkSetUri()).body());
        String token = issuer.mintExpired("demo|bob", List.of("participant"));
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.verify(new RSASSAVerifier((RSAKey) served.getKeys().get(0)))).isTrue();
        assertThatThrownBy(() -> processor(served).process(token, null)).isInstanceOf(BadJWTException.class);
    }

    @Test
    void tokenEndpointIssuesForDemoUsersFromFormOrJson() throws Exception {
        HttpResponse<String> form = post("user=priya", "application/x-www-form-urlencoded");
        assertThat(form.statusCode()).isEqualTo(200);
        Map<String, Object> body = JSONObjectUtils.parse(form.body());
        assertThat(body).containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600L);
        JWTClaimsSet claims = processor(issuer.publicJwkSet()).process((String) body.get("access_token"), null);
        assertThat(claims.getSubject()).isEqualTo("demo|priya");
        assertThat(claims.getStringListClaim("roles")).containsExactly("practitioner");

        HttpResponse<String> json = post("{\"user\": \"adam\"}", "application/json");
        assertThat(json.statusCode()).isEqualTo(200);
        String adamToken = (String) JSONObjectUtils.parse(json.body()).get("access_token");
        assertThat(processor(issuer.publicJwkSet()).process(adamToken, null).getStringListClaim("roles"))
                .containsExactly("admin");

        assertThat(post("user=mallory", "application/x-www-form-urlencoded").statusCode()).isEqualTo(400);
        assertThat(post("{not json", "application/json").statusCode()).isEqualTo(400);
    }

    @Test
    void hrUsersCarryTheirOrganisationAndSeededParticipantsGetTokens() throws Exception {
        JWTClaimsSet hana = processor(issuer.publicJwkSet()).process(
                (String) JSONObjectUtils.parse(post("user=hana", "application/x-www-form-urlencoded").body())
                        .get("access_token"), null);
        assertThat(hana.getStringListClaim("roles")).containsExactly("hr");
        assertThat(hana.getStringClaim("org")).isEqualTo("acme");
        assertThat(hana.getAudience()).containsExactly("tend");
        JWTClaimsSet henrik = processor(issuer.publicJwkSet()).process(issuer.mintFor("henrik"), null);
        assertThat(henrik.getStringClaim("org")).isEqualTo("globex");
        assertThat(processor(issuer.publicJwkSet()).process(issuer.mintFor("alice"), null).getClaims())
                .doesNotContainKey("org");

        HttpResponse<String> seeded = post("{\"user\": \"demo-0042\"}", "application/json");
        assertThat(seeded.statusCode()).isEqualTo(200);
        JWTClaimsSet claims = processor(issuer.publicJwkSet())
                .process((String) JSONObjectUtils.parse(seeded.body()).get("access_token"), null);
        assertThat(claims.getSubject()).isEqualTo("demo|demo-0042");
        assertThat(claims.getStringListClaim("roles")).containsExactly("participant");
        assertThat(post("user=demo-42x", "application/x-www-form-urlencoded").statusCode()).isEqualTo(400);
    }

    @Test
    void discoveryDocumentNamesIssuerAndJwkSet() throws Exception {
        Map<String, Object> doc = JSONObjectUtils.parse(
                get(issuer.jwkSetUri().replace("jwks.json", "openid-configuration")).body());
        assertThat(doc).containsEntry("issuer", issuer.issuer())
                .containsEntry("jwks_uri", issuer.issuer() + DevTokenIssuer.JWKS_PATH)
                .containsEntry("authorization_endpoint", issuer.authorizationUri());
    }

    /**
     * What the gateway does for a browser: the authorization request with PKCE, the login form, the code back at a
     * loopback redirect, the code redeemed with the verifier and the client secret; the token has Tend's claims.
     */
    @Test
    void authorizationCodeFlowWithPkceGivesHanaATokenWithHerOrganisation() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String verifier = "a-long-random-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";
        String challenge = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String redirect = "http://localhost:1234/login/oauth2/code/tend";
        String authorize = issuer.authorizationUri().replace(issuer.issuer(), base()) + "?response_type=code&client_id="
                + DevTokenIssuer.GATEWAY_CLIENT_ID + "&scope=tend&state=xyz&redirect_uri=" + enc(redirect)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256";

        HttpResponse<String> first = browser.send(html(authorize).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        HttpResponse<String> loginPage = browser.send(html(base() + "/login").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(loginPage.body()).contains("hana", "henrik", "password is <code>demo</code>");
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(loginPage.body());
        assertThat(csrf.find()).isTrue();

        HttpResponse<String> wrong = browser.send(form(base() + "/login",
                "username=hana&password=nope&_csrf=" + enc(csrf.group(1))), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");

        HttpResponse<String> signedIn = browser.send(form(base() + "/login",
                "username=hana&password=demo&_csrf=" + enc(csrf.group(1))), HttpResponse.BodyHandlers.ofString());
        String saved = signedIn.headers().firstValue("Location").orElseThrow();
        assertThat(saved).contains("/oauth2/authorize");
        HttpResponse<String> granted = browser.send(html(saved.startsWith("http") ? saved : base() + saved).build(),
                HttpResponse.BodyHandlers.ofString());
        String callback = granted.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(redirect + "?code=").contains("state=xyz");
        String code = java.net.URLDecoder.decode(callback.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);

        String basic = java.util.Base64.getEncoder().encodeToString((DevTokenIssuer.GATEWAY_CLIENT_ID + ":"
                + issuer.gatewayClientSecret()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> withoutVerifier = http.send(HttpRequest.newBuilder(URI.create(issuer.oauth2TokenUri()))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + enc(code)
                        + "&redirect_uri=" + enc(redirect))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withoutVerifier.statusCode()).isEqualTo(400);

        // A fresh code, so that the success path does not depend on whether the refused attempt spent the first.
        HttpResponse<String> again = browser.send(html(authorize).build(), HttpResponse.BodyHandlers.ofString());
        String code2 = java.net.URLDecoder.decode(again.headers().firstValue("Location").orElseThrow()
                .replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(issuer.oauth2TokenUri()))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + enc(code2)
                        + "&redirect_uri=" + enc(redirect) + "&code_verifier=" + verifier)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        JWTClaimsSet claims = processor(issuer.publicJwkSet())
                .process((String) JSONObjectUtils.parse(token.body()).get("access_token"), null);
        assertThat(claims.getSubject()).isEqualTo("demo|hana");
        assertThat(claims.getIssuer()).isEqualTo(issuer.issuer());
        assertThat(claims.getAudience()).contains("tend");
        assertThat(claims.getStringListClaim("roles")).containsExactly("hr");
        assertThat(claims.getStringClaim("org")).isEqualTo("acme");
        assertThat(claims.getExpirationTime()).isAfter(new Date());
    }

    @Test
    void anAuthorizationRequestToAnotherHostOrWithoutPkceIsRefused() throws Exception {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String common = base() + DevTokenIssuer.AUTHORIZATION_PATH + "?response_type=code&client_id="
                + DevTokenIssuer.GATEWAY_CLIENT_ID + "&scope=tend&state=s";
        HttpResponse<String> elsewhere = browser.send(html(common + "&redirect_uri="
                + enc("http://evil.example/login/oauth2/code/tend") + "&code_challenge=abc&code_challenge_method=S256")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(400);
        HttpResponse<String> noPkce = browser.send(html(common + "&redirect_uri="
                + enc("http://127.0.0.1:1/login/oauth2/code/tend")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noPkce.statusCode()).isEqualTo(302);
        assertThat(noPkce.headers().firstValue("Location").orElseThrow()).contains("error=invalid_request")
                .doesNotContain("code=");
    }

    private String base() {
        return "http://127.0.0.1:" + issuer.port();
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static HttpRequest.Builder html(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).header("Accept", "text/html").GET();
    }

    private static HttpRequest form(String uri, String body) {
        return HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Test
    void refusesToBindToAnythingButLoopback() throws Exception {
        assertThatThrownBy(() -> new DevTokenIssuer(InetAddress.getByName("0.0.0.0"), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> new DevTokenIssuer(InetAddress.getByName("::"), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DevTokenIssuer(InetAddress.getByName("192.0.2.1"), 0))
                .isInstanceOf(IllegalArgumentException.class);
        DevTokenIssuer ipv6Loopback = new DevTokenIssuer(InetAddress.getByName("::1"), 0);
        assertThat(ipv6Loopback.jwkSetUri()).startsWith("http://[0:0:0:0:0:0:0:1]:");
    }

    private static DefaultJWTProcessor<SecurityContext> processor(JWKSet keys) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, null));
        return processor;
    }

    private HttpResponse<String> get(String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body, String contentType) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(issuer.tokenUri()))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
