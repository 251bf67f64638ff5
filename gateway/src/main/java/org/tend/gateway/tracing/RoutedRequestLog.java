package org.tend.gateway.tracing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * One DEBUG line per routed request ({@code logging.level.tend.trace=DEBUG}; the local stack turns it on), written
 * inside the request's trace so that it carries the trace and span ids: the method, the route and the upstream's
 * status. Never the path or query (they hold ids), a header or a body.
 */
@Component
public class RoutedRequestLog implements GlobalFilter, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger("tend.trace");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!LOG.isDebugEnabled()) {
            return chain.filter(exchange);
        }
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String routeId = route == null ? "none" : route.getId();
        LOG.debug("routing {} to {}", exchange.getRequest().getMethod(), routeId);
        return chain.filter(exchange).doOnSuccess(done -> LOG.debug("routed {} to {}: {}",
                exchange.getRequest().getMethod(), routeId, exchange.getResponse().getStatusCode()));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }
}
