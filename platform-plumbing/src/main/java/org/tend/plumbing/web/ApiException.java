package org.tend.plumbing.web;

import java.util.List;
import org.springframework.http.HttpStatus;

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
