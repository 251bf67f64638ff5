package org.tend.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tend.gateway.support.UpstreamStub;
import org.tend.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The combined API document and its page, with each service replaced by a stub that serves a small document of its
 * own at /v3/api-docs (progress's is unreachable).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class GatewayApiDocsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PROBLEM = "{\"type\":\"object\",\"properties\":{\"type\":{\"type\":\"string\"}}}";
    static final UpstreamStub ISSUER = UpstreamStub.start("issuer")
            .serve("/.well-known/jwks.json", TestTokens.jwkSetJson());
    static final UpstreamStub ASSESSMENT = UpstreamStub.start("assessment").serve("/v3/api-docs", document(
            Map.of("/api/programmes", operation("get", "[\"admin\"]", "View"),
                    "/api/instruments/{instrumentId}",
                    operation("get", "[\"participant\",\"practitioner\",\"hr\",\"admin\"]", "View"),
                    "/api/admin/assessment/dead-letters", operation("get", "[\"admin\"]", "View")),
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}"));
    static final UpstreamStub CATALOGUE = UpstreamStub.start("catalogue").serve("/v3/api-docs", document(
            Map.of("/api/interventions", operation("get", "[\"participant\",\"practitioner\",\"admin\"]", "View")),
            "{\"type\":\"object\",\"properties\":{\"b\":{\"type\":\"integer\"}}}"));
    static final UpstreamStub GOAL = UpstreamStub.start("goal").serve("/v3/api-docs", document(
            Map.of("/api/goals", operation("post", "[\"participant\",\"practitioner\"]", "View")),
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}"));
    static final UpstreamStub INSIGHTS = UpstreamStub.start("insights").serve("/v3/api-docs", document(
            Map.of("/api/insights/programmes", operation("get", "[\"hr\",\"admin\"]", "View")),
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}"));
    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("TEND_ASSESSMENT_URL", ASSESSMENT::url);
        registry.add("TEND_CATALOGUE_URL", CATALOGUE::url);
        registry.add("TEND_GOAL_URL", GOAL::url);
        registry.add("TEND_PROGRESS_URL", UpstreamStub::deadUrl);
        registry.add("TEND_INSIGHTS_URL", INSIGHTS::url);
        registry.add("TEND_JWT_JWK_SET_URI", () -> ISSUER.url() + "/.well-known/jwks.json");
        registry.add("TEND_JWT_ISSUER", () -> TestTokens.ISSUER);
    }

    @AfterAll
    static void stopStubs() {
        List.of(ISSUER, ASSESSMENT, CATALOGUE, GOAL, INSIGHTS).forEach(UpstreamStub::close);
    }

    @LocalServerPort
    int port;

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
    }

    @Test
    void theCombinedDocumentHoldsWhatTheGatewayRoutesWithTheRolesItLetsThrough() {
        JsonNode doc = combined();
        assertThat(doc.path("openapi").asString()).isEqualTo("3.0.1");
        assertThat(doc.path("paths").propertyNames()).containsExactlyInAnyOrder("/api/programmes",
                "/api/instruments/{instrumentId}", "/api/interventions", "/api/goals", "/api/insights/programmes",
                "/api/me/export", "/api/participants/{participantId}/export");
        // The gateway's own operations (a record put together from the services' parts) are described too.
        assertThat(doc.path("paths").path("/api/me/export").path("get").path("x-required-roles").toString())
                .isEqualTo("[\"participant\"]");
        assertThat(doc.path("paths").path("/api/participants/{participantId}/export").path("get").path("responses")
                .path("503").path("description").asString()).contains("export-incomplete");
        // HR is let through to the aggregates only: not to the instruments, although the service would serve them.
        JsonNode instruments = doc.path("paths").path("/api/instruments/{instrumentId}").path("get");
        assertThat(instruments.path("x-required-roles").toString())
                .isEqualTo("[\"participant\",\"practitioner\",\"admin\"]");
        assertThat(instruments.path("description").asString())
                .contains("Roles: participant or practitioner or admin.");
        assertThat(doc.path("paths").path("/api/insights/programmes").path("get").path("x-required-roles")
                .toString()).isEqualTo("[\"hr\",\"admin\"]");
        // The gateway's own problems are on every operation.
        assertThat(instruments.path("responses").path("429").path("content").path("application/problem+json")
                .path("schema").path("$ref").asString()).isEqualTo("#/components/schemas/Problem");
        // Two services' schemas of one name and different content are kept apart; equal ones are shared.
        assertThat(doc.path("components").path("schemas").propertyNames())
                .containsExactlyInAnyOrder("Problem", "View", "catalogue.View");
        assertThat(doc.path("paths").path("/api/interventions").path("get").path("responses").path("200")
                .path("content").path("application/json").path("schema").path("$ref").asString())
                .isEqualTo("#/components/schemas/catalogue.View");
        assertThat(doc.path("components").path("securitySchemes").path("bearer").path("scheme").asString())
                .isEqualTo("bearer");
        List<String> services = new ArrayList<>();
        doc.path("x-tend-services").forEach(s -> services.add(s.path("route").asString() + "="
                + s.path("document").asString()));
        assertThat(services).containsExactlyInAnyOrder("assessment=included", "catalogue=included", "goal=included",
                "progress=unavailable", "insights=included");
    }

    @Test
    void theServicesDocumentsAreReadOncePerCachePeriodAndAreNotRoutedThemselves() {
        combined();
        int before = ASSESSMENT.served("/v3/api-docs");
        combined();
        combined();
        assertThat(ASSESSMENT.served("/v3/api-docs") - before).isLessThanOrEqualTo(1);
        int after = ASSESSMENT.served("/v3/api-docs");
        client().get().uri("/v3/api-docs").exchange().expectStatus().value(status ->
                assertThat(status).isIn(401, 404));
        client().get().uri("/v3/api-docs").header(HttpHeaders.AUTHORIZATION,
                        TestTokens.bearer(TestTokens.admin("ada"))).exchange()
                .expectStatus().value(status -> assertThat(status).isIn(403, 404));
        assertThat(ASSESSMENT.served("/v3/api-docs")).isEqualTo(after);
    }

    @Test
    void theBrowsablePageIsServedFromTheWebjarAndShowsTheCombinedDocument() {
        String location = client().get().uri("/api-docs/ui").exchange()
                .expectStatus().is3xxRedirection()
                .returnResult(String.class).getResponseHeaders().getFirst(HttpHeaders.LOCATION);
        assertThat(location).isNotNull();
        String pagePath = URI.create(location).getRawPath();
        String page = client().get().uri(pagePath).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("swagger-ui");
        String config = client().get().uri("/api-docs/springdoc/swagger-config").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(config).contains("\"url\":\"/api-docs\"");
        String directory = pagePath.substring(0, pagePath.lastIndexOf('/') + 1);
        client().get().uri(directory + "swagger-ui-bundle.js").exchange().expectStatus().isOk();
        String initializer = client().get().uri(directory + "swagger-initializer.js").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(initializer).contains("/api-docs/springdoc/swagger-config");
    }

    private JsonNode combined() {
        byte[] body = client().get().uri("/api-docs").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    private static String operation(String method, String roles, String schema) {
        return "{\"" + method + "\":{\"description\":\"Roles: " + String.join(" or ",
                JSON.readTree(roles).values().stream().map(JsonNode::asString).toList()) + ".\",\"x-required-roles\":"
                + roles + ",\"security\":[{\"bearer\":[]}],\"responses\":{\"200\":{\"description\":\"OK\","
                + "\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/" + schema
                + "\"}}}}}}}";
    }

    private static String document(Map<String, String> paths, String view) {
        StringBuilder json = new StringBuilder("{\"openapi\":\"3.0.1\",\"info\":{\"title\":\"t\",\"version\":\"v1\"},"
                + "\"paths\":{");
        json.append(String.join(",", paths.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + e.getValue()).toList()));
        json.append("},\"components\":{\"schemas\":{\"Problem\":").append(PROBLEM).append(",\"View\":").append(view)
                .append("},\"securitySchemes\":{\"bearer\":{\"type\":\"http\",\"scheme\":\"bearer\"}}}}");
        return json.toString();
    }
}
