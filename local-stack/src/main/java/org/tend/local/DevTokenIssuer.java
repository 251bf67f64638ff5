package org.tend.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DEVELOPMENT-ONLY token issuer for running Tend on one machine: it hands out RS256 JWTs for a fixed list
 * of demo users to anyone who asks, without a password.
 *
 * <p>Why: the services are OAuth2 resource servers that only need a JWK set URI and an issuer; in a
 * deployment those point at the organisation's identity provider. Locally there is none, so this class
 * plays its part: {@code GET /.well-known/jwks.json} (the public key), {@code GET
 * /.well-known/openid-configuration} (issuer, jwks_uri, token_endpoint) and {@code POST /token} with a form
 * ({@code user=alice}) or JSON ({@code {"user":"alice"}}) body, answering {@code {"access_token": ...,
 * "token_type": "Bearer", "expires_in": 3600}}. Tests use {@link #mint} and {@link #mintExpired} directly.
 *
 * <p>Claims: {@code sub} (opaque and stable per user, e.g. {@code demo|alice}), {@code iss}
 * ({@code http://localhost:<port>}), {@code iat}, {@code exp}, {@code jti}, {@code roles} (array of
 * {@code participant}, {@code practitioner}, {@code hr}, {@code admin}). No name or e-mail claim.
 *
 * <p>Why it cannot be switched on in a deployment by accident:
 * <ul>
 *   <li>It exists only in the {@code local-stack} module, which no service depends on, so it is in no
 *       service's jar, and nothing in a service can start it.</li>
 *   <li>It refuses to bind to anything but a loopback address: the constructor throws
 *       {@link IllegalArgumentException} for a wildcard or external address, and {@link #start()} checks the
 *       bound address again. It is therefore unreachable from any other machine.</li>
 *   <li>The RSA 2048 key pair is generated in memory when the issuer is created and never written anywhere,
 *       so a token it issued is worthless once it stops, and the key can never end up in a deployment.</li>
 * </ul>
 */
public final class DevTokenIssuer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DevTokenIssuer.class);

    /** A demo user: login name (for {@code POST /token}), the subject put in {@code sub}, and the roles. */
    public record DemoUser(String name, String subject, List<String> roles) {
        public DemoUser {
            roles = List.copyOf(roles);
        }

        /** e.g. {@code alice (participant)}. */
        @Override
        public String toString() {
            return name + " (" + String.join(", ", roles) + ")";
        }
    }

    /** The fixed demo users. */
    public static final List<DemoUser> DEMO_USERS = List.of(
            new DemoUser("alice", "demo|alice", List.of("participant")),
            new DemoUser("bob", "demo|bob", List.of("participant")),
            new DemoUser("priya", "demo|priya", List.of("practitioner")),
            new DemoUser("hana", "demo|hana", List.of("hr")),
            new DemoUser("adam", "demo|adam", List.of("admin")));

    /** Lifetime of tokens from {@code POST /token} and {@link #mintFor(String)}. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);

    /** Path of the JWK set. */
    public static final String JWKS_PATH = "/.well-known/jwks.json";
    /** The audience of every token it mints, which the services and the gateway of the local stack require. */
    public static final String AUDIENCE = "tend";
    /** Path of the discovery document. */
    public static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
    /** Path of the token endpoint. */
    public static final String TOKEN_PATH = "/token";

    private final InetAddress bindAddress;
    private final int port;
    private final RSAKey key;
    private final RSASSASigner signer;
    private HttpServer server;
    private ExecutorService executor;

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
    }

    /** Binds the HTTP endpoints. No-op if already running. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            HttpServer candidate = HttpServer.create(new InetSocketAddress(bindAddress, port), 16);
            requireLoopback(candidate.getAddress().getAddress());
            candidate.createContext(JWKS_PATH, this::jwks);
            candidate.createContext(DISCOVERY_PATH, this::discovery);
            candidate.createContext(TOKEN_PATH, this::token);
            candidate.createContext("/", exchange -> respond(exchange, 404, Map.of("error", "not_found")));
            executor = Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "tend-dev-token-issuer");
                thread.setDaemon(true);
                return thread;
            });
            candidate.setExecutor(executor);
            candidate.start();
            server = candidate;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the dev token issuer to " + bindAddress.getHostAddress()
                    + ":" + port, e);
        }
        log.info("DEV-ONLY token issuer at {} (loopback only); demo users: {}", issuer(),
                DEMO_USERS.stream().map(DemoUser::toString).collect(Collectors.joining(", ")));
    }

    /** Unbinds. Idempotent. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
            executor = null;
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

    /** The {@code iss} claim and the value for {@code TEND_JWT_ISSUER}: {@code http://localhost:<port>}. */
    public String issuer() {
        return "http://localhost:" + port;
    }

    /** The value for {@code TEND_JWT_JWK_SET_URI} (the bound address, so no name resolution is involved). */
    public String jwkSetUri() {
        return baseUrl() + JWKS_PATH;
    }

    /** The token endpoint. */
    public String tokenUri() {
        return baseUrl() + TOKEN_PATH;
    }

    /** The public half of the signing key as a JWK set. */
    public JWKSet publicJwkSet() {
        return new JWKSet(key.toPublicJWK());
    }

    /** A signed token for {@code subject} with {@code roles}, valid for {@code ttl} from now. */
    public String mint(String subject, List<String> roles, Duration ttl) {
        Instant now = Instant.now();
        return sign(subject, roles, now, now.plus(ttl));
    }

    /** A correctly signed token for {@code subject} that expired an hour ago (for negative tests). */
    public String mintExpired(String subject, List<String> roles) {
        Instant issuedAt = Instant.now().minus(Duration.ofHours(2));
        return sign(subject, roles, issuedAt, issuedAt.plus(DEFAULT_TTL));
    }

    /** A token for the demo user {@code name} (see {@link #DEMO_USERS}), valid for {@link #DEFAULT_TTL}. */
    public String mintFor(String name) {
        DemoUser user = demoUser(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown demo user '" + name + "'; demo users: " + demoUserNames()));
        return mint(user.subject(), user.roles(), DEFAULT_TTL);
    }

    /** The demo user called {@code name}, if any. */
    public static Optional<DemoUser> demoUser(String name) {
        return DEMO_USERS.stream().filter(u -> u.name().equals(name)).findFirst();
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
        return sign(change.apply(claims(subject, roles, now, now.plus(DEFAULT_TTL))).build());
    }

    private JWTClaimsSet.Builder claims(String subject, List<String> roles, Instant issuedAt, Instant expiresAt) {
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(issuer())
                .audience(AUDIENCE)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", new ArrayList<>(roles));
    }

    private String sign(String subject, List<String> roles, Instant issuedAt, Instant expiresAt) {
        return sign(claims(subject, roles, issuedAt, expiresAt).build());
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

    private void jwks(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, Map.of("error", "method_not_allowed"));
            return;
        }
        respond(exchange, 200, publicJwkSet().toJSONObject(true));
    }

    private void discovery(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, Map.of("error", "method_not_allowed"));
            return;
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer());
        document.put("jwks_uri", jwkSetUri());
        document.put("token_endpoint", tokenUri());
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("subject_types_supported", List.of("public"));
        document.put("response_types_supported", List.of("token"));
        document.put("claims_supported", List.of("sub", "iss", "iat", "exp", "jti", "roles"));
        respond(exchange, 200, document);
    }

    private void token(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, Map.of("error", "method_not_allowed", "error_description", "use POST"));
            return;
        }
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readNBytes(8192), StandardCharsets.UTF_8);
        }
        String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type"))
                .orElse("").toLowerCase(Locale.ROOT);
        String user;
        try {
            user = contentType.contains("json") || body.stripLeading().startsWith("{")
                    ? jsonUser(body) : formUser(body);
        } catch (ParseException | RuntimeException e) {
            respond(exchange, 400, Map.of("error", "invalid_request",
                    "error_description", "body must be user=<name> or {\"user\": \"<name>\"}"));
            return;
        }
        Optional<DemoUser> demo = user == null ? Optional.empty() : demoUser(user.trim());
        if (demo.isEmpty()) {
            respond(exchange, 400, Map.of("error", "invalid_request",
                    "error_description", "unknown user; demo users: " + demoUserNames()));
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", mint(demo.get().subject(), demo.get().roles(), DEFAULT_TTL));
        answer.put("token_type", "Bearer");
        answer.put("expires_in", DEFAULT_TTL.toSeconds());
        respond(exchange, 200, answer);
    }

    private static String jsonUser(String body) throws ParseException {
        Object user = JSONObjectUtils.parse(body).get("user");
        return user instanceof String s ? s : null;
    }

    private static String formUser(String body) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && "user".equals(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8))) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String demoUserNames() {
        return DEMO_USERS.stream().map(DemoUser::name).collect(Collectors.joining(", "));
    }

    private static void respond(HttpExchange exchange, int status, Map<String, ?> json) throws IOException {
        byte[] bytes = JSONObjectUtils.toJSONString(castToObjectMap(json)).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castToObjectMap(Map<String, ?> map) {
        return (Map<String, Object>) map;
    }

    private static void requireLoopback(InetAddress address) {
        if (address == null || !address.isLoopbackAddress()) {
            throw new IllegalArgumentException("the DEV-ONLY token issuer binds only to a loopback address, not "
                    + (address == null ? "null" : address.getHostAddress()));
        }
    }
}
