package org.tend.gateway.ratelimit;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.tend.gateway.config.RateLimitProperties;
import org.tend.gateway.config.RateLimitProperties.Limit;
import org.tend.gateway.web.Problems;
import org.tend.gateway.web.RequestHeadersFilter;
import reactor.core.publisher.Mono;

/**
 * The rate limits ({@link RateLimitProperties}): each routed request takes a token from its caller's bucket for the
 * route and kind (read or write); with none left it is answered 429 with {@code Retry-After} (whole seconds until a
 * token is back) and a problem, and is not relayed. Bucket4j's in-memory token buckets, held in a Caffeine cache that
 * drops a bucket once it has been idle long enough to be full again (so dropping it changes nothing) and bounds their
 * number.
 *
 * <p>It runs once a request is routed, so after the token is validated: requests refused before that (400, 401, 403,
 * 404, 413) never reach a service and are not counted. Nothing about the caller is logged.
 */
@Component
public class RateLimitFilter implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final RateLimitProperties properties;
    private final CallerKeys callers;
    private final Problems problems;
    private final Cache<BucketKey, Bucket> buckets;

    public RateLimitFilter(RateLimitProperties properties, Problems problems) {
        this.properties = properties;
        this.callers = new CallerKeys();
        this.problems = problems;
        Duration longestFill = Stream.concat(Stream.of(properties.defaults()), properties.routes().values().stream())
                .flatMap(limits -> Stream.of(limits.reads(), limits.writes()))
                .map(Limit::timeToFill)
                .max(Duration::compareTo)
                .orElseThrow();
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(longestFill)
                .maximumSize(properties.maxBuckets())
                .build();
    }

    /** Early among the gateway's filters: a refused request costs nothing further. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        if (!properties.enabled() || route == null) {
            return chain.filter(exchange);
        }
        return limited(exchange, route.getId(), () -> chain.filter(exchange));
    }

    /**
     * Takes a token from the caller's bucket for {@code limitId} (a route id, or the id of what the gateway answers
     * itself, such as {@code export}) and proceeds, or answers 429.
     */
    public Mono<Void> limited(ServerWebExchange exchange, String limitId, Supplier<Mono<Void>> proceed) {
        if (!properties.enabled()) {
            return proceed.get();
        }
        boolean write = !READS.contains(exchange.getRequest().getMethod());
        Limit limit = properties.limitFor(limitId, write);
        return callers.of(exchange).flatMap(caller -> {
            Bucket bucket = buckets.get(new BucketKey(limitId, write, caller), key -> bucket(limit));
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                return proceed.get();
            }
            return tooMany(exchange, limitId, write, limit, probe.getNanosToWaitForRefill());
        });
    }

    private Mono<Void> tooMany(ServerWebExchange exchange, String routeId, boolean write, Limit limit,
                               long nanosToWait) {
        long retryAfter = Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
        log.debug("rate limit of route {} ({}) reached: request {} refused, retry after {} s", routeId,
                write ? "writes" : "reads", exchange.getAttribute(RequestHeadersFilter.REQUEST_ID_ATTRIBUTE),
                retryAfter);
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        Map<String, Object> limitMember = new LinkedHashMap<>();
        limitMember.put("requests", limit.requests());
        limitMember.put("per", limit.per().toString());
        limitMember.put("burst", limit.burst());
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("retryAfterSeconds", retryAfter);
        members.put("limit", limitMember);
        return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
                "Too many " + (write ? "writes" : "reads") + " on this path from this caller; retry after "
                        + retryAfter + " s", members);
    }

    private static Bucket bucket(Limit limit) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.burst()).refillGreedy(limit.requests(), limit.per())
                        .build())
                .build();
    }

    private record BucketKey(String routeId, boolean write, String caller) {
    }
}
