package org.tend.gateway.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.tend.gateway.config.GatewayProperties;
import reactor.core.publisher.Mono;

/**
 * First thing on every request, before security and routing: removes the headers a client could use to claim an
 * identity or an origin ({@code tend.gateway.untrusted-request-headers}), and gives the request an
 * {@code X-Request-Id} (the caller's, if it is a plain token, else a new UUID) that the upstream receives and the
 * response carries back, errors included.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestHeadersFilter implements WebFilter {

    public static final String REQUEST_ID = "X-Request-Id";
    public static final String REQUEST_ID_ATTRIBUTE = RequestHeadersFilter.class.getName() + ".requestId";

    /** Caller-supplied ids are kept only if they cannot smuggle anything into headers or logs. */
    private static final Pattern ACCEPTABLE_REQUEST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private final List<String> exactNames;
    private final List<String> prefixes;

    public RequestHeadersFilter(GatewayProperties properties) {
        List<String> names = properties.untrustedRequestHeaders().stream()
                .map(name -> name.trim().toLowerCase(Locale.ROOT)).toList();
        this.exactNames = names.stream().filter(name -> !name.endsWith("*")).toList();
        this.prefixes = names.stream().filter(name -> name.endsWith("*"))
                .map(name -> name.substring(0, name.length() - 1)).toList();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId = requestId(exchange.getRequest().getHeaders().getFirst(REQUEST_ID));
        exchange.getAttributes().put(REQUEST_ID_ATTRIBUTE, requestId);
        // Set at commit so that neither an upstream's header nor an error handler can drop or change it.
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(REQUEST_ID, requestId);
            return Mono.empty();
        });
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> {
            removeUntrusted(headers);
            headers.set(REQUEST_ID, requestId);
        }).build();
        return chain.filter(exchange.mutate().request(request).build());
    }

    private void removeUntrusted(HttpHeaders headers) {
        List<String> untrusted = headers.headerNames().stream().filter(this::untrusted).toList();
        untrusted.forEach(headers::remove);
    }

    boolean untrusted(String headerName) {
        String name = headerName.toLowerCase(Locale.ROOT);
        return exactNames.contains(name) || prefixes.stream().anyMatch(name::startsWith);
    }

    private static String requestId(String supplied) {
        return supplied != null && ACCEPTABLE_REQUEST_ID.matcher(supplied).matches()
                ? supplied : UUID.randomUUID().toString();
    }
}
