package org.tend.progress.web;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.tend.plumbing.web.ApiException;
import org.tend.plumbing.web.FieldViolation;

/** 400: a path parameter breaks its rule (the plumbing's InvalidInputException is a 422, meant for bodies). */
public class BadRequestException extends ApiException {
    public BadRequestException(String field, String rule, String message) {
        super(HttpStatus.BAD_REQUEST, "validation-failed", message, List.of(new FieldViolation(field, rule, message)));
    }
}
