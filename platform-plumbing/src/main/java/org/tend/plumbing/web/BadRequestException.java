package org.tend.plumbing.web;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.tend.plumbing.identity.Pseudonymizer;

/** 400: a parameter or field is malformed (wrong type, pattern or shape), named with the rule it broke. */
public class BadRequestException extends ApiException {
    public BadRequestException(String field, String rule, String message) {
        super(HttpStatus.BAD_REQUEST, "validation-failed", message, List.of(new FieldViolation(field, rule, message)));
    }

    /** A parameter that must name a person by their pseudonymous id: present, and of that form. */
    public static String requirePseudonym(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException(field, "required", field + " is required");
        }
        if (!Pseudonymizer.isPseudonym(value)) {
            throw new BadRequestException(field, "pattern",
                    field + " must be a pseudonymous id: 'p_' followed by 26 characters a-z or 2-7");
        }
        return value;
    }
}
