package org.tend.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    void discoveryDocumentNamesIssuerAndJwkSet() throws Exception {
        Map<String, Object> doc = JSONObjectUtils.parse(
                get(issuer.jwkSetUri().replace("jwks.json", "openid-configuration")).body());
        assertThat(doc).containsEntry("issuer", issuer.issuer()).containsEntry("jwks_uri", issuer.jwkSetUri());
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
