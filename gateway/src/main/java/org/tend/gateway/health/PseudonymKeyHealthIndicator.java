package org.tend.gateway.health;

import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.tend.gateway.config.PseudonymKeyCheckProperties;
import org.tend.gateway.config.Upstreams;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether every service derives pseudonyms with the same key: each publishes a fingerprint of its key (never the
 * key) as {@code pseudonym.keyFingerprint} on {@code /actuator/info}; services that disagree would give one person
 * different pseudonymous ids, so their events would no longer meet. This asks every upstream of the routes (named by
 * route id) and is DOWN when the fingerprints differ, naming the services that differ from the majority (all of
 * them on a tie). A service that cannot be asked, or publishes no fingerprint, is UNKNOWN and does not make the
 * check DOWN; with no fingerprint at all the check is UNKNOWN. One round of answers is reused for
 * {@code tend.gateway.pseudonym-key-check.cache-for}, so that probes do not hammer the services.
 *
 * <p>Part of {@code /actuator/health} as {@code pseudonymKeys}, and of the readiness group: a gateway in front of
 * services that would split people's data should not take traffic.
 */
@Component("pseudonymKeys")
public class PseudonymKeyHealthIndicator implements ReactiveHealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(PseudonymKeyHealthIndicator.class);
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-fA-F]{8,64}");

    /** What one service said: its fingerprint, or why there is none. */
    record Observation(String fingerprint, String reason) {

        static Observation of(String fingerprint) {
            return new Observation(fingerprint, null);
        }

        static Observation unknown(String reason) {
            return new Observation(null, reason);
        }
    }

    private final RouteLocator routes;
    private final Upstreams addresses;
    private final JsonMapper json;
    private final WebClient http;
    private final Duration timeout;
    private final Mono<Health> cached;
    private final AtomicReference<Set<String>> lastDiffering = new AtomicReference<>(Set.of());

    public PseudonymKeyHealthIndicator(RouteLocator routes, JsonMapper json, PseudonymKeyCheckProperties properties,
                                       Upstreams addresses) {
        this.routes = routes;
        this.addresses = addresses;
        this.json = json;
        this.timeout = properties.timeout();
        HttpClient client = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .responseTimeout(timeout);
        this.http = WebClient.builder().clientConnector(new ReactorClientHttpConnector(client)).build();
        Duration cacheFor = properties.cacheFor();
        this.cached = Mono.defer(this::check).cache(health -> cacheFor, error -> Duration.ZERO, () -> Duration.ZERO);
    }

    @Override
    public Mono<Health> health() {
        return cached;
    }

    private Mono<Health> check() {
        return upstreams()
                .flatMapMany(upstreams -> Flux.fromIterable(upstreams.entrySet()))
                .flatMap(upstream -> observe(upstream.getValue()).map(seen -> Map.entry(upstream.getKey(), seen)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, TreeMap::new)
                .map(PseudonymKeyHealthIndicator::assess)
                .doOnNext(this::logChange);
    }

    /**
     * Each upstream address of the routes once (every instance of a load-balanced service), named by its route ids and,
     * when a service has several instances, the instance's address.
     */
    private Mono<Map<String, URI>> upstreams() {
        return routes.getRoutes()
                .flatMapIterable(route -> {
                    List<URI> bases = addresses.all(route.getUri());
                    return bases.stream().map(base -> Map.entry(base, bases.size() > 1
                            ? route.getId() + "@" + base.getRawAuthority() : route.getId())).toList();
                })
                .collectMultimap(Map.Entry::getKey, Map.Entry::getValue)
                .map(byUri -> byUri.entrySet().stream().collect(Collectors.toMap(
                        entry -> String.join(",", new TreeSet<>(entry.getValue())), Map.Entry::getKey,
                        (a, b) -> a, TreeMap::new)));
    }

    private Mono<Observation> observe(URI upstream) {
        return http.get().uri(upstream.resolve("/actuator/info")).accept(MediaType.APPLICATION_JSON)
                .retrieve().bodyToMono(String.class)
                .timeout(timeout.plusMillis(500))
                .map(this::fingerprintIn)
                .defaultIfEmpty(Observation.unknown("/actuator/info answered without a body"))
                .onErrorResume(error -> Mono.just(Observation.unknown(reason(error))));
    }

    private Observation fingerprintIn(String info) {
        JsonNode fingerprint;
        try {
            fingerprint = json.readTree(info).path("pseudonym").path("keyFingerprint");
        } catch (RuntimeException e) {
            return Observation.unknown("/actuator/info is not JSON");
        }
        if (!fingerprint.isString()) {
            return Observation.unknown("/actuator/info has no pseudonym.keyFingerprint");
        }
        String value = fingerprint.asString();
        return FINGERPRINT.matcher(value).matches() ? Observation.of(value.toLowerCase(Locale.ROOT))
                : Observation.unknown("pseudonym.keyFingerprint is not 8 to 64 hex digits");
    }

    private String reason(Throwable error) {
        if (error instanceof WebClientResponseException response) {
            return "/actuator/info answered HTTP " + response.getStatusCode().value();
        }
        if (error instanceof TimeoutException || error.getCause() instanceof TimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        return "unreachable";
    }

    /**
     * The verdict on what the services said: UP if every fingerprint is the same, DOWN if not (naming those that
     * differ from the majority, or all on a tie), UNKNOWN if none was given.
     */
    static Health assess(Map<String, Observation> observations) {
        Map<String, Long> counts = observations.values().stream().map(Observation::fingerprint)
                .filter(Objects::nonNull).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        long most = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
        List<String> mostHeld = counts.entrySet().stream().filter(entry -> entry.getValue() == most)
                .map(Map.Entry::getKey).toList();
        String majority = mostHeld.size() == 1 ? mostHeld.get(0) : null;

        Map<String, Object> services = new LinkedHashMap<>();
        List<String> differing = new ArrayList<>();
        observations.forEach((name, seen) -> {
            Map<String, Object> service = new LinkedHashMap<>();
            if (seen.fingerprint() == null) {
                service.put("status", Status.UNKNOWN.getCode());
                service.put("reason", seen.reason());
            } else {
                boolean agrees = counts.size() == 1 || seen.fingerprint().equals(majority);
                service.put("status", agrees ? Status.UP.getCode() : Status.DOWN.getCode());
                service.put("keyFingerprint", seen.fingerprint());
                if (!agrees) {
                    differing.add(name);
                }
            }
            services.put(name, service);
        });

        if (counts.isEmpty()) {
            return Health.unknown().withDetail("services", services)
                    .withDetail("reason", "no service published a pseudonym key fingerprint").build();
        }
        if (counts.size() == 1) {
            return Health.up().withDetail("services", services).build();
        }
        return Health.down().withDetail("services", services).withDetail("differing", differing)
                .withDetail("reason", majority == null
                        ? "the services' pseudonym keys differ and no key is held by a majority"
                        : "these services' pseudonym keys differ from the majority's")
                .build();
    }

    @SuppressWarnings("unchecked")
    private void logChange(Health health) {
        Set<String> differing = Set.copyOf((List<String>) health.getDetails().getOrDefault("differing", List.of()));
        Set<String> before = lastDiffering.getAndSet(differing);
        if (!differing.isEmpty() && !differing.equals(before)) {
            log.warn("pseudonym keys differ: {} hold a key other than the majority's (or no key has a majority); "
                    + "pseudonymous ids would not match across services", new TreeSet<>(differing));
        } else if (differing.isEmpty() && !before.isEmpty()) {
            log.info("pseudonym keys agree again");
        }
    }
}
