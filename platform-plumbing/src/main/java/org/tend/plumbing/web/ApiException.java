package org.tend.plumbing.web;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.tend.kernel.Rejection;

/** A request the service refuses, rendered as an RFC 9457 problem of the given status and type. */
public abstract class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String type;
    private final List<FieldViolation> violations;

    protected ApiException(HttpStatus status, String type, String detail, List<FieldViolation> violations) {
        super(detail);
        this.status = status;
        this.type = type;
        this.violations = List.copyOf(violations);
    }

    /** A command the domain refused, as the problem the API answers with. */
    public static ApiException of(Rejection rejection) {
        List<FieldViolation> violations = rejection.violations().stream()
                .map(v -> new FieldViolation(v.field(), v.rule(), v.message())).toList();
        return switch (rejection.kind()) {
            case INVALID -> new InvalidInputException(violations);
            case UNKNOWN_REFERENCE -> new UnknownReferenceException(rejection.field(), rejection.rule(),
                    rejection.getMessage());
            case NOT_FOUND -> new NotFoundException(rejection.field(), rejection.getMessage());
            case CONFLICT -> new ConflictException(rejection.field(), rejection.rule(), rejection.getMessage());
        };
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
