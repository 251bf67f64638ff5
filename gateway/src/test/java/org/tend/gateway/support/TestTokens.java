package org.tend.gateway.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
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
 * Real RS256 tokens signed by a key pair made once per JVM. The gateway under test trusts exactly this key (its
 * JWK set, {@link #jwkSetJson()}, is served by a stub issuer) and {@link #ISSUER}; anything else must be refused.
 */
public final class TestTokens {

    public static final String ISSUER = "http://tend-test-issuer";
    private static final String KEY_ID = "tend-test-key";
    private static final KeyPair KEYS = generate();
    private static final KeyPair OTHER_KEYS = generate();

    private TestTokens() {
    }

    /** The public JWK set of the trusted key, as the issuer publishes it. */
    public static String jwkSetJson() {
        return new JWKSet(new RSAKey.Builder((RSAPublicKey) KEYS.getPublic()).keyID(KEY_ID).build()).toString();
    }

    public static String valid(String subject, String... roles) {
        return sign(KEYS, subject, List.of(roles), Instant.now(), Duration.ofMinutes(10), ISSUER);
    }

    public static String expired(String subject, String... roles) {
        return sign(KEYS, subject, List.of(roles), Instant.now().minus(Duration.ofHours(2)), Duration.ofMinutes(5),
                ISSUER);
    }

    /** Same key id, same claims, signed by a key the issuer never published. */
    public static String forged(String subject, String... roles) {
        return sign(OTHER_KEYS, subject, List.of(roles), Instant.now(), Duration.ofMinutes(10), ISSUER);
    }

    public static String wrongIssuer(String subject, String... roles) {
        return sign(KEYS, subject, List.of(roles), Instant.now(), Duration.ofMinutes(10), "http://somebody-else");
    }

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
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID).build(), claims);
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
