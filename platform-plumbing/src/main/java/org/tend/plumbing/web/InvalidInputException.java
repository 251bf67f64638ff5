package org.tend.plumbing.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** 400 or 422: the request is well-formed JSON but breaks a rule; every violation names its field and rule. */
public class InvalidInputException extends ApiException {
    public InvalidInputException(String field, String rule, String message) {
        this(List.of(new FieldViolation(field, rule, message)));
    }

    public InvalidInputException(List<FieldViolation> violations) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "validation-failed", summary(violations), violations);
    }

    private static String summary(List<FieldViolation> violations) {
        return violations.size() == 1 ? violations.get(0).message()
                : violations.size() + " fields are invalid";
    }
}
