package org.tend.plumbing.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** 404: the thing the request names does not exist (or the caller may not know that it does). */
public class NotFoundException extends ApiException {
    public NotFoundException(String field, String message) {
        super(HttpStatus.NOT_FOUND, "not-found", message, List.of(new FieldViolation(field, "unknown", message)));
    }
}
