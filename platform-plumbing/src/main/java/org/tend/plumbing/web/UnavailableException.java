package org.tend.plumbing.web;

import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * The service cannot answer this request for a while (a read model being rebuilt, say): a 503 problem with a
 * {@code Retry-After} header, so a client waits and tries again rather than treating it as a failure.
 */
public class UnavailableException extends ApiException {

    private final Duration retryAfter;

    public UnavailableException(String type, String detail, Duration retryAfter) {
        super(HttpStatus.SERVICE_UNAVAILABLE, type, detail, List.of());
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
