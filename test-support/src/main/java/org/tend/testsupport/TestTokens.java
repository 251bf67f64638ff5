package org.tend.testsupport;

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
 * Real RS256 tokens for tests, signed by a key pair made once per JVM. A service under test trusts exactly this key
 * and {@link #ISSUER} through {@link TestJwtConfiguration}; the gateway fetches the key from a stub issuer serving
 * {@link #jwkSetJson()}. A token signed by any other key ({@link #forged}), expired ({@link #expired}) or of another
 * issuer ({@link #wrongIssuer}) must be refused.
 */
public final class TestTokens {

    public static final String ISSUER = "http://tend-test-issuer";
    /** The audience every service and the gateway under test require. */
    public static final String AUDIENCE = "tend";
    private static final String KEY_ID = "tend-test-key";
    private static final KeyPair KEYS = generate();
    private static final KeyPair OTHER_KEYS = generate();

    private TestTokens() {
    }

    public static RSAPublicKey publicKey() {
        return (RSAPublicKey) KEYS.getPublic();
    }

    /** The public JWK set of the trusted key, as the issuer publishes it. */
    public static String jwkSetJson() {
        return new JWKSet(new RSAKey.Builder(publicKey()).keyID(KEY_ID).build()).toString();
    }

    /** A valid token with the given roles (any role name, known or not). */
    public static String valid(String subject, String... roles) {
        return mint(subject, List.of(roles), Duration.ofMinutes(10));
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

    /** An HR user of an organisation: the {@code org} claim names it by its slug, as the issuer does. */
    public static String hr(String subject, String organisation) {
        return sign(KEYS, claims(subject, List.of("hr"), Instant.now(), Duration.ofMinutes(10), ISSUER)
                .claim("org", organisation).build());
    }

    /** A token with the given roles and organisation ({@code org} claim), e.g. an admin who is also HR of one. */
    public static String ofOrganisation(String subject, String organisation, String... roles) {
        return sign(KEYS, claims(subject, List.of(roles), Instant.now(), Duration.ofMinutes(10), ISSUER)
                .claim("org", organisation).build());
    }

    public static String admin(String subject) {
        return mint(subject, List.of("admin"), Duration.ofMinutes(10));
    }

    public static String mint(String subject, List<String> roles, Duration ttl) {
        return sign(KEYS, subject, roles, Instant.now(), ttl, ISSUER);
    }

    public static String expired(String subject, String... roles) {
        return expired(subject, List.of(roles));
    }

    public static String expired(String subject, List<String> roles) {
        return sign(KEYS, subject, roles, Instant.now().minus(Duration.ofHours(2)), Duration.ofMinutes(5), ISSUER);
    }

    /** Same key id, same claims, signed by a key the issuer never published. */
    public static String forged(String subject, String... roles) {
        return forged(subject, List.of(roles));
    }

    public static String forged(String subject, List<String> roles) {
        return sign(OTHER_KEYS, subject, roles, Instant.now(), Duration.ofMinutes(10), ISSUER);
    }

    public static String wrongIssuer(String subject, String... roles) {
        return wrongIssuer(subject, List.of(roles));
    }

    public static String wrongIssuer(String subject, List<String> roles) {
        return sign(KEYS, subject, roles, Instant.now(), Duration.ofMinutes(10), "http://somebody-else");
    }

    /** The Authorization header value for a token. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** For another application of the same issuer: right key, right issuer, another audience. */
    public static String otherAudience(String subject, String... roles) {
        return sign(KEYS, claims(subject, List.of(roles), Instant.now(), Duration.ofMinutes(10), ISSUER)
                .audience("another-app").build());
    }

    /** A signed token that never expires: no {@code exp}. */
    public static String withoutExpiry(String subject, String... roles) {
        return sign(KEYS, claims(subject, List.of(roles), Instant.now(), Duration.ofMinutes(10), ISSUER)
                .expirationTime(null).build());
    }

    /** Issued an hour from now. */
    public static String issuedInTheFuture(String subject, String... roles) {
        return sign(KEYS, claims(subject, List.of(roles), Instant.now().plus(Duration.ofHours(1)),
                Duration.ofMinutes(10), ISSUER).build());
    }

    /** No {@code sub}. */
    public static String withoutSubject(String... roles) {
        return sign(KEYS, claims("x", List.of(roles), Instant.now(), Duration.ofMinutes(10), ISSUER)
                .subject(null).build());
    }

    /** {@code roles} as a string, not an array. */
    public static String rolesAsText(String subject, String role) {
        return sign(KEYS, claims(subject, List.of(), Instant.now(), Duration.ofMinutes(10), ISSUER)
                .claim("roles", role).build());
    }

    private static String sign(KeyPair keys, String subject, List<String> roles, Instant issuedAt, Duration ttl,
                               String issuer) {
        return sign(keys, claims(subject, roles, issuedAt, ttl, issuer).build());
    }

    private static JWTClaimsSet.Builder claims(String subject, List<String> roles, Instant issuedAt, Duration ttl,
                                               String issuer) {
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(issuer)
                .audience(AUDIENCE)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(ttl)))
                .claim("roles", roles);
    }

    private static String sign(KeyPair keys, JWTClaimsSet claims) {
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
