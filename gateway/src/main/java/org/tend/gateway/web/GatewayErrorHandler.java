package org.tend.gateway.web;

import io.netty.handler.codec.CodecException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClientException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

/**
 * Whatever fails inside the gateway reaches the caller as a problem: no route (404), an upstream that cannot be
 * reached (503), that answers too slowly (504) or breaks off the connection before answering (502: a reset, a close,
 * an answer cut off inside its head), an issuer whose keys cannot be fetched (503). Never Boot's default error body,
 * never a stack trace. Runs before Boot's handler (order -1).
 *
 * <p>An upstream that breaks off after its status line and part of its body has been relayed cannot be turned into a
 * 502 any more: the gateway then aborts the caller's connection, so the caller's client sees the answer cut off and
 * never takes it for a complete one.
 */
@Component
@Order(-2)
public class GatewayErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    private final Problems problems;

    public GatewayErrorHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        // Headers an upstream may already have set for a response that will not be sent.
        exchange.getResponse().getHeaders().clearContentHeaders();
        Object route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        String where = exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath()
                + (route == null ? "" : " (route " + routeId(route) + ")")
                + " request " + exchange.getAttribute(RequestHeadersFilter.REQUEST_ID_ATTRIBUTE);

        if (route == null && issuerUnreachable(error)) {
            // Before routing, the only outbound call is the JWT decoder fetching the issuer's JWK set.
            log.warn("tokens cannot be verified: {}: {}", where, describe(error));
            return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "token-verification-unavailable",
                    "The token issuer's keys cannot be fetched, so no token can be verified; retry later");
        }
        if (causedBy(error, ConnectException.class) || causedBy(error, UnknownHostException.class)) {
            log.warn("upstream unreachable: {}: {}", where, describe(error));
            return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "upstream-unavailable",
                    "The service behind this path is unavailable; retry later");
        }
        if (causedBy(error, PrematureCloseException.class) || (route != null && connectionBroken(error))) {
            log.warn("upstream broke off the connection: {}: {}", where, describe(error));
            return problems.write(exchange, HttpStatus.BAD_GATEWAY, "upstream-failed",
                    "The service behind this path broke off the connection before answering");
        }
        if (error instanceof ResponseStatusException status) {
            HttpStatus code = HttpStatus.resolve(status.getStatusCode().value());
            if (code == HttpStatus.NOT_FOUND) {
                return problems.write(exchange, code, "not-found", "No API route matches this path");
            }
            if (code == HttpStatus.GATEWAY_TIMEOUT) {
                log.warn("upstream timed out: {}", where);
                return problems.write(exchange, code, "upstream-timeout",
                        "The service behind this path did not answer in time; retry later");
            }
            if (code != null && code.is4xxClientError()) {
                return problems.write(exchange, code, kebab(code), status.getReason() == null
                        ? code.getReasonPhrase() : status.getReason());
            }
        }
        log.error("unexpected gateway failure: {}", where, error);
        return problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "internal",
                "Something failed in the gateway; it has been logged");
    }

    private static boolean issuerUnreachable(Throwable error) {
        return causedBy(error, AuthenticationServiceException.class) || causedBy(error, WebClientException.class)
                || causedBy(error, ConnectException.class) || causedBy(error, UnknownHostException.class)
                || causedBy(error, TimeoutException.class) || causedBy(error, ReadTimeoutException.class);
    }

    /**
     * Once routed, an I/O failure (a reset: {@code Connection reset by peer}) or an HTTP codec failure (an answer cut
     * off inside its head, or not HTTP at all) comes from the upstream's connection: a bad gateway, not our fault.
     * Refused connections were answered as 503 before this is asked.
     */
    private static boolean connectionBroken(Throwable error) {
        return causedBy(error, IOException.class) || causedBy(error, CodecException.class);
    }

    /** The failure and its causes in one line: enough to act on, without a stack trace per failed request. */
    private static String describe(Throwable error) {
        StringBuilder line = new StringBuilder(error.toString());
        for (Throwable t = error.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            line.append(" <- ").append(t);
        }
        return line.toString();
    }

    private static String routeId(Object route) {
        return route instanceof org.springframework.cloud.gateway.route.Route r ? r.getId() : route.toString();
    }

    private static String kebab(HttpStatus status) {
        return status.getReasonPhrase().toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
