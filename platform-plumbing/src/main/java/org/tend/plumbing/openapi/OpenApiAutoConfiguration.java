package org.tend.plumbing.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.tend.plumbing.idempotency.IdempotencyKey;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.security.RequiresRole;
import org.tend.plumbing.security.RoleCheck;
import org.tend.security.Role;

/**
 * Every service's API, described from its controllers by springdoc at {@code /v3/api-docs} (readable without a token:
 * it holds no data; the gateway combines the services' documents for clients). On top of what springdoc reads from
 * the controllers, the plumbing adds what every Tend operation shares, from the same places that enforce it, so the
 * document cannot drift from the behaviour:
 * <ul>
 *   <li>the bearer JWT security scheme, required by every operation;</li>
 *   <li>the roles each operation needs, from its {@link RequiresRole} (the annotation {@link RoleCheck} enforces), as
 *       {@code x-required-roles} (the claim values) and in words in the description;</li>
 *   <li>the RFC 9457 problems it may answer with ({@code application/problem+json}, schema {@code Problem} with
 *       {@code errors: [FieldViolation]}, the shape of {@code ProblemHandlers}), by what the operation takes: 400
 *       (a URL that cannot be decoded, and invalid parameters or body), 401, 403 and 503 always; 404 when it names a
 *       resource in its path; 409 when it writes; 413 and 422 when it takes a body;</li>
 *   <li>the optional {@code Idempotency-Key} header of every {@code POST} ({@code IdempotencyFilter}).</li>
 * </ul>
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OperationCustomizer.class)
public class OpenApiAutoConfiguration {

    /** The name of the security scheme every operation requires. */
    public static final String BEARER = "bearer";
    /** The extension naming the roles an operation needs, as the token's {@code roles} claim spells them. */
    public static final String REQUIRED_ROLES = "x-required-roles";
    /** The schema of every problem answer. */
    public static final String PROBLEM = "Problem";
    static final String FIELD_VIOLATION = "FieldViolation";
    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    static {
        // The caller is resolved from the validated token, never sent as a parameter.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenApiCustomizer tendApiDescription(@Value("${spring.application.name:service}") String application) {
        return openApi -> {
            Info info = openApi.getInfo() == null ? new Info() : openApi.getInfo();
            openApi.info(info.title("Tend " + application + " API").version("v1").description(
                    "Every operation needs a bearer token (JWT) of Tend's issuer; `x-required-roles` names the roles "
                            + "(any one of them) it needs. Errors are RFC 9457 problems (`application/problem+json`); "
                            + "`type` is `/problems/<kind>` and `errors` names each field at fault."));
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.components(components
                    .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                            .bearerFormat("JWT").description("An access token of Tend's issuer; its `roles` claim "
                                    + "holds the caller's roles (" + Arrays.stream(Role.values()).map(Role::claimValue)
                                    .collect(Collectors.joining(", ")) + ")."))
                    .addSchemas(FIELD_VIOLATION, fieldViolationSchema())
                    .addSchemas(PROBLEM, problemSchema()));
        };
    }

    @Bean
    OperationCustomizer tendOperationDescription() {
        return OpenApiAutoConfiguration::describe;
    }

    static Operation describe(Operation operation, HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        Set<RequestMethod> methods = mapping == null ? Set.of() : Set.of(mapping.method());
        boolean writes = methods.stream().anyMatch(m -> m != RequestMethod.GET && m != RequestMethod.HEAD);
        boolean body = has(handler, RequestBody.class);
        boolean pathVariables = has(handler, PathVariable.class);
        boolean parameters = body || pathVariables || has(handler, RequestParam.class) || has(handler, RequestHeader.class);

        operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
        RoleCheck.requiredRoles(handler).ifPresent(roles -> {
            List<String> names = roles.stream().map(Role::claimValue).toList();
            operation.addExtension(REQUIRED_ROLES, names);
            String sentence = "Roles: " + String.join(" or ", names) + ".";
            operation.setDescription(operation.getDescription() == null ? sentence
                    : operation.getDescription() + "\n\n" + sentence);
        });
        if (methods.contains(RequestMethod.POST)) {
            operation.addParametersItem(new HeaderParameter().name(IdempotencyKey.HEADER).required(false)
                    .description("Makes the request safe to repeat: the same request with the same key within 24 h "
                            + "gets the first outcome again (`Idempotent-Replayed: true`) and runs nothing.")
                    .schema(new StringSchema().maxLength(255)));
        }

        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        problem(responses, "400", parameters ? "The request is invalid: `validation-failed` (each field in "
                + "`errors`), `malformed-json`, `malformed-request` (a URL or query that cannot be decoded)."
                : "`malformed-request`: a URL or query that cannot be decoded.");
        problem(responses, "401", "`unauthenticated`: no token, or one that is invalid or expired.");
        problem(responses, "403", "`forbidden`: the token holds none of the roles, or the data is not the caller's.");
        if (pathVariables) {
            problem(responses, "404", "`not-found`: no such resource (or not one the caller may know of).");
        }
        if (writes) {
            problem(responses, "409", "`conflict`, `concurrent-modification` (retry), `idempotency-key-in-flight`.");
        }
        if (body) {
            problem(responses, "413", "`content-too-large`: the body is larger than the service accepts.");
            problem(responses, "422", "The content is unacceptable: `validation-failed` (e.g. control characters), "
                    + "`unknown-reference`, `idempotency-key-reuse`.");
        }
        problem(responses, "503", "`store-unavailable`, `projection-rebuilding`, `figures-being-prepared` or the "
                + "service is not ready: retry after `Retry-After` seconds.");
        operation.setResponses(responses);
        return operation;
    }

    private static boolean has(HandlerMethod handler, Class<? extends java.lang.annotation.Annotation> annotation) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(annotation)) {
                return true;
            }
        }
        return false;
    }

    private static void problem(ApiResponses responses, String status, String description) {
        if (responses.containsKey(status)) {
            return;
        }
        responses.addApiResponse(status, new ApiResponse().description(description).content(new Content()
                .addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(
                        "#/components/schemas/" + PROBLEM)))));
    }

    static Schema<?> fieldViolationSchema() {
        return new ObjectSchema().description("One field at fault.")
                .addProperty("field", new StringSchema().description("The field as the JSON names it "
                        + "(`departments[0]`, `levels.-2`), or the query parameter or header."))
                .addProperty("rule", new StringSchema().description("The rule it breaks: `required`, `range`, "
                        + "`pattern`, `type`, `unknown`, `control-characters`, …"))
                .addProperty("message", new StringSchema())
                .required(List.of("field", "rule", "message"));
    }

    static Schema<?> problemSchema() {
        return new ObjectSchema().description("An RFC 9457 problem.")
                .addProperty("type", new StringSchema().description("`/problems/<kind>`, e.g. "
                        + "`/problems/validation-failed`, `/problems/forbidden`, `/problems/not-found`."))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref(
                        "#/components/schemas/" + FIELD_VIOLATION)))
                .required(List.of("title", "status"));
    }
}
