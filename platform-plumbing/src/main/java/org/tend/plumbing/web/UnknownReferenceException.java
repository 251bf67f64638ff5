package org.tend.plumbing.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** 422: the request body refers to something that does not exist (an intervention, a programme, …). */
public class UnknownReferenceException extends ApiException {
    public UnknownReferenceException(String field, String message) {
        this(field, "unknown", message);
    }

    /** A reference that exists but may not be used here, e.g. rule {@code not-enrolled}. */
    public UnknownReferenceException(String field, String rule, String message) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-reference", message,
                List.of(new FieldViolation(field, rule, message)));
    }
}
