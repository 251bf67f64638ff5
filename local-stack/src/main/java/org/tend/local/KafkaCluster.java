package org.tend.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack's Kafka: one broker, or a cluster of three (KRaft, every node both broker and controller, a static
 * quorum), each node a {@link KafkaBroker} in a JVM of its own, from the same jars.
 *
 * <p>A cluster of three is what a production deployment runs: every topic has three replicas and requires two in
 * sync ({@code min.insync.replicas=2}), the consumer offsets and transaction state likewise, so an acknowledged
 * record is on two brokers and writes go on while any one broker is down. Every client logs in over SASL/SCRAM as its
 * own principal and may do only what {@link TopicAccess} grants: the same credentials file serves every node, and the
 * topics, credentials and ACLs are applied once, through any node, when all are up.
 *
 * <p><b>Supervision.</b> A node whose JVM dies without {@link #stop()} (a crash, {@code kill -9}) is started again by
 * a watchdog on the same ports and the same storage, so it rejoins with its data and clients reconnect to the address
 * they know; nothing else has to be restarted. The single broker is supervised the same way.
 *
 * <p>Layout: one broker keeps the layout it always had (storage and credentials directly in the directory); a cluster
 * has {@code node-1} to {@code node-3} under it, with {@code credentials.properties}, {@code cluster.id} and
 * {@code controller.ports} beside them.
 */
public final class KafkaCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaCluster.class);
    /** How often the watchdog looks at the nodes. */
    static final Duration SUPERVISION_INTERVAL = Duration.ofMillis(500);

    private final Path dir;
    private final List<KafkaBroker> nodes;
    private final KafkaCredentials credentials;
    private final int replicationFactor;
    private final Consumer<String> progress;
    private volatile boolean stopRequested;
    private volatile Thread watchdog;
    private int restarts;

    private KafkaCluster(Path dir, List<KafkaBroker> nodes, KafkaCredentials credentials, int replicationFactor,
                         Consumer<String> progress) {
        this.dir = dir;
        this.nodes = List.copyOf(nodes);
        this.credentials = credentials;
        this.replicationFactor = replicationFactor;
        this.progress = progress;
    }

    /** One broker storing into {@code dir}, on {@code port} (0: free), as the local stack has always run it. */
    public static KafkaCluster single(Path dir, int port, List<String> jvmOptions, Consumer<String> progress) {
        return single(dir, port, jvmOptions, progress, true);
    }

    /**
     * {@link #single}, or without any security when {@code secured} is false: no SASL, no ACLs (DEVELOPMENT ONLY:
     * the benchmark measures what security costs against it).
     */
    public static KafkaCluster single(Path dir, int port, List<String> jvmOptions, Consumer<String> progress,
                                      boolean secured) {
        KafkaBroker broker = secured ? new KafkaBroker(dir, port, jvmOptions)
                : new KafkaBroker(dir, port, jvmOptions, KafkaCredentials.in(dir.toAbsolutePath()),
                        KafkaBroker.Membership.ALONE.unsecured());
        return new KafkaCluster(dir.toAbsolutePath(), List.of(broker), KafkaCredentials.in(dir.toAbsolutePath()), 1,
                progress);
    }

    /**
     * Three brokers under {@code dir} on {@code ports} (each 0: free), replication factor 3 and two in sync. The
     * controller ports are chosen at the first start and kept in the directory, as the static quorum names them.
     */
    public static KafkaCluster ofThree(Path dir, List<Integer> ports, List<String> jvmOptions,
                                       Consumer<String> progress) {
        return ofThree(dir, ports, jvmOptions, progress, true);
    }

    /** {@link #ofThree}, or without any security when {@code secured} is false (DEVELOPMENT ONLY, benchmark). */
    public static KafkaCluster ofThree(Path dir, List<Integer> ports, List<String> jvmOptions,
                                       Consumer<String> progress, boolean secured) {
        if (ports.size() != 3) {
            throw new IllegalArgumentException("a cluster has three brokers, not " + ports.size());
        }
        Path root = dir.toAbsolutePath();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
        KafkaCredentials credentials = KafkaCredentials.in(root);
        String clusterId = remembered(root.resolve("cluster.id"), () -> Uuid.randomUuid().toString());
        List<Integer> controllerPorts = Arrays.stream(remembered(root.resolve("controller.ports"),
                () -> FreePorts.find() + "," + FreePorts.find() + "," + FreePorts.find()).split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        String voters = "";
        for (int i = 0; i < 3; i++) {
            voters += (i == 0 ? "" : ",") + (i + 1) + "@" + KafkaBroker.HOST + ":" + controllerPorts.get(i);
        }
        List<KafkaBroker> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            KafkaBroker.Membership membership = new KafkaBroker.Membership(i + 1, controllerPorts.get(i), voters, 3, 2,
                    clusterId, false, secured);
            nodes.add(new KafkaBroker(root.resolve("node-" + (i + 1)), ports.get(i), jvmOptions, credentials,
                    membership));
        }
        return new KafkaCluster(root, nodes, credentials, 3, progress);
    }

    private static String remembered(Path file, java.util.function.Supplier<String> fresh) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file).trim();
            }
            String value = fresh.get();
            Files.writeString(file, value);
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    /**
     * Starts every node (at once: a node of a cluster is ready only when a majority of the quorum runs), applies
     * {@link TopicAccess} once, then supervises the nodes. Fails, stopping what started, if any node fails.
     */
    public void start(Duration timeout) {
        stopRequested = false;
        credentials.ensure(TopicAccess.allUserNames());
        if (nodes.size() == 1) {
            nodes.get(0).start(timeout);
        } else {
            List<CompletableFuture<Void>> started = nodes.stream().map(node -> CompletableFuture.runAsync(
                    () -> node.start(timeout), runnable -> {
                        Thread thread = new Thread(runnable, "tend-kafka-start-" + node.nodeId());
                        thread.setDaemon(true);
                        thread.start();
                    })).toList();
            try {
                CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                stop();
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            try (Admin admin = Admin.create(nodes.get(0).adminConfig())) {
                nodes.get(0).provision(admin, replicationFactor);
            } catch (RuntimeException e) {
                stop();
                throw e;
            }
        }
        startWatchdog();
    }

    private synchronized void startWatchdog() {
        Thread thread = new Thread(this::supervise, "tend-kafka-watchdog");
        thread.setDaemon(true);
        watchdog = thread;
        thread.start();
    }

    private void supervise() {
        while (!stopRequested) {
            // Every node found dead is started again at once: a node of a cluster is ready only when a majority of
            // the quorum runs, so two dead nodes started one after the other would each wait for the other.
            List<KafkaBroker> dead = nodes.stream().filter(KafkaBroker::hasDied).toList();
            if (!dead.isEmpty() && !stopRequested) {
                List<Thread> restarting = new ArrayList<>();
                for (KafkaBroker node : dead) {
                    Thread thread = new Thread(() -> restart(node), "tend-kafka-restart-" + node.nodeId());
                    thread.setDaemon(true);
                    thread.start();
                    restarting.add(thread);
                }
                for (Thread thread : restarting) {
                    try {
                        thread.join();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            try {
                Thread.sleep(SUPERVISION_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void restart(KafkaBroker node) {
        String which = nodes.size() == 1 ? "the Kafka broker" : "Kafka broker " + node.nodeId();
        log.warn("{} at {} is gone; starting it again on the same port and storage", which, node.bootstrapServers());
        progress.accept(which + " stopped unexpectedly; restarting it at " + node.bootstrapServers());
        try {
            node.start(KafkaBroker.DEFAULT_START_TIMEOUT);
            synchronized (this) {
                restarts++;
            }
            progress.accept(which + " is back in " + node.lastStartTime().toMillis() + " ms");
        } catch (RuntimeException e) {
            log.warn("restarting {} failed (trying again): {}", which, e.toString());
        }
    }

    /** Stops every node (controlled shutdown) and the watchdog. Idempotent. */
    public void stop() {
        stopRequested = true;
        Thread thread = watchdog;
        if (thread != null) {
            thread.interrupt();
            try {
                // A restart in progress ends (or fails) before the nodes are stopped, so none is launched after.
                thread.join(KafkaBroker.DEFAULT_START_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // All at once, each on a thread of its own: a cluster node's controlled shutdown waits for the others.
        List<Thread> stopping = new ArrayList<>();
        for (KafkaBroker node : nodes) {
            Thread stopper = new Thread(node::stop, "tend-kafka-stop-" + node.nodeId());
            stopper.setDaemon(true);
            stopper.start();
            stopping.add(stopper);
        }
        for (Thread stopper : stopping) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Every node's address, comma-separated, as clients take it. */
    public String bootstrapServers() {
        return nodes.stream().map(KafkaBroker::bootstrapServers).collect(Collectors.joining(","));
    }

    /** How a principal of {@link TopicAccess} (or the admin) connects to the cluster. */
    public KafkaLogin login(String user) {
        KafkaLogin one = nodes.get(0).login(user);
        return new KafkaLogin(bootstrapServers(), one.username(), one.password());
    }

    /** The nodes, by node id - 1. */
    public List<KafkaBroker> nodes() {
        return nodes;
    }

    /** A node by its id (1 to 3; 1 for a single broker). */
    public KafkaBroker node(int nodeId) {
        return nodes.get(nodeId - 1);
    }

    /** How many nodes (1 or 3). */
    public int size() {
        return nodes.size();
    }

    /** Replicas of each topic. */
    public int replicationFactor() {
        return replicationFactor;
    }

    /** How many times the watchdog has started a node again (counted once the node serves again). */
    public synchronized int restarts() {
        return restarts;
    }

    /** The file with every principal's password. */
    public Path credentialsFile() {
        return credentials.file();
    }

    /** The directory. */
    public Path dir() {
        return dir;
    }

    /** The RSS of every node's JVM. */
    public long rssBytes() {
        return nodes.stream().mapToLong(KafkaBroker::rssBytes).sum();
    }

    /** The longest time a node's last start took. */
    public Duration lastStartTime() {
        return nodes.stream().map(KafkaBroker::lastStartTime).max(Duration::compareTo).orElse(Duration.ZERO);
    }
}
