package org.tend.plumbing.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** 409: the request contradicts the current state (already enrolled, already acknowledged, …). */
public class ConflictException extends ApiException {
    public ConflictException(String field, String rule, String message) {
        super(HttpStatus.CONFLICT, "conflict", message, List.of(new FieldViolation(field, rule, message)));
    }
}
