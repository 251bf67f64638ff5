package org.tend.gateway.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import reactor.core.publisher.Flux;

/**
 * The addresses of each upstream service ({@code tend.upstreams.<service>}: one address, or several separated by
 * commas, from {@code TEND_ASSESSMENT_URL} and its siblings), served to Spring Cloud LoadBalancer as a discovery
 * client. The routes name a service ({@code lb://assessment}) and the load balancer spreads requests over its
 * instances in turn; with one address it is simply that address. In production the address is usually one name
 * that a load balancer or a Kubernetes Service spreads itself; locally, {@code run-local.sh --cluster} lists two
 * instances of each service.
 *
 * <p>The gateway's own calls to the services (the combined API document, the record export, the pseudonym key check)
 * use {@link #next(URI)} and {@link #all(URI)} on a route's URI, so that they, too, reach every instance.
 *
 * @param addresses by service id (the host of the routes' {@code lb://} URIs), each service's base URIs
 */
@ConfigurationProperties("tend.upstreams")
public record Upstreams(Map<String, List<URI>> addresses) implements ReactiveDiscoveryClient {

    /** The scheme of a route that the load balancer resolves. */
    public static final String LOAD_BALANCED = "lb";

    /**
     * How long an instance that refused a connection is left out of the rotation: long enough for the retries of the
     * request that met it (and of those beside it) to go elsewhere, short enough that a restarted instance is back in
     * turn within seconds.
     */
    public static final java.time.Duration REFUSED_FOR = java.time.Duration.ofSeconds(3);

    private static final Map<String, AtomicInteger> TURNS = new ConcurrentHashMap<>();
    /** By {@code host:port}: until when (System.nanoTime) an instance that refused a connection is left out. */
    private static final Map<String, Long> REFUSED_UNTIL = new ConcurrentHashMap<>();

    public Upstreams {
        Map<String, List<URI>> copy = new LinkedHashMap<>();
        (addresses == null ? Map.<String, List<URI>>of() : addresses).forEach((service, uris) -> {
            List<URI> bases = uris == null ? List.of() : uris.stream().filter(Objects::nonNull).map(Upstreams::base)
                    .distinct().toList();
            if (bases.isEmpty()) {
                throw new IllegalArgumentException("tend.upstreams." + service + " names no address");
            }
            copy.put(service, bases);
        });
        addresses = Map.copyOf(copy);
    }

    private static URI base(URI uri) {
        if (uri.getScheme() == null || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("an upstream address is http(s)://host[:port], not " + uri);
        }
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    @Override
    public String description() {
        return "Tend upstream addresses (tend.upstreams)";
    }

    /**
     * The service's instances, less those that refused a connection in the last {@link #REFUSED_FOR} (all of them if
     * every one did: then the request meets the refusal and its caller a 503). The load balancer asks for every
     * request (its cache is off), so a retry after a refusal goes to an instance that is not known to be down.
     */
    @Override
    public Flux<ServiceInstance> getInstances(String serviceId) {
        List<URI> all = addresses.getOrDefault(serviceId, List.of());
        long now = System.nanoTime();
        List<URI> live = all.stream().filter(uri -> REFUSED_UNTIL.getOrDefault(key(uri), now) - now <= 0).toList();
        List<URI> uris = live.isEmpty() ? all : live;
        return Flux.range(0, uris.size()).map(i -> {
            URI uri = uris.get(i);
            boolean secure = "https".equalsIgnoreCase(uri.getScheme());
            int port = uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
            return new DefaultServiceInstance(serviceId + "-" + (i + 1), serviceId, uri.getHost(), port, secure);
        });
    }

    @Override
    public Flux<String> getServices() {
        return Flux.fromIterable(addresses.keySet());
    }

    /** Leaves the instance at {@code uri} (any URI with its host and port) out of the rotation for a while. */
    public static void refused(URI uri) {
        if (uri != null && uri.getHost() != null) {
            REFUSED_UNTIL.put(key(uri), System.nanoTime() + REFUSED_FOR.toNanos());
        }
    }

    /** {@code host:port} with the scheme's port when the URI names none, as the load balancer's URIs always do. */
    private static String key(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost().toLowerCase(java.util.Locale.ROOT) + ":" + port;
    }

    /**
     * Every base URI a route's URI stands for: its instances for {@code lb://service}, else the URI's own base.
     * Empty for a load-balanced service with no addresses.
     */
    public List<URI> all(URI routeUri) {
        if (LOAD_BALANCED.equalsIgnoreCase(routeUri.getScheme())) {
            return addresses.getOrDefault(routeUri.getHost(), List.of());
        }
        return List.of(base(routeUri));
    }

    /**
     * The base URI a call through this route goes to now: the route's instances in turn (the next one at each call),
     * or its own base. Null for a load-balanced service with no addresses.
     */
    public URI next(URI routeUri) {
        List<URI> bases = all(routeUri);
        if (bases.isEmpty()) {
            return null;
        }
        AtomicInteger turn = TURNS.computeIfAbsent(routeUri.getHost(), host -> new AtomicInteger());
        return bases.get(Math.floorMod(turn.getAndIncrement(), bases.size()));
    }
}
