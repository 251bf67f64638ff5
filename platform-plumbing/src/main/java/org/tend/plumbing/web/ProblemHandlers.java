package org.tend.plumbing.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.validation.method.ParameterValidationResult;
import org.slf4j.Logger;
import org.tend.kernel.Rejection;
import org.tend.security.TokenRules;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.tend.keys.KeysUnavailableException;
import org.tend.keys.NoKeyException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error a service returns is an RFC 9457 problem: {@code type}, {@code title}, {@code status},
 * {@code detail} and, where fields are at fault, {@code errors: [{field, rule, message}]}. Client mistakes are
 * 4xx; a 500 says only that something failed on our side, never how.
 */
@RestControllerAdvice
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandlers extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandlers.class);

    /**
     * Rules whose violation is answered with 422 rather than 400: the request is well formed, but its content is
     * unacceptable. A request that also breaks any other Bean Validation rule gets 400 with every violation listed.
     */
    static final Set<String> UNPROCESSABLE_RULES = Set.of(NoControlCharacters.RULE);

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ProblemDetail problem(HttpStatusCode status, String type, String detail, List<FieldViolation> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + type));
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors.stream()
                    .map(v -> Map.of("field", v.field(), "rule", v.rule(), "message", v.message())).toList());
        }
        return problem;
    }

    /**
     * A problem as the JSON body Spring MVC would write: {@code type}, {@code title}, {@code status}, {@code detail},
     * {@code instance} when set, then the extra properties ({@code errors}). For the places that answer before or
     * outside Spring MVC (filters, the security entry points, the container's error report).
     */
    public static byte[] json(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (problem.getType() != null && !"about:blank".equals(problem.getType().toString())) {
            body.put("type", problem.getType().toString());
        }
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            body.put("detail", problem.getDetail());
        }
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem could not be written as JSON", e);
        }
    }

    /** Answers with the problem ({@code application/problem+json}), from a filter or entry point. */
    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        byte[] body = json(problem);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<ProblemDetail> api(ApiException e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        if (e instanceof UnavailableException unavailable) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, unavailable.retryAfter().toSeconds())));
        }
        return response.body(problem(e.status(), e.type(), e.getMessage(), e.violations()));
    }

    @ExceptionHandler(Rejection.class)
    public ResponseEntity<ProblemDetail> rejected(Rejection e) {
        return api(ApiException.of(e));
    }

    @ExceptionHandler(AccessDeniedException.class)
    public ResponseEntity<ProblemDetail> denied(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem(HttpStatus.FORBIDDEN, "forbidden",
                TokenRules.FORBIDDEN, List.of()));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    public ResponseEntity<ProblemDetail> aggregateNotFound(AggregateNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND, "not-found",
                "No such resource", List.of(new FieldViolation("id", "unknown", "No such resource"))));
    }

    /** Two writers raced on one aggregate, or a create repeated an existing id: the client may retry. */
    @ExceptionHandler({ConcurrencyException.class, ConflictingAggregateVersionException.class,
            AggregateStreamCreationException.class})
    public ResponseEntity<ProblemDetail> concurrent(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, "concurrent-modification",
                "The resource was changed by another request; retry", List.of()));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<ProblemDetail> constraint(ConstraintViolationException e) {
        List<FieldViolation> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldViolation(lastNode(v.getPropertyPath().toString()), rule(
                        v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName()), v.getMessage()))
                .toList();
        HttpStatus status = statusOf(errors);
        return ResponseEntity.status(status).body(problem(status, "validation-failed", "The request is invalid",
                errors));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e) {
        String message = "'" + e.getValue() + "' is not a valid " + e.getName();
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "validation-failed", message,
                List.of(new FieldViolation(e.getName(), "type", message))));
    }

    @ExceptionHandler(EventStoreException.class)
    public ResponseEntity<ProblemDetail> eventStore(EventStoreException e) {
        log.error("event store failure", e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem(HttpStatus.SERVICE_UNAVAILABLE,
                "store-unavailable", "The store is unavailable; nothing was written; retry later", List.of()));
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        ApiException api = findCause(e, ApiException.class);
        if (api != null) {
            return api(api);
        }
        Rejection rejection = findCause(e, Rejection.class);
        if (rejection != null) {
            return rejected(rejection);
        }
        if (findCause(e, NoKeyException.class) != null) {
            // An erased participant is refused before anything is sealed (409 erased): a key missing here has not
            // reached this service yet (made while the broker was away), so the client tries again.
            log.warn("participant key not here yet: {}", e.toString());
            return api(new UnavailableException("keys-unavailable",
                    "This participant's key has not reached this service yet; nothing was written; retry later",
                    Duration.ofSeconds(5)));
        }
        if (findCause(e, KeysUnavailableException.class) != null) {
            // The key topic could not be read (the broker is away): nothing was sealed, so nothing was written.
            log.warn("participant keys unavailable: {}", e.toString());
            return api(new UnavailableException("keys-unavailable",
                    "Participants' keys cannot be read just now; nothing was written; retry later",
                    Duration.ofSeconds(5)));
        }
        log.error("unexpected failure", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "internal", "Something failed on our side; it has been logged", List.of()));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldViolation> errors = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            errors.add(new FieldViolation(fieldOf(error), rule(error.getCode()),
                    error.getDefaultMessage() == null ? "invalid" : error.getDefaultMessage()));
        }
        e.getBindingResult().getGlobalErrors().forEach(error -> errors.add(new FieldViolation(
                error.getObjectName(), rule(error.getCode()), String.valueOf(error.getDefaultMessage()))));
        HttpStatus problemStatus = statusOf(errors);
        return ResponseEntity.status(problemStatus).body(problem(problemStatus, "validation-failed",
                errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " fields are invalid", errors));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        String message = "the query parameter '" + e.getParameterName() + "' is required";
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "validation-failed", message,
                List.of(new FieldViolation(e.getParameterName(), "required", message))));
    }

    /** Constraint annotations on controller method parameters (path and query parameters). */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldViolation> errors = new ArrayList<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            String field = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String[] codes = error.getCodes();
                String code = codes == null || codes.length == 0 ? null : codes[codes.length - 1];
                errors.add(new FieldViolation(field == null ? "parameter" : field, rule(code),
                        String.valueOf(error.getDefaultMessage())));
            }
        }
        HttpStatus problemStatus = statusOf(errors);
        return ResponseEntity.status(problemStatus).body(problem(problemStatus, "validation-failed",
                errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " parameters are invalid", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        String field = JsonPaths.fieldOf(e);
        String detail = field == null ? "The request body is not valid JSON or is missing"
                : "The value of '" + field + "' has the wrong type or format";
        List<FieldViolation> errors = field == null ? List.of(new FieldViolation("body", "malformed-json", detail))
                : List.of(new FieldViolation(field, "type", detail));
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST,
                field == null ? "malformed-json" : "validation-failed", detail, errors));
    }

    /** Bean Validation annotation names as rule codes: NotNull → required, Min/Max/Size/Range → range, … */
    static String rule(String code) {
        if (code == null) {
            return "invalid";
        }
        return switch (code) {
            case "NotNull", "NotBlank", "NotEmpty" -> "required";
            case "Min", "Max", "Size", "Range", "DecimalMin", "DecimalMax", "Positive", "PositiveOrZero" -> "range";
            case "Pattern" -> "pattern";
            case "AssertTrue" -> "must-be-true";
            case "NoControlCharacters" -> NoControlCharacters.RULE;
            default -> code.substring(0, 1).toLowerCase() + code.substring(1);
        };
    }

    /** 422 when every violation is of a rule in {@link #UNPROCESSABLE_RULES}, else 400 (the rules' old status). */
    static HttpStatus statusOf(List<FieldViolation> errors) {
        return !errors.isEmpty() && errors.stream().allMatch(v -> UNPROCESSABLE_RULES.contains(v.rule()))
                ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.BAD_REQUEST;
    }

    /**
     * The field as the JSON names it: properties joined by dots, list elements by index ({@code departments[0]}),
     * map values by key like properties ({@code levels.-2}, as the services name map entries elsewhere).
     */
    static String fieldOf(FieldError error) {
        ConstraintViolation<?> violation = error.contains(ConstraintViolation.class)
                ? error.unwrap(ConstraintViolation.class) : null;
        if (violation == null) {
            return error.getField();
        }
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.isInIterable() && !field.isEmpty()) {
                if (node.getIndex() != null) {
                    field.append('[').append(node.getIndex()).append(']');
                } else if (node.getKey() != null) {
                    field.append('.').append(node.getKey());
                }
            }
            String name = node.getName();
            if (node.getKind() == ElementKind.PROPERTY && name != null && !name.startsWith("<")) {
                field.append(field.isEmpty() ? "" : ".").append(name);
            }
        }
        return field.isEmpty() ? error.getField() : field.toString();
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
