package org.tend.plumbing.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** 403: authenticated, but this caller may not do or see this. */
public class ForbiddenException extends ApiException {
    public ForbiddenException(String message) {
        super(HttpStatus.FORBIDDEN, "forbidden", message, List.of());
    }
}
