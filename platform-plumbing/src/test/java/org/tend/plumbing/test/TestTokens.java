package org.tend.plumbing.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Real RS256 tokens for service tests, signed by a key pair made once per JVM. {@link TestJwtConfiguration}
 * makes the service under test trust exactly this key and {@link #ISSUER}; a token signed by any other key
 * ({@link #forged}) or expired ({@link #expired}) must be refused.
 */
public final class TestTokens {

    public static final String ISSUER = "http://tend-test-issuer";
    private static final KeyPair KEYS = generate();
    private static final KeyPair OTHER_KEYS = generate();

    private TestTokens() {
    }

    public static RSAPublicKey publicKey() {
        return (RSAPublicKey) KEYS.getPublic();
    }

    public static String participant(String subject) {
        return mint(subject, List.of("participant"), Duration.ofMinutes(10));
    }

    public static String practitioner(String subject) {
        return mint(subject, List.of("practitioner"), Duration.ofMinutes(10));
    }

    public static String hr(String subject) {
        return mint(subject, List.of("hr"), Duration.ofMinutes(10));
    }

    public static String admin(String subject) {
        return mint(subject, List.of("admin"), Duration.ofMinutes(10));
    }

    public static String mint(String subject, List<String> roles, Duration ttl) {
        return sign(KEYS, subject, roles, Instant.now(), ttl, ISSUER);
    }

    public static String expired(String subject, List<String> roles) {
        return sign(KEYS, subject, roles, Instant.now().minus(Duration.ofHours(2)), Duration.ofMinutes(5), ISSUER);
    }

    public static String forged(String subject, List<String> roles) {
        return sign(OTHER_KEYS, subject, roles, Instant.now(), Duration.ofMinutes(10), ISSUER);
    }

    public static String wrongIssuer(String subject, List<String> roles) {
        return sign(KEYS, subject, roles, Instant.now(), Duration.ofMinutes(10), "http://somebody-else");
    }

    /** The Authorization header value for a token. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String sign(KeyPair keys, String subject, List<String> roles, Instant issuedAt, Duration ttl,
                               String issuer) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(issuer)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(ttl)))
                .claim("roles", roles)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(), claims);
        try {
            jwt.sign(new RSASSASigner(keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
