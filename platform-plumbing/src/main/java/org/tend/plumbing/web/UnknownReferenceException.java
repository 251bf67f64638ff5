package org.tend.plumbing.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** 422: the request body refers to something that does not exist (an intervention, a programme, …). */
public class UnknownReferenceException extends ApiException {
    public UnknownReferenceException(String field, String message) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-reference", message,
                List.of(new FieldViolation(field, "unknown", message)));
    }
}
