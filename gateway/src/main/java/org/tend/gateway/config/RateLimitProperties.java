package org.tend.gateway.config;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tend.gateway.rate-limits.*}: how many requests one caller may make, per route and kind of request.
 *
 * <p>A caller is the token's subject (or, without a valid token, the client address); a kind is {@code reads} (GET,
 * HEAD, OPTIONS) or {@code writes} (every other method). Each caller gets a token bucket per route and kind, filled
 * with {@code burst} tokens and refilled at {@code requests} per {@code per}; a request takes one token. The buckets
 * are in memory, per gateway instance: behind a load balancer, n instances allow up to n times as much.
 *
 * @param enabled    whether requests are limited at all (default true)
 * @param defaults   the limits of every route and kind that {@code routes} does not set
 * @param routes     by route id ({@code spring.cloud.gateway.server.webflux.routes[].id}): limits that replace the
 *                   defaults for that route, per kind; a kind left out keeps the default
 * @param maxBuckets how many buckets are kept at most (default 50,000); past that the least used are dropped, which
 *                   gives their callers a full bucket again
 */
@ConfigurationProperties("tend.gateway.rate-limits")
public record RateLimitProperties(Boolean enabled, Limits defaults, Map<String, Limits> routes, Integer maxBuckets) {

    /** 20 requests/s (burst 40) to read and 10 requests/s (burst 20) to write, per caller and route. */
    public static final Limits BUILT_IN = new Limits(new Limit(20, Duration.ofSeconds(1), 40),
            new Limit(10, Duration.ofSeconds(1), 20));

    public RateLimitProperties {
        enabled = enabled == null || enabled;
        defaults = defaults == null ? BUILT_IN : defaults.orElse(BUILT_IN);
        Limits base = defaults;
        routes = routes == null ? Map.of() : routes.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, entry -> entry.getValue() == null ? base : entry.getValue().orElse(base)));
        maxBuckets = maxBuckets == null ? 50_000 : maxBuckets;
        if (maxBuckets < 1) {
            throw new IllegalArgumentException("tend.gateway.rate-limits.max-buckets must be at least 1");
        }
    }

    /** The limit for a request of this kind on this route. */
    public Limit limitFor(String routeId, boolean write) {
        Limits limits = routes.getOrDefault(routeId, defaults);
        return write ? limits.writes() : limits.reads();
    }

    /** Limits by kind of request; either may be left out where a default stands behind it. */
    public record Limits(Limit reads, Limit writes) {

        Limits orElse(Limits fallback) {
            return new Limits(reads == null ? fallback.reads() : reads, writes == null ? fallback.writes() : writes);
        }
    }

    /**
     * @param requests how many requests are allowed per {@code per}, steadily
     * @param per      the period of {@code requests} (default 1 s)
     * @param burst    how many may come at once (the bucket's size; default {@code requests})
     */
    public record Limit(int requests, Duration per, Integer burst) {

        public Limit {
            per = per == null ? Duration.ofSeconds(1) : per;
            burst = burst == null ? requests : burst;
            if (requests < 1 || burst < 1 || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("a rate limit needs requests ≥ 1, burst ≥ 1 and a positive "
                        + "period: " + requests + " per " + per + ", burst " + burst);
            }
        }

        /** How long an emptied bucket takes to fill again: after that, an idle bucket is as good as a new one. */
        public Duration timeToFill() {
            return per.multipliedBy(burst).dividedBy(requests).plus(per);
        }
    }
}
