package org.tend.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Checks a running servlet service's OpenAPI document against its controllers: every operation Spring MVC maps for a
 * Tend controller under {@code /api/} (method and path, from the {@code RequestMappingHandlerMapping}) must be in
 * {@code /v3/api-docs} (served without a token), name the roles its {@code @RequiresRole} gives (as
 * {@code x-required-roles}), require the bearer scheme and answer 400, 401, 403 and 503 with an
 * {@code application/problem+json} {@code Problem}; and every operation must name its roles. Each service's Spring
 * Boot test calls it once; the document it read is left in {@code target/api-docs.json}.
 */
public final class ApiDocsCheck {

    /** The plumbing's annotation, by name (this module is built before the plumbing). */
    static final String REQUIRES_ROLE = "org.tend.plumbing.security.RequiresRole";
    static final String PROBLEM_REF = "#/components/schemas/Problem";

    private ApiDocsCheck() {
    }

    /** One operation of a controller: method and path as the document spells them. */
    public record Operation(String method, String path, Set<String> roles) {
        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    /** Fails, listing every fault, unless the service's document describes each of its controller operations. */
    public static void assertEveryOperationDocumented(ApplicationContext context, int port) {
        List<Operation> operations = operations(context);
        assertTrue(!operations.isEmpty(), "the service maps no /api/ operation of a Tend controller");
        JsonNode doc = document(port);
        List<String> faults = new ArrayList<>();
        JsonNode problem = doc.path("components").path("schemas").path("Problem").path("properties");
        for (String property : List.of("type", "title", "status", "detail", "instance", "errors")) {
            if (problem.path(property).isMissingNode()) {
                faults.add("the Problem schema has no " + property);
            }
        }
        JsonNode bearer = doc.path("components").path("securitySchemes").path("bearer");
        if (!"http".equals(bearer.path("type").asText()) || !"bearer".equals(bearer.path("scheme").asText())) {
            faults.add("no bearer security scheme: " + bearer);
        }
        for (Operation operation : operations) {
            JsonNode described = doc.path("paths").path(operation.path()).path(operation.method());
            if (described.isMissingNode()) {
                faults.add(operation + " is not in the document");
                continue;
            }
            if (operation.roles().isEmpty()) {
                faults.add(operation + " names no roles (@RequiresRole)");
            }
            Set<String> documented = new TreeSet<>();
            described.path("x-required-roles").forEach(role -> documented.add(role.asText()));
            if (!documented.equals(new TreeSet<>(operation.roles()))) {
                faults.add(operation + " documents roles " + documented + ", its @RequiresRole says "
                        + new TreeSet<>(operation.roles()));
            }
            boolean secured = false;
            for (JsonNode requirement : described.path("security")) {
                secured |= requirement.has("bearer");
            }
            if (!secured) {
                faults.add(operation + " does not require the bearer scheme");
            }
            for (String status : List.of("400", "401", "403", "503")) {
                JsonNode schema = described.path("responses").path(status).path("content")
                        .path("application/problem+json").path("schema");
                if (!PROBLEM_REF.equals(schema.path("$ref").asText())) {
                    faults.add(operation + " has no " + status + " problem response");
                }
            }
        }
        assertTrue(faults.isEmpty(), faults.size() + " fault(s) in /v3/api-docs:\n  " + String.join("\n  ", faults));
    }

    /** The service's {@code /api/} operations of Tend controllers, as Spring MVC maps them. */
    public static List<Operation> operations(ApplicationContext context) {
        RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            if (!handler.getBeanType().getName().startsWith("org.tend.")) {
                continue;
            }
            RequestMappingInfo info = entry.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            assertTrue(!methods.isEmpty(), handler + " answers every HTTP method: name one");
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                for (RequestMethod method : methods) {
                    operations.add(new Operation(method.name().toLowerCase(Locale.ROOT), documentPath(pattern),
                            roles(handler)));
                }
            }
        }
        return operations;
    }

    /** {@code /a/{id:[0-9]+}} as OpenAPI writes it: {@code /a/{id}}. */
    static String documentPath(String pattern) {
        return pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
    }

    private static Set<String> roles(HandlerMethod handler) {
        MergedAnnotation<?> annotation = MergedAnnotations.from(handler.getMethod(),
                MergedAnnotations.SearchStrategy.TYPE_HIERARCHY).get(REQUIRES_ROLE);
        if (!annotation.isPresent()) {
            annotation = MergedAnnotations.from(handler.getBeanType(),
                    MergedAnnotations.SearchStrategy.TYPE_HIERARCHY).get(REQUIRES_ROLE);
        }
        if (!annotation.isPresent()) {
            return Set.of();
        }
        Enum<?>[] roles = annotation.getValue("value", Enum[].class).orElseThrow();
        Set<String> names = new TreeSet<>();
        Arrays.stream(roles).forEach(role -> names.add(role.name().toLowerCase(Locale.ROOT)));
        return names;
    }

    /** The service's document, read as a client without a token would. */
    public static JsonNode document(int port) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/v3/api-docs")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), "GET /v3/api-docs: " + response.body());
            JsonNode doc = new ObjectMapper().readTree(response.body());
            // Kept beside the test reports, for a reader of the build (and a check by eye).
            Path target = Path.of("target");
            if (Files.isDirectory(target)) {
                Files.writeString(target.resolve("api-docs.json"),
                        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
            }
            return doc;
        } catch (IOException e) {
            throw new AssertionError("GET /v3/api-docs failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
