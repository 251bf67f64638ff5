package org.tend.gateway.export;

import io.netty.channel.ChannelOption;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import org.tend.gateway.web.Problems;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A participant's whole record as one FHIR R4 {@code Bundle} (GDPR Art. 15 and 20): the gateway asks each service
 * that holds part of it for that part, over the same public API a client would use and with the caller's own token
 * (so each service decides again who may read what, and audits a practitioner's read), and puts the parts' entries
 * together. Either every part is in the bundle or the caller gets a problem: a record is never handed out incomplete.
 *
 * <ul>
 *   <li>{@code GET /api/me/export}: the caller's own record (a participant).</li>
 *   <li>{@code GET /api/participants/{participantId}/export}: a participant's record, for a practitioner who serves
 *       their programme.</li>
 * </ul>
 */
@RestController
class RecordExport {

    /** One service's part: the route it is reached by, and its paths for the caller's own part and a participant's. */
    record Part(String routeId, String ownPath, String participantPath) {
    }

    static final List<Part> PARTS = List.of(
            new Part("assessment", "/api/assessments/me/record", "/api/assessments/record"),
            new Part("goal", "/api/goals/me/record", "/api/goals/record"),
            new Part("catalogue", "/api/recommendations/me/record", "/api/recommendations/record"));
    static final String FHIR_JSON = "application/fhir+json";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Logger log = LoggerFactory.getLogger(RecordExport.class);

    /** A part that could not be read: the service's own problem (4xx) or its absence (5xx, no answer). */
    static final class PartFailed extends RuntimeException {
        final int status;
        final byte[] problem;

        PartFailed(int status, byte[] problem, String message) {
            super(message);
            this.status = status;
            this.problem = problem;
        }
    }

    static final String PARTICIPANT_ID = "^p_[a-z2-7]{26}$";

    private final RouteDefinitionLocator routes;
    private final org.tend.gateway.ratelimit.RateLimitFilter rateLimits;
    private final ReactiveOAuth2AuthorizedClientManager sessions;
    private final JsonMapper json;
    private final Problems problems;
    private final WebClient client;
    private final org.tend.gateway.config.Upstreams upstreams;

    RecordExport(RouteDefinitionLocator routes, org.tend.gateway.ratelimit.RateLimitFilter rateLimits,
                 ReactiveOAuth2AuthorizedClientManager sessions, JsonMapper json,
                 Problems problems, org.springframework.beans.factory.ObjectProvider<WebClient.Builder> clients,
                 org.tend.gateway.config.Upstreams upstreams) {
        this.routes = routes;
        this.upstreams = upstreams;
        this.rateLimits = rateLimits;
        this.sessions = sessions;
        this.json = json;
        this.problems = problems;
        HttpClient http = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                .responseTimeout(TIMEOUT);
        this.client = clients.getIfAvailable(WebClient::builder).clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build();
    }

    /** Each export costs a read of every part: it takes a token of the caller's {@code export} bucket. */
    @GetMapping("/api/me/export")
    Mono<Void> mine(ServerWebExchange exchange) {
        return rateLimits.limited(exchange, "export", () -> export(exchange, part -> part.ownPath(), null));
    }

    @GetMapping("/api/participants/{participantId}/export")
    Mono<Void> ofParticipant(@PathVariable String participantId, ServerWebExchange exchange) {
        if (!participantId.matches(PARTICIPANT_ID)) {
            String message = "participantId must be a pseudonymous id (p_ and 26 base32 characters)";
            return problems.write(exchange, HttpStatus.BAD_REQUEST, "validation-failed", message,
                    Map.of("errors", List.of(Map.of("field", "participantId", "rule", "pattern", "message",
                            message))));
        }
        return rateLimits.limited(exchange, "export",
                () -> export(exchange, part -> part.participantPath(), participantId));
    }

    private Mono<Void> export(ServerWebExchange exchange, java.util.function.Function<Part, String> path,
                              String participantId) {
        return token(exchange)
                .flatMap(token -> routes.getRouteDefinitions().collectMap(RouteDefinition::getId)
                        .flatMap(byId -> Flux.fromIterable(PARTS)
                                .flatMapSequential(part -> fetch(byId.get(part.routeId()), part, path.apply(part),
                                        participantId, token))
                                .collectList()))
                .flatMap(parts -> write(exchange, HttpStatus.OK, FHIR_JSON, combine(parts)))
                .switchIfEmpty(Mono.defer(() -> problems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized",
                        "Sign in to export a record")))
                .onErrorResume(PartFailed.class, failed -> failed.status < 500 && failed.problem.length > 0
                        ? write(exchange, HttpStatus.valueOf(failed.status), MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                failed.problem)
                        : unavailable(exchange, failed));
    }

    private Mono<Void> unavailable(ServerWebExchange exchange, PartFailed failed) {
        log.warn("a record export could not be completed: {}", failed.getMessage());
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "export-incomplete",
                "A part of the record could not be read just now, so none of it is given; try again shortly");
    }

    /** The caller's access token: their bearer token, or the one the gateway keeps in their session. */
    private Mono<String> token(ServerWebExchange exchange) {
        return ReactiveSecurityContextHolder.getContext().map(SecurityContext::getAuthentication)
                .flatMap((Authentication auth) -> {
                    if (auth instanceof JwtAuthenticationToken jwt) {
                        return Mono.just(jwt.getToken().getTokenValue());
                    }
                    if (auth instanceof OAuth2AuthenticationToken session) {
                        return sessions.authorize(OAuth2AuthorizeRequest
                                        .withClientRegistrationId(session.getAuthorizedClientRegistrationId())
                                        .principal(session).attribute(ServerWebExchange.class.getName(), exchange)
                                        .build())
                                .map(client -> client.getAccessToken().getTokenValue())
                                // A session whose token can no longer be refreshed is a caller to sign in again.
                                .onErrorResume(org.springframework.security.oauth2.core
                                        .OAuth2AuthorizationException.class, e -> Mono.empty());
                    }
                    return Mono.empty();
                });
    }

    private Mono<JsonNode> fetch(RouteDefinition route, Part part, String path, String participantId,
                                 String token) {
        if (route == null || route.getUri() == null) {
            return Mono.error(new PartFailed(503, new byte[0], "no route " + part.routeId()));
        }
        URI base = upstreams.next(route.getUri());
        if (base == null) {
            return Mono.error(new PartFailed(503, new byte[0], "no address for route " + part.routeId()));
        }
        UriComponentsBuilder uri = UriComponentsBuilder.fromUri(base).path(path);
        if (participantId != null) {
            uri.queryParam("participantId", participantId);
        }
        URI target = uri.encode().build().toUri();
        return client.get().uri(target).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .accept(MediaType.parseMediaType(FHIR_JSON), MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                        .flatMap(body -> response.statusCode().is2xxSuccessful()
                                ? bundle(part, body)
                                : Mono.error(new PartFailed(response.statusCode().value(), body,
                                        part.routeId() + " answered " + response.statusCode().value()))))
                .onErrorMap(e -> !(e instanceof PartFailed),
                        e -> new PartFailed(503, new byte[0], part.routeId() + ": " + e));
    }

    /** A part must be a bundle: anything else is a part that could not be read, not an empty one. */
    private Mono<JsonNode> bundle(Part part, byte[] body) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (RuntimeException e) {
            node = null;
        }
        if (node == null || !"Bundle".equals(node.path("resourceType").asString(""))
                || !(node.path("entry").isMissingNode() || node.path("entry").isArray())) {
            return Mono.error(new PartFailed(502, new byte[0], part.routeId() + " answered something not a Bundle"));
        }
        return Mono.just(node);
    }

    /** One collection bundle holding every part's entries, in the order of {@link #PARTS}. */
    byte[] combine(List<JsonNode> parts) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ObjectNode bundle = json.createObjectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("id", UUID.randomUUID().toString());
        bundle.putObject("meta").put("lastUpdated", now.toString());
        bundle.putObject("identifier").put("system", "urn:tend:export").put("value", UUID.randomUUID().toString());
        bundle.put("type", "collection");
        bundle.put("timestamp", now.toString());
        ArrayNode entries = bundle.putArray("entry");
        for (JsonNode part : parts) {
            part.path("entry").forEach(entries::add);
        }
        return json.writeValueAsString(bundle).getBytes(StandardCharsets.UTF_8);
    }

    private static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String contentType, byte[] body) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.parseMediaType(contentType));
        response.getHeaders().setContentLength(body.length);
        if (status == HttpStatus.OK) {
            response.getHeaders().set(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"tend-record.json\"");
            response.getHeaders().setCacheControl("no-store");
        }
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }
}
