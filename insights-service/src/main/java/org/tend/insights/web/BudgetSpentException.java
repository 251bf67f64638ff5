package org.tend.insights.web;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.tend.plumbing.web.ApiException;
import org.tend.plumbing.web.FieldViolation;

/** Noise mode: the asking HR user's privacy budget for the programme this month cannot pay for any figure asked. */
class BudgetSpentException extends ApiException {
    BudgetSpentException(String detail) {
        super(HttpStatus.TOO_MANY_REQUESTS, "privacy-budget-spent", detail,
                List.of(new FieldViolation("budget", "budget", detail)));
    }
}
