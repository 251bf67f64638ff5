package org.tend.gateway.apidocs;

import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.tend.gateway.config.GatewayProperties;
import org.tend.gateway.config.Upstreams;
import org.tend.gateway.security.GatewaySecurityConfiguration;
import org.tend.security.Role;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API as a client sees it through the gateway: the services' own OpenAPI documents ({@code /v3/api-docs} of each
 * route's upstream, which each service builds from its controllers) combined into one, served at
 * {@link #PATH} with a browsable page ({@link #UI_PATH}, Swagger UI from its webjar).
 *
 * <p>Only what the gateway routes is kept: a service's path that no predicate of its route matches (its dead letters
 * API, say) is left out. Where the gateway is stricter than the service, the document says so: a token with the
 * {@code hr} role is let through only to the aggregate paths, so {@code hr} is removed from the roles
 * ({@code x-required-roles}) of every other operation, and the aggregates take {@code hr} or {@code admin} only.
 * Every operation also gets the gateway's own problems (429 rate limit, 502 and 504 from the upstream). Schemas of
 * the same name and different content in two services are kept apart by prefixing the later one with its route id.
 *
 * <p>The document is public (it describes the API, holds no data). It is built at most once per
 * {@code tend.gateway.api-docs.cache-for} (a short time while a service's document cannot be read, which is logged
 * and named in {@code x-tend-services}), so no number of readers multiplies the requests to the services.
 */
@Component
public class CombinedApiDocs {

    /** Where the combined document is served. */
    public static final String PATH = "/api-docs";
    /** Where the browsable page is served (springdoc.swagger-ui.path). */
    public static final String UI_PATH = "/api-docs/ui";
    /** Where springdoc serves Swagger UI's files (the page's own directory: beside {@link #UI_PATH}). */
    public static final String UI_FILES = "/api-docs/swagger-ui/**";
    /** Where Swagger UI reads its settings: under springdoc.api-docs.path, which is the gateway's own document. */
    public static final String SWAGGER_CONFIG = "/api-docs/springdoc/swagger-config";
    /** Where each service serves its own document. */
    static final String SERVICE_DOCUMENT = "/v3/api-docs";
    static final String REQUIRED_ROLES = "x-required-roles";
    static final String SCHEMAS_REF = "#/components/schemas/";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Pattern ROLES_SENTENCE = Pattern.compile("Roles: [a-z]+( or [a-z]+)*\\.");
    private static final Duration RETRY_INCOMPLETE = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(CombinedApiDocs.class);

    /** One service's document as read through its route, or nothing when it could not be read. */
    record ServiceDocument(RouteDefinition route, JsonNode document) {
    }

    /** The combined document, and whether every service's document is in it. */
    record Combined(byte[] json, boolean complete) {
    }

    private final RouteDefinitionLocator routes;
    private final Upstreams upstreams;
    private final JsonMapper json;
    private final WebClient client;
    private final List<PathPattern> hrAllowedPaths;
    private final PathPattern aggregatePaths;
    private final Mono<Combined> cached;

    public CombinedApiDocs(RouteDefinitionLocator routes, JsonMapper json, GatewayProperties properties,
                           ApiDocsProperties settings, Upstreams upstreams) {
        this.routes = routes;
        this.upstreams = upstreams;
        this.json = json;
        HttpClient httpClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.timeout().toMillis())
                .responseTimeout(settings.timeout());
        this.client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build();
        this.hrAllowedPaths = properties.hrAllowedPaths().stream().map(PathPatternParser.defaultInstance::parse)
                .toList();
        this.aggregatePaths = PathPatternParser.defaultInstance.parse(GatewaySecurityConfiguration.AGGREGATE_PATHS);
        this.cached = Mono.defer(this::combine).cache(combined -> combined.complete() ? settings.cacheFor()
                : RETRY_INCOMPLETE, error -> Duration.ZERO, () -> Duration.ZERO);
    }

    /** The combined document as JSON. */
    public Mono<Combined> document() {
        return cached;
    }

    private Mono<Combined> combine() {
        return routes.getRouteDefinitions()
                .filter(route -> route.getUri() != null && route.getUri().getScheme() != null
                        && (route.getUri().getScheme().startsWith("http")
                        || Upstreams.LOAD_BALANCED.equals(route.getUri().getScheme())))
                .flatMapSequential(this::fetch)
                .collectList()
                .map(documents -> {
                    boolean complete = documents.stream().allMatch(d -> d.document() != null);
                    return new Combined(json.writeValueAsBytes(merge(documents)), complete);
                });
    }

    private Mono<ServiceDocument> fetch(RouteDefinition route) {
        URI base = upstreams.next(route.getUri());
        if (base == null) {
            return Mono.just(new ServiceDocument(route, null));
        }
        URI uri = base.resolve(SERVICE_DOCUMENT);
        return client.get().uri(uri).accept(MediaType.APPLICATION_JSON).retrieve().bodyToMono(String.class)
                .map(body -> new ServiceDocument(route, json.readTree(body)))
                .onErrorResume(e -> {
                    log.warn("the API document of route {} ({}) could not be read: {}", route.getId(), uri,
                            e.toString());
                    return Mono.just(new ServiceDocument(route, null));
                });
    }

    ObjectNode merge(List<ServiceDocument> documents) {
        ObjectNode combined = json.createObjectNode();
        combined.put("openapi", "3.0.1");
        ObjectNode info = combined.putObject("info");
        info.put("title", "Tend API");
        info.put("version", "v1");
        combined.putArray("servers").addObject().put("url", "/").put("description", "this gateway");
        ArrayNode tags = json.createArrayNode();
        Set<String> tagNames = new java.util.HashSet<>();
        ObjectNode paths = combined.putObject("paths");
        ObjectNode components = combined.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode securitySchemes = components.putObject("securitySchemes");
        ArrayNode services = json.createArrayNode();
        String description = null;
        for (ServiceDocument service : documents) {
            String id = service.route().getId();
            services.addObject().put("route", id).put("document", service.document() == null ? "unavailable"
                    : "included");
            if (service.document() == null || !service.document().isObject()) {
                continue;
            }
            ObjectNode document = (ObjectNode) service.document().deepCopy();
            if (description == null && document.path("info").path("description").isString()) {
                description = document.path("info").path("description").asString();
            }
            Map<String, String> renames = new HashMap<>();
            JsonNode ownSchemas = document.path("components").path("schemas");
            for (Map.Entry<String, JsonNode> schema : ownSchemas.properties()) {
                if (schemas.has(schema.getKey()) && !schemas.get(schema.getKey()).equals(schema.getValue())) {
                    renames.put(schema.getKey(), id + "." + schema.getKey());
                }
            }
            if (!renames.isEmpty()) {
                renameReferences(document, renames);
            }
            for (Map.Entry<String, JsonNode> schema : document.path("components").path("schemas").properties()) {
                String name = renames.getOrDefault(schema.getKey(), schema.getKey());
                if (!schemas.has(name)) {
                    schemas.set(name, schema.getValue());
                }
            }
            for (Map.Entry<String, JsonNode> scheme : document.path("components").path("securitySchemes")
                    .properties()) {
                if (!securitySchemes.has(scheme.getKey())) {
                    securitySchemes.set(scheme.getKey(), scheme.getValue());
                }
            }
            List<PathPattern> routed = pathPatterns(service.route());
            for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
                PathContainer container = PathContainer.parsePath(path.getKey());
                if (paths.has(path.getKey()) || routed.stream().noneMatch(p -> p.matches(container))
                        || !path.getValue().isObject()) {
                    continue;
                }
                ObjectNode item = (ObjectNode) path.getValue();
                for (Map.Entry<String, JsonNode> operation : item.properties()) {
                    if (METHODS.contains(operation.getKey()) && operation.getValue().isObject()) {
                        throughTheGateway(container, (ObjectNode) operation.getValue());
                    }
                }
                paths.set(path.getKey(), item);
            }
            for (JsonNode tag : document.path("tags")) {
                if (tag.path("name").isString() && tagNames.add(tag.path("name").asString())) {
                    tags.add(tag);
                }
            }
        }
        gatewayOwnOperations(paths);
        info.put("description", (description == null ? "" : description + "\n\n")
                + "Combined by the gateway from the services' documents (`x-tend-services`): only what the gateway "
                + "routes, with the roles it lets through. Also as each service's `/v3/api-docs`, inside the network.");
        if (!tags.isEmpty()) {
            combined.set("tags", tags);
        }
        combined.set("x-tend-services", services);
        return combined;
    }

    /** What the gateway answers itself: a participant's whole record, put together from the services' parts. */
    private void gatewayOwnOperations(ObjectNode paths) {
        exportOperation(paths.putObject("/api/me/export").putObject("get"), "exportOwnRecord", "participant",
                "Your whole record as one FHIR R4 Bundle (type collection): every assessment as a "
                        + "QuestionnaireResponse and its score as an Observation, your goals, ratings and plan, and "
                        + "your recommendations. Put together by the gateway from each service's part.");
        ObjectNode ofParticipant = paths.putObject("/api/participants/{participantId}/export").putObject("get");
        exportOperation(ofParticipant, "exportParticipantRecord", "practitioner",
                "A participant's whole record as one FHIR R4 Bundle, for a practitioner who serves their programme.");
        ObjectNode parameter = ofParticipant.putArray("parameters").addObject();
        parameter.put("name", "participantId").put("in", "path").put("required", true);
        parameter.putObject("schema").put("type", "string").put("pattern", "^p_[a-z2-7]{26}$");
    }

    private void exportOperation(ObjectNode operation, String id, String role, String description) {
        operation.put("operationId", id);
        operation.putArray("tags").add("Records");
        operation.put("summary", "Export a record as FHIR R4");
        operation.put("description", description + " Either every part is in it or the answer is a problem. Roles: "
                + role + ".");
        operation.putArray(REQUIRED_ROLES).add(role);
        ObjectNode responses = operation.putObject("responses");
        ObjectNode ok = responses.putObject("200");
        ok.put("description", "The record: a FHIR R4 Bundle of type collection.");
        ok.putObject("content").putObject("application/fhir+json").putObject("schema").put("type", "object");
        gatewayProblem(responses, "400", "`validation-failed`: the participant id is malformed.");
        gatewayProblem(responses, "401", "`unauthorized`: no valid token or session.");
        gatewayProblem(responses, "403", "`forbidden`: not your record, or not a participant you serve.");
        gatewayProblem(responses, "503", "`export-incomplete`: a service's part could not be read just now; retry "
                + "after `Retry-After` seconds. A record is never given with a part missing.");
        gatewayProblem(responses, "429", "`too-many-requests` (the gateway's rate limit): retry after `Retry-After` "
                + "seconds.");
    }

    /** The roles the gateway lets through to the operation, and the problems the gateway itself may answer with. */
    private void throughTheGateway(PathContainer path, ObjectNode operation) {
        JsonNode declared = operation.path(REQUIRED_ROLES);
        if (declared.isArray()) {
            Set<String> roles = new LinkedHashSet<>();
            declared.forEach(role -> roles.add(role.asString()));
            if (aggregatePaths.matches(path)) {
                roles.retainAll(Set.of(Role.HR.claimValue(), Role.ADMIN.claimValue()));
            } else if (hrAllowedPaths.stream().noneMatch(p -> p.matches(path))) {
                roles.remove(Role.HR.claimValue());
            }
            ArrayNode array = operation.putArray(REQUIRED_ROLES);
            roles.forEach(array::add);
            if (operation.path("description").isString()) {
                operation.put("description", ROLES_SENTENCE.matcher(operation.path("description").asString())
                        .replaceAll("Roles: " + String.join(" or ", roles) + "."));
            }
        }
        ObjectNode responses = operation.has("responses") && operation.get("responses").isObject()
                ? (ObjectNode) operation.get("responses") : operation.putObject("responses");
        gatewayProblem(responses, "429", "`too-many-requests` (the gateway's rate limit): retry after `Retry-After` "
                + "seconds.");
        gatewayProblem(responses, "502", "`upstream-failed`: the service failed to answer.");
        gatewayProblem(responses, "504", "`upstream-timeout`: the service did not answer in time.");
    }

    private void gatewayProblem(ObjectNode responses, String status, String description) {
        if (responses.has(status)) {
            return;
        }
        ObjectNode response = responses.putObject(status);
        response.put("description", description);
        response.putObject("content").putObject(MediaType.APPLICATION_PROBLEM_JSON_VALUE).putObject("schema")
                .put("$ref", SCHEMAS_REF + "Problem");
    }

    /** The path patterns of the route's {@code Path} predicates. */
    static List<PathPattern> pathPatterns(RouteDefinition route) {
        List<PathPattern> patterns = new ArrayList<>();
        for (PredicateDefinition predicate : route.getPredicates()) {
            if ("Path".equalsIgnoreCase(predicate.getName())) {
                predicate.getArgs().values().forEach(value -> patterns.add(
                        PathPatternParser.defaultInstance.parse(value.strip())));
            }
        }
        return patterns;
    }

    private static void renameReferences(JsonNode node, Map<String, String> renames) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isString() && ref.asString().startsWith(SCHEMAS_REF)) {
                String name = ref.asString().substring(SCHEMAS_REF.length());
                if (renames.containsKey(name)) {
                    object.put("$ref", SCHEMAS_REF + renames.get(name));
                }
            }
            object.values().forEach(child -> renameReferences(child, renames));
        } else if (node.isArray()) {
            node.values().forEach(child -> renameReferences(child, renames));
        }
    }
}
