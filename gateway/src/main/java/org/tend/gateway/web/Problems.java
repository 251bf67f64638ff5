package org.tend.gateway.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RFC 9457 problems ({@code application/problem+json} with type, title, status, detail) the way the
 * services do ({@code type} = {@code /problems/<slug>}), plus the request id so a caller can quote it.
 */
@Component
public class Problems {

    private final JsonMapper json;

    public Problems(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String detail) {
        return write(exchange, status, type, detail, Map.of());
    }

    /**
     * A problem with extension members after the standard ones, e.g. {@code errors: [{field, rule, message}]}
     * (as the services write them) or the limit that was exceeded.
     */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String detail,
                            Map<String, ?> members) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "/problems/" + type);
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", exchange.getRequest().getPath().value());
        Object requestId = exchange.getAttribute(RequestHeadersFilter.REQUEST_ID_ATTRIBUTE);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        members.forEach(body::putIfAbsent);
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(bytes.length);
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }
}
