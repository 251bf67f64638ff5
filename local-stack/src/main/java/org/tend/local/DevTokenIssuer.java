package org.tend.local;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The DEVELOPMENT-ONLY identity provider for running Tend on one machine: Spring Authorization Server with a login
 * page for a fixed list of demo users, plus a password-less shortcut that hands any script a demo user's token.
 *
 * <p>Why: the services are OAuth2 resource servers that only need a JWK set URI and an issuer, and the gateway is an
 * OAuth2 client (the backend-for-frontend of the HR dashboard); in a deployment both point at the organisation's
 * identity provider. Locally there is none, so this class plays its part with a maintained OAuth2 server rather than
 * a hand-written one ({@link DevAuthorizationServer}):
 * <ul>
 *   <li>{@code GET /oauth2/authorize}, {@code POST /oauth2/token}: the authorization-code flow with PKCE for one
 *       confidential client, the gateway ({@link #GATEWAY_CLIENT_ID}, secret {@link #gatewayClientSecret()}, made at
 *       random for each issuer), redirected to any loopback address's {@code /login/oauth2/code/tend};</li>
 *   <li>{@code GET /login}: the login page (every demo user's password is {@link #DEMO_PASSWORD});</li>
 *   <li>{@code GET /.well-known/jwks.json} (the public key), {@code GET /.well-known/openid-configuration} and
 *       {@code /.well-known/oauth-authorization-server} (discovery);</li>
 *   <li>{@code POST /token} with a form ({@code user=alice}) or JSON ({@code {"user":"alice"}}) body, answering
 *       {@code {"access_token": ..., "token_type": "Bearer", "expires_in": 3600}}: for scripts, the benchmark and
 *       the README; also for the seeded demo participants {@code demo-0001}, {@code demo-0002} ...
 *       ({@link #DEMO_PARTICIPANT}).</li>
 * </ul>
 * Tests use {@link #mint}, {@link #mintExpired} and {@link #mintChanged} directly, for any subject.
 *
 * <p>Claims of every access token, whichever way it was obtained: {@code sub} (opaque and stable per user, e.g.
 * {@code demo|alice}), {@code iss} ({@code http://localhost:<port>}), {@code aud} ({@value #AUDIENCE}), {@code iat},
 * {@code exp}, {@code jti}, {@code roles} (array of {@code participant}, {@code practitioner}, {@code hr},
 * {@code admin}) and, for HR users, {@code org} (their organisation). No name or e-mail claim.
 *
 * <p>Why it cannot be switched on in a deployment by accident:
 * <ul>
 *   <li>It exists only in the {@code local-stack} module, which no service depends on, so it is in no
 *       service's jar, and nothing in a service can start it.</li>
 *   <li>It refuses to bind to anything but a loopback address: the constructor throws
 *       {@link IllegalArgumentException} for a wildcard or external address, and {@link #start()} checks the
 *       bound address again. It is therefore unreachable from any other machine.</li>
 *   <li>The RSA 2048 key pair and the gateway's client secret are generated in memory when the issuer is created and
 *       never written anywhere, so a token it issued is worthless once it stops, and the key can never end up in a
 *       deployment.</li>
 * </ul>
 */
public final class DevTokenIssuer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DevTokenIssuer.class);

    /**
     * A demo user: login name (for the login page and {@code POST /token}), the subject put in {@code sub}, the
     * roles, and the organisation ({@code org} claim; HR users only, else null).
     */
    public record DemoUser(String name, String subject, List<String> roles, String org) {
        public DemoUser {
            roles = List.copyOf(roles);
        }

        public DemoUser(String name, String subject, List<String> roles) {
            this(name, subject, roles, null);
        }

        /** e.g. {@code alice (participant)}, {@code hana (hr, org acme)}. */
        @Override
        public String toString() {
            return name + " (" + String.join(", ", roles) + (org == null ? "" : ", org " + org) + ")";
        }
    }

    /** The fixed demo users: two HR users of different organisations, so that tests can show one cannot see the other's. */
    public static final List<DemoUser> DEMO_USERS = List.of(
            new DemoUser("alice", "demo|alice", List.of("participant")),
            new DemoUser("bob", "demo|bob", List.of("participant")),
            new DemoUser("priya", "demo|priya", List.of("practitioner")),
            new DemoUser("hana", "demo|hana", List.of("hr"), "acme"),
            new DemoUser("henrik", "demo|henrik", List.of("hr"), "globex"),
            new DemoUser("adam", "demo|adam", List.of("admin")));

    /**
     * Further names {@code POST /token} accepts: the participants a demo seeding creates ({@code demo-0001} ...), each a
     * participant with subject {@code demo|<name>}. They have no password: they exist for scripts, not the login page.
     */
    public static final Pattern DEMO_PARTICIPANT = Pattern.compile("demo-[0-9]{4,6}");

    /** The password of every demo user on the login page (it is printed on that page). */
    public static final String DEMO_PASSWORD = "demo";

    /** Lifetime of tokens from {@code POST /token}, the authorization-code flow and {@link #mintFor(String)}. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);

    /** Path of the JWK set. */
    public static final String JWKS_PATH = "/.well-known/jwks.json";
    /** The audience of every token it mints, which the services and the gateway of the local stack require. */
    public static final String AUDIENCE = "tend";
    /** Path of the discovery document. */
    public static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
    /** Path of the password-less token shortcut. */
    public static final String TOKEN_PATH = "/token";
    /** Path of the authorization endpoint (the browser is sent here). */
    public static final String AUTHORIZATION_PATH = "/oauth2/authorize";
    /** Path of the OAuth2 token endpoint (the gateway redeems codes here). */
    public static final String OAUTH2_TOKEN_PATH = "/oauth2/token";
    /** Path of the login page's sign-out (a GET shows a confirmation, the POST ends the issuer's session). */
    public static final String LOGOUT_PATH = "/logout";
    /** The gateway's client id. */
    public static final String GATEWAY_CLIENT_ID = "tend-gateway";
    /** The scope the gateway asks for. */
    public static final String GATEWAY_SCOPE = "tend";

    private final InetAddress bindAddress;
    private final int port;
    private final RSAKey key;
    private final RSASSASigner signer;
    private final String gatewayClientSecret;
    private ConfigurableApplicationContext server;

    /** An issuer on 127.0.0.1:{@code port} (0: a free port, chosen now). */
    public DevTokenIssuer(int port) {
        this(InetAddress.getLoopbackAddress(), port);
    }

    /**
     * An issuer on {@code bindAddress}:{@code port}.
     *
     * @throws IllegalArgumentException if {@code bindAddress} is not a loopback address (this includes the
     *                                  wildcard {@code 0.0.0.0} / {@code ::})
     */
    public DevTokenIssuer(InetAddress bindAddress, int port) {
        requireLoopback(bindAddress);
        this.bindAddress = bindAddress;
        this.port = FreePorts.orFree(port);
        try {
            this.key = new RSAKeyGenerator(2048)
                    .keyID("tend-dev-" + UUID.randomUUID())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            this.signer = new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the RSA key pair", e);
        }
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        this.gatewayClientSecret = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** Starts the authorization server. No-op if already running. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        server = DevAuthorizationServer.start(this);
        log.info("DEV-ONLY identity provider at {} (loopback only); demo users: {}", issuer(),
                DEMO_USERS.stream().map(DemoUser::toString).collect(Collectors.joining(", ")));
    }

    /** Stops it. Idempotent. */
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Whether the endpoints are bound. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The port. */
    public int port() {
        return port;
    }

    /** The address it binds to (always a loopback address). */
    public InetAddress bindAddress() {
        return bindAddress;
    }

    /**
     * The {@code iss} claim, the value for {@code TEND_JWT_ISSUER}, and the base of the addresses a browser is sent
     * to: {@code http://localhost:<port>}.
     */
    public String issuer() {
        return "http://localhost:" + port;
    }

    /** The value for {@code TEND_JWT_JWK_SET_URI} (the bound address, so no name resolution is involved). */
    public String jwkSetUri() {
        return baseUrl() + JWKS_PATH;
    }

    /** The password-less token shortcut ({@code POST /token}). */
    public String tokenUri() {
        return baseUrl() + TOKEN_PATH;
    }

    /** Where a browser is sent to sign in ({@code TEND_OAUTH2_AUTHORIZATION_URI}). */
    public String authorizationUri() {
        return issuer() + AUTHORIZATION_PATH;
    }

    /** Where the gateway redeems an authorization code ({@code TEND_OAUTH2_TOKEN_URI}). */
    public String oauth2TokenUri() {
        return baseUrl() + OAUTH2_TOKEN_PATH;
    }

    /** Where the gateway sends a browser after signing out, to end the issuer's session too ({@code TEND_OAUTH2_LOGOUT_URI}). */
    public String logoutUri() {
        return issuer() + LOGOUT_PATH;
    }

    /** The gateway's client secret ({@code TEND_OAUTH2_CLIENT_SECRET}), made at random for this issuer. */
    public String gatewayClientSecret() {
        return gatewayClientSecret;
    }

    /** The public half of the signing key as a JWK set. */
    public JWKSet publicJwkSet() {
        return new JWKSet(key.toPublicJWK());
    }

    /** The signing key, public and private (for the authorization server's token encoder). */
    RSAKey signingKey() {
        return key;
    }

    /** A signed token for {@code subject} with {@code roles}, valid for {@code ttl} from now. */
    public String mint(String subject, List<String> roles, Duration ttl) {
        return mint(subject, roles, null, ttl);
    }

    /** A signed token for {@code subject} with {@code roles} and the {@code org} claim (none if null). */
    public String mint(String subject, List<String> roles, String org, Duration ttl) {
        Instant now = Instant.now();
        return sign(claims(subject, roles, org, now, now.plus(ttl)).build());
    }

    /** A correctly signed token for {@code subject} that expired an hour ago (for negative tests). */
    public String mintExpired(String subject, List<String> roles) {
        Instant issuedAt = Instant.now().minus(Duration.ofHours(2));
        return sign(claims(subject, roles, null, issuedAt, issuedAt.plus(DEFAULT_TTL)).build());
    }

    /** A token for the demo user {@code name} (see {@link #DEMO_USERS}), valid for {@link #DEFAULT_TTL}. */
    public String mintFor(String name) {
        DemoUser user = tokenUser(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown demo user '" + name + "'; demo users: " + demoUserNames()));
        return mint(user.subject(), user.roles(), user.org(), DEFAULT_TTL);
    }

    /** The demo user called {@code name}, if any. */
    public static Optional<DemoUser> demoUser(String name) {
        return DEMO_USERS.stream().filter(u -> u.name().equals(name)).findFirst();
    }

    /** A demo user, or a seeded demo participant ({@link #DEMO_PARTICIPANT}): whom {@code POST /token} serves. */
    public static Optional<DemoUser> tokenUser(String name) {
        if (name != null && DEMO_PARTICIPANT.matcher(name).matches()) {
            return Optional.of(new DemoUser(name, "demo|" + name, List.of("participant")));
        }
        return demoUser(name);
    }

    /** A shell command that fetches a token for {@code user}. */
    public String curlExample(String user) {
        return "curl -s -X POST " + tokenUri() + " -d user=" + user;
    }

    private String baseUrl() {
        String host = bindAddress.getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * A correctly signed token whose claims were changed from those {@link #mint} would give (for negative tests: no
     * {@code exp}, another audience, roles as text...).
     */
    public String mintChanged(String subject, List<String> roles, UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        return sign(change.apply(claims(subject, roles, null, now, now.plus(DEFAULT_TTL))).build());
    }

    /**
     * The claims every access token carries (the authorization server's tokens get the same through
     * {@link DevAuthorizationServer}'s customizer: {@link #claimsFor}).
     */
    private JWTClaimsSet.Builder claims(String subject, List<String> roles, String org, Instant issuedAt,
                                        Instant expiresAt) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(issuer())
                .audience(AUDIENCE)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString());
        claimsFor(roles, org).forEach(builder::claim);
        return builder;
    }

    /** The Tend claims beyond the registered ones: {@code roles} and, when there is one, {@code org}. */
    static Map<String, Object> claimsFor(List<String> roles, String org) {
        return org == null ? Map.of("roles", new ArrayList<>(roles)) : Map.of("roles", new ArrayList<>(roles), "org", org);
    }

    private String sign(JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    static String demoUserNames() {
        return DEMO_USERS.stream().map(DemoUser::name).collect(Collectors.joining(", "));
    }

    static void requireLoopback(InetAddress address) {
        if (address == null || !address.isLoopbackAddress()) {
            throw new IllegalArgumentException("the DEV-ONLY token issuer binds only to a loopback address, not "
                    + (address == null ? "null" : address.getHostAddress()));
        }
    }
}
