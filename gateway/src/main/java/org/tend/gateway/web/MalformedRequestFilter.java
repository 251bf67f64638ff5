package org.tend.gateway.web;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.tend.gateway.web.RequestTargetRules.Violation;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * A request whose target breaks {@link RequestTargetRules} is answered with a 400 problem naming the parameter (or
 * {@code query}, or {@code path}) and the rule, right after it gets its request id and before security or routing:
 * it is never relayed.
 *
 * <p>Some targets (a {@code %ZZ}, a raw brace) cannot even be made into a {@link URI}, and Spring's Netty adapter would
 * answer those with an empty 400 before any filter runs. So {@link MalformedTargetMarker} checks every request line
 * first, in Netty: it records a violation in the {@value #MARK} header and replaces the target by one that parses.
 * This filter answers the marked requests, and checks the others itself (for a transport the marker does not see).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class MalformedRequestFilter implements WebFilter {

    /** Set only by {@link MalformedTargetMarker}, which removes it from every request it does not mark. */
    static final String MARK = "Tend-Gateway-Malformed-Target";

    private static final Logger log = LoggerFactory.getLogger(MalformedRequestFilter.class);

    private final Problems problems;

    public MalformedRequestFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String mark = markOf(exchange.getRequest());
        URI uri = exchange.getRequest().getURI();
        Optional<Violation> violation = mark != null ? Optional.of(unmark(mark))
                : RequestTargetRules.check(uri.getRawPath(), uri.getRawQuery());
        if (violation.isEmpty()) {
            return chain.filter(exchange);
        }
        Violation v = violation.get();
        log.debug("malformed request target refused: {} {}", v.field(), v.rule());
        return problems.write(exchange, HttpStatus.BAD_REQUEST, "malformed-request",
                "The request's " + ("path".equals(v.field()) ? "path" : "query")
                        + " cannot be accepted; nothing was forwarded",
                Map.of("errors", List.of(error(v))));
    }

    /**
     * Read from Netty's own request where there is one: filters before this one (removing headers) cannot lose it
     * there, and a request whose query was dropped for being malformed must never pass as a well-formed one.
     */
    private static String markOf(ServerHttpRequest request) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        return nativeRequest instanceof HttpServerRequest netty ? netty.requestHeaders().get(MARK)
                : request.getHeaders().getFirst(MARK);
    }

    /** {@code {field, rule, message}}, in the order the services write them. */
    private static Map<String, String> error(Violation violation) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", violation.field());
        error.put("rule", violation.rule());
        error.put("message", violation.message());
        return error;
    }

    /** The violation as one header value: its three parts form-encoded (so ASCII without spaces), space-separated. */
    static String mark(Violation violation) {
        return String.join(" ", encode(violation.field()), encode(violation.rule()), encode(violation.message()));
    }

    static Violation unmark(String mark) {
        String[] parts = mark.split(" ", 3);
        if (parts.length < 3) {
            return new Violation("path", "character", "The request target cannot be parsed");
        }
        return new Violation(decode(parts[0]), decode(parts[1]), decode(parts[2]));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
