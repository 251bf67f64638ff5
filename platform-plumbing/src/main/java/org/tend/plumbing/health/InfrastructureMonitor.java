package org.tend.plumbing.health;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Watches the two things a service cannot work without, from its own thread, so that no request and no health probe
 * ever waits on them: its MongoDB ({@code ping}, bounded by {@code timeout}) and its Kafka cluster
 * ({@code describeCluster}, bounded the same way), every {@code interval}. The last result of each is what the
 * {@code store} and {@code broker} health components, the readiness group and {@link UnavailableFilter} read.
 */
public class InfrastructureMonitor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InfrastructureMonitor.class);

    /** One dependency's state: reachable or not, since when, and why not. */
    public record Reachability(boolean reachable, Instant since, String problem) {
    }

    private final MongoDatabase database;
    private final Map<String, Object> kafkaConfig;
    private final Duration interval;
    private final Duration timeout;
    private final Clock clock;
    private final AtomicReference<Reachability> store;
    private final AtomicReference<Reachability> broker;
    private volatile ScheduledExecutorService executor;
    private volatile Admin admin;

    /**
     * @param kafkaConfig the connection settings of the service's Kafka clients (bootstrap servers, security)
     */
    public InfrastructureMonitor(MongoDatabase database, Map<String, Object> kafkaConfig, Duration interval,
                                 Duration timeout, Clock clock) {
        this.database = database.withTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        this.kafkaConfig = kafkaConfig;
        this.interval = interval;
        this.timeout = timeout;
        this.clock = clock;
        this.store = new AtomicReference<>(new Reachability(true, clock.instant(), null));
        this.broker = new AtomicReference<>(new Reachability(true, clock.instant(), null));
    }

    public Reachability store() {
        return store.get();
    }

    public Reachability broker() {
        return broker.get();
    }

    /** Checks both once, now. */
    public void check() {
        update("store", store, this::pingStore);
        update("broker", broker, this::describeCluster);
    }

    private void pingStore() {
        database.runCommand(new Document("ping", 1));
    }

    private void describeCluster() throws Exception {
        Admin client = admin;
        if (client == null) {
            Map<String, Object> config = new HashMap<>(kafkaConfig);
            int millis = (int) timeout.toMillis();
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
            config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "tend-infrastructure-monitor");
            client = Admin.create(config);
            admin = client;
        }
        if (client.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).nodes()
                .get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS).isEmpty()) {
            throw new IllegalStateException("the cluster has no broker");
        }
    }

    @FunctionalInterface
    private interface Probe {
        void run() throws Exception;
    }

    private void update(String name, AtomicReference<Reachability> state, Probe probe) {
        String problem = null;
        try {
            probe.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            problem = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        boolean reachable = problem == null;
        Reachability previous = state.get();
        if (previous.reachable() != reachable) {
            state.set(new Reachability(reachable, clock.instant(), problem));
            if (reachable) {
                log.info("the {} is reachable again", name);
            } else {
                log.warn("the {} is unreachable; readiness is DOWN: {}", name,
                        problem);
            }
        } else if (!reachable) {
            state.set(new Reachability(false, previous.since(), problem));
        }
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        check();
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tend-infrastructure-monitor");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                check();
            } catch (RuntimeException e) {
                log.warn("checking the store and the broker failed: {}", e.toString());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
