package org.tend.assessment.web;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.tend.plumbing.web.ApiException;
import org.tend.plumbing.web.FieldViolation;

/** 400: a request parameter is missing or malformed (body fields are checked by Bean Validation). */
class BadRequestException extends ApiException {
    BadRequestException(String field, String rule, String message) {
        super(HttpStatus.BAD_REQUEST, "validation-failed", message, List.of(new FieldViolation(field, rule, message)));
    }
}
