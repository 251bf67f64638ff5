package org.tend.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker (4.1, KRaft combined mode: one node that is both broker and controller) running
 * in a JVM of its own, started from the Kafka jars on this module's classpath.
 *
 * <p>Why a real broker in its own JVM: the local stack and the end-to-end tests should run the same broker
 * that production runs, and a test must be able to stop it and start it again mid-stream (to prove that
 * events written while the broker was down are delivered when it is back) without stopping the test itself.
 * No Docker, no download: the jars come from Maven Central like every other dependency.
 *
 * <p>Persistence: everything lives in the data directory given by the caller. The storage is formatted only
 * when it was never formatted ({@code meta.properties} absent), by {@code kafka.tools.StorageTool format} run
 * in the broker's JVM just before the broker ({@link KafkaBrokerMain}); so a broker restarted on the same
 * directory keeps its topics, records and committed offsets. The controller port is remembered in the directory and reused when it is still free.
 * The quorum is static ({@code controller.quorum.voters}), which keeps restarts independent of that port.
 *
 * <p>Settings suit a one-node development broker: replication factor 1 for every internal topic, fewer
 * partitions for the internal topics (10, not 50: faster first use), fewer I/O threads and a 16 MiB log
 * cleaner buffer (the default 128 MiB would be most of the heap), JVM {@code -Xmx384m -XX:+UseSerialGC
 * -XX:TieredStopAtLevel=1} ({@link #DEFAULT_JVM_OPTIONS}).
 * Retention stays Kafka's default; Tend's topics set {@code retention.ms=-1} themselves. Automatic topic
 * creation stays on (the services create their topics with Spring's {@code KafkaAdmin} anyway).
 *
 * <p>Output of the broker JVM goes to {@code broker.log} in the data directory.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

    /**
     * JVM options of the broker's child JVM unless the caller gives others. C1 only: measured here on 2 busy
     * cores, the broker came up in 3–5 s with it against 7–16 s without (no difference in RSS); a one-node
     * development broker never needs C2's peak throughput.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");
    /** How long {@link #start()} waits for the broker to answer an admin request. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    /** How long {@link #stop()} waits for Kafka's controlled shutdown before killing the JVM. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;

    private final Path dataDir;
    private final int port;
    private final List<String> jvmOptions;
    private final Object startLock = new Object();
    private ChildJvm jvm;
    private boolean stopRequested;
    private Duration lastStartTime = Duration.ZERO;

    /** A broker on {@code port} (0: a free port, chosen now and kept for restarts) storing into {@code dataDir}. */
    public KafkaBroker(Path dataDir, int port) {
        this(dataDir, port, DEFAULT_JVM_OPTIONS);
    }

    /** As {@link #KafkaBroker(Path, int)}, with the broker JVM's options. */
    public KafkaBroker(Path dataDir, int port, List<String> jvmOptions) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = FreePorts.orFree(port);
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** A broker on a free port. */
    public static KafkaBroker onFreePort(Path dataDir) {
        return new KafkaBroker(dataDir, 0);
    }

    /** Starts the broker and waits up to {@link #DEFAULT_START_TIMEOUT} until it serves admin requests. */
    public void start() {
        start(DEFAULT_START_TIMEOUT);
    }

    /**
     * Formats the storage if needed, launches the broker JVM and blocks until an {@link Admin} client can
     * describe the cluster. Fails (and stops the JVM) on timeout, or at once with the log tail if the JVM
     * exits. A no-op if the broker is already running.
     */
    public void start(Duration timeout) {
        synchronized (startLock) {
            if (isRunning()) {
                return;
            }
            long began = System.nanoTime();
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create broker data dir " + dataDir, e);
            }
            if (!FreePorts.isFree(port)) {
                throw new IllegalStateException("Kafka port " + port + " on " + HOST
                        + " is taken (another broker or an earlier run still alive?)");
            }
            Path config = writeConfig(controllerPort());
            List<String> options = new ArrayList<>(jvmOptions);
            options.add("-D" + KafkaBrokerMain.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
            if (!isFormatted()) {
                String clusterId = Uuid.randomUuid().toString();
                options.add("-D" + KafkaBrokerMain.FORMAT_CLUSTER_ID_PROPERTY + "=" + clusterId);
                log.info("Kafka storage in {} is not formatted yet; the broker formats it (cluster id {})", logDir(),
                        clusterId);
            }
            options.add("-Dorg.slf4j.simpleLogger.showThreadName=false");
            ChildJvm launched = ChildJvm.ofMainClass("kafka-broker", options, KafkaBrokerMain.class.getName(),
                    List.of(config.toString()), Map.of(), logFile(), STOP_GRACE);
            synchronized (this) {
                stopRequested = false;
                jvm = launched;
                launched.start();
            }
            try {
                awaitReady(launched, timeout);
            } catch (RuntimeException e) {
                launched.stop(Duration.ofSeconds(5));
                throw e;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            synchronized (this) {
                lastStartTime = took;
            }
            log.info("Kafka broker up at {} in {} ms (pid {}, data {})", bootstrapServers(), took.toMillis(),
                    launched.pid(), dataDir);
        }
    }

    /**
     * Graceful stop: SIGTERM (Kafka's controlled shutdown), forcibly after {@link #STOP_GRACE}. Idempotent;
     * also ends a {@link #start} that is still waiting (from another thread, e.g. a shutdown hook).
     */
    public void stop() {
        ChildJvm running;
        synchronized (this) {
            stopRequested = true;
            running = jvm;
        }
        if (running != null) {
            running.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** {@code 127.0.0.1:<port>}; known before {@link #start()}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** Whether the broker JVM is alive. */
    public synchronized boolean isRunning() {
        return jvm != null && jvm.isAlive();
    }

    /** The client port. */
    public int port() {
        return port;
    }

    /** The data directory (storage, config and log). */
    public Path dataDir() {
        return dataDir;
    }

    /** The broker JVM's stdout/stderr. */
    public Path logFile() {
        return dataDir.resolve("broker.log");
    }

    /** Pid of the broker JVM, or -1 when it was never started. */
    public synchronized long pid() {
        return jvm == null ? -1 : jvm.pid();
    }

    /** Resident set size of the broker JVM, 0 when it does not run. */
    public synchronized long rssBytes() {
        return jvm == null ? 0 : jvm.rssBytes();
    }

    /** Time the last {@link #start()} took, from launch (including a first format) to ready. */
    public synchronized Duration lastStartTime() {
        return lastStartTime;
    }

    private Path logDir() {
        return dataDir.resolve("kraft-logs");
    }

    private int controllerPort() {
        Path remembered = dataDir.resolve("controller.port");
        try {
            if (Files.isRegularFile(remembered)) {
                int previous = Integer.parseInt(Files.readString(remembered).trim());
                if (previous != port && FreePorts.isFree(previous)) {
                    return previous;
                }
            }
            int fresh = FreePorts.find();
            Files.writeString(remembered, Integer.toString(fresh));
            return fresh;
        } catch (IOException | NumberFormatException e) {
            return FreePorts.find();
        }
    }

    private Path writeConfig(int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(NODE_ID));
        p.setProperty("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir().toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "10");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "4");
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        Path file = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "Written by org.tend.local.KafkaBroker at every start; edits are overwritten");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private boolean isFormatted() {
        return Files.isRegularFile(logDir().resolve("meta.properties"));
    }

    private void awaitReady(ChildJvm launched, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 100);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "tend-local-readiness");
        try (Admin admin = Admin.create(props)) {
            while (true) {
                synchronized (this) {
                    if (stopRequested) {
                        throw new IllegalStateException("Kafka broker stopped while starting");
                    }
                }
                if (!launched.isAlive()) {
                    throw new IllegalStateException("Kafka broker exited during start (exit " + launched.exitCode()
                            + "); log " + logFile() + ":\n" + launched.logTail(40));
                }
                try {
                    Collection<Node> nodes = admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // not up yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka broker at " + bootstrapServers() + " not ready within "
                            + timeout + "; log " + logFile() + ":\n" + launched.logTail(40));
                }
                sleep(200);
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
