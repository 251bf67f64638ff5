package org.tend.plumbing.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** 400: a parameter or field is malformed (wrong type, pattern or shape), named with the rule it broke. */
public class BadRequestException extends ApiException {
    public BadRequestException(String field, String rule, String message) {
        super(HttpStatus.BAD_REQUEST, "validation-failed", message, List.of(new FieldViolation(field, rule, message)));
    }
}
