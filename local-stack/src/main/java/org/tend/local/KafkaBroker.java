package org.tend.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterUserScramCredentialsOptions;
import org.apache.kafka.clients.admin.CreateAclsOptions;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DeleteAclsOptions;
import org.apache.kafka.clients.admin.DescribeAclsOptions;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TopicExistsException;
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
 * <p>Security: clients connect over {@code SASL_PLAINTEXT} with SCRAM-SHA-512, each as its own principal, and
 * the standard KRaft authorizer refuses whatever {@link TopicAccess} does not allow
 * ({@code allow.everyone.if.no.acl.found=false}). Every {@link #start()} then makes the broker match that
 * table as the {@code admin} principal: SCRAM credentials ({@link KafkaCredentials}), every topic, and exactly the
 * table's ACLs (bindings no longer in it are deleted). The broker's own principal uses the client listener between
 * brokers, and SASL/PLAIN on the controller listener (see {@code writeConfig}). The broker's and the admin's SCRAM
 * credentials are written when the storage is formatted ({@code --add-scram}), so the admin can log in from the
 * first start. No listener accepts an unauthenticated client; a plaintext controller listener would have needed
 * {@code User:ANONYMOUS} as a super user, open to any local process.
 *
 * <p>Settings suit a one-node development broker: replication factor 1 for every internal topic, fewer
 * partitions for the internal topics (10, not 50: faster first use), fewer I/O threads and a 16 MiB log
 * cleaner buffer (the default 128 MiB would be most of the heap), JVM {@code -Xmx384m -XX:+UseSerialGC
 * -XX:TieredStopAtLevel=1} ({@link #DEFAULT_JVM_OPTIONS}).
 * Retention stays Kafka's default; Tend's topics set {@code retention.ms=-1} themselves. Automatic topic
 * creation is off: the start creates every topic, and no client has the right to create one.
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

    static final String HOST = "127.0.0.1";

    /**
     * Where a node stands in its cluster: its id, its fixed controller port and the whole static quorum, the
     * replication of every topic and of the internal ones, and whether this node applies {@link TopicAccess} itself
     * when it starts (a lone broker does; {@link KafkaCluster} does it once for all its nodes).
     */
    record Membership(int nodeId, Integer controllerPort, String voters, int replicationFactor, int minInsyncReplicas,
                      String clusterId, boolean provisionsAtStart, boolean secured) {

        static final Membership ALONE = new Membership(1, null, null, 1, 1, null, true, true);

        Membership unsecured() {
            return new Membership(nodeId, controllerPort, voters, replicationFactor, minInsyncReplicas, clusterId,
                    provisionsAtStart, false);
        }
    }

    private final Path dataDir;
    private final Membership membership;
    private final KafkaCredentials credentials;
    private final boolean formattedWithoutCredentials;
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
        this(dataDir, port, jvmOptions, KafkaCredentials.in(dataDir.toAbsolutePath()), Membership.ALONE);
    }

    /** A node of a {@link KafkaCluster}: the cluster's credentials and quorum. */
    KafkaBroker(Path dataDir, int port, List<String> jvmOptions, KafkaCredentials credentials, Membership membership) {
        this.dataDir = dataDir.toAbsolutePath();
        this.membership = membership;
        this.credentials = credentials;
        // Decided before any password is generated, which would hide that the storage predates them.
        this.formattedWithoutCredentials = isFormatted() && !credentials.exist();
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
     * Formats the storage if needed, launches the broker JVM, blocks until the admin can describe the cluster,
     * then applies {@link TopicAccess}. Fails (and stops the JVM) on timeout, or at once with the log tail if the
     * JVM exits. A no-op if the broker is already running.
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
            requireCredentials();
            credentials.ensure(TopicAccess.allUserNames());
            Path config = writeConfig(controllerPort());
            List<String> options = new ArrayList<>(jvmOptions);
            options.add("-D" + KafkaBrokerMain.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
            options.add("-D" + KafkaBrokerMain.CREDENTIALS_DIR_PROPERTY + "=" + credentials.file().getParent());
            if (!isFormatted()) {
                String clusterId = membership.clusterId() != null ? membership.clusterId() : Uuid.randomUuid().toString();
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
            long provisioningMillis = 0;
            try (Admin admin = Admin.create(adminConfig())) {
                awaitReady(admin, launched, timeout);
                if (membership.provisionsAtStart()) {
                    long provisioning = System.nanoTime();
                    provision(admin, membership.replicationFactor());
                    provisioningMillis = Duration.ofNanos(System.nanoTime() - provisioning).toMillis();
                }
            } catch (RuntimeException e) {
                launched.stop(Duration.ofSeconds(5));
                throw e;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            synchronized (this) {
                lastStartTime = took;
            }
            log.info("Kafka broker up at {} in {} ms, of which {} ms applying credentials, topics and ACLs (pid {}, "
                    + "data {})", bootstrapServers(), took.toMillis(), provisioningMillis, launched.pid(), dataDir);
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

    /**
     * How {@code user} connects: the {@link TopicAccess#ADMIN admin} or a principal of {@link TopicAccess}. The
     * password is generated (and kept) the first time.
     */
    public KafkaLogin login(String user) {
        if (!TopicAccess.ADMIN.equals(user) && TopicAccess.principal(user).isEmpty()) {
            throw new IllegalArgumentException("no Kafka principal " + user + " (see TopicAccess)");
        }
        if (!membership.secured()) {
            return KafkaLogin.unsecured(bootstrapServers());
        }
        requireCredentials();
        return new KafkaLogin(bootstrapServers(), user, credentials.password(user));
    }

    /** The admin's login (a super user). */
    public KafkaLogin adminLogin() {
        return login(TopicAccess.ADMIN);
    }

    /** The file that keeps every principal's password. */
    public Path credentialsFile() {
        return credentials.file();
    }

    /** Whether the broker JVM is alive. */
    public synchronized boolean isRunning() {
        return jvm != null && jvm.isAlive();
    }

    /**
     * Whether the broker was started and its JVM is gone without {@link #stop()} being called: it crashed or was
     * killed, and a supervisor should start it again.
     */
    public synchronized boolean hasDied() {
        return jvm != null && !jvm.isAlive() && !stopRequested;
    }

    /** Kills the broker's JVM at once (SIGKILL), as a crash would: for fault drills. Its supervisor restarts it. */
    public void kill() {
        ChildJvm running;
        synchronized (this) {
            running = jvm;
        }
        if (running != null) {
            ProcessHandle.of(running.pid()).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** The node's id in its cluster (1 for a lone broker). */
    public int nodeId() {
        return membership.nodeId();
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

    private void requireCredentials() {
        if (formattedWithoutCredentials) {
            throw new IllegalStateException("The Kafka storage in " + logDir() + " has no credentials file ("
                    + credentials.file() + "): it was made before the broker required SASL, or the file was deleted. "
                    + "Delete " + dataDir + " to start afresh; for the local stack delete its whole data directory, "
                    + "since the services' stores remember what they published.");
        }
    }

    private Path logDir() {
        return dataDir.resolve("kraft-logs");
    }

    private int controllerPort() {
        if (membership.controllerPort() != null) {
            return membership.controllerPort();
        }
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
        p.setProperty("node.id", Integer.toString(membership.nodeId()));
        p.setProperty("controller.quorum.voters", membership.voters() != null ? membership.voters()
                : membership.nodeId() + "@" + HOST + ":" + controllerPort);
        p.setProperty("listeners", "CLIENT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.setProperty("advertised.listeners", "CLIENT://" + HOST + ":" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "CLIENT");
        if (!membership.secured()) {
            // DEVELOPMENT ONLY, for the benchmark of what security costs: no login, no authorizer.
            p.setProperty("listener.security.protocol.map", "CLIENT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            return withCommonSettings(p);
        }
        p.setProperty("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        String brokerPassword = credentials.password(TopicAccess.BROKER);
        p.setProperty("sasl.enabled.mechanisms", KafkaLogin.SASL_MECHANISM);
        p.setProperty("sasl.mechanism.inter.broker.protocol", KafkaLogin.SASL_MECHANISM);
        p.setProperty("listener.name.client.scram-sha-512.sasl.jaas.config",
                new KafkaLogin(bootstrapServers(), TopicAccess.BROKER, brokerPassword).jaasConfig());
        // Not SCRAM on the controller listener: its credentials live in the metadata log the controllers serve,
        // and KRaft does not support SCRAM between controllers. A static PLAIN user, the broker alone, needs no log.
        p.setProperty("sasl.mechanism.controller.protocol", "PLAIN");
        p.setProperty("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.setProperty("listener.name.controller.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + TopicAccess.BROKER
                        + "\" password=\"" + brokerPassword + "\" user_" + TopicAccess.BROKER + "=\"" + brokerPassword
                        + "\";");
        p.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.setProperty("allow.everyone.if.no.acl.found", "false");
        p.setProperty("super.users", "User:" + TopicAccess.BROKER + ";User:" + TopicAccess.ADMIN);
        return withCommonSettings(p);
    }

    /** The settings that do not depend on security, then the file written. */
    private Path withCommonSettings(Properties p) {
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("log.dirs", logDir().toString());
        String replication = Integer.toString(membership.replicationFactor());
        String minInsync = Integer.toString(membership.minInsyncReplicas());
        p.setProperty("num.partitions", "1");
        p.setProperty("default.replication.factor", replication);
        p.setProperty("min.insync.replicas", minInsync);
        p.setProperty("offsets.topic.replication.factor", replication);
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.replication.factor", replication);
        p.setProperty("transaction.state.log.min.isr", minInsync);
        p.setProperty("transaction.state.log.num.partitions", "10");
        p.setProperty("share.coordinator.state.topic.replication.factor", replication);
        p.setProperty("share.coordinator.state.topic.min.isr", minInsync);
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "4");
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        Path file = dataDir.resolve("server.properties");
        try {
            // It holds the broker's password.
            Files.deleteIfExists(file);
            KafkaCredentials.ownerOnly(Files.createFile(file));
            try (OutputStream out = Files.newOutputStream(file)) {
                p.store(out, "Written by org.tend.local.KafkaBroker at every start; edits are overwritten");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private boolean isFormatted() {
        return Files.isRegularFile(logDir().resolve("meta.properties"));
    }

    Map<String, Object> adminConfig() {
        Map<String, Object> props = new HashMap<>(adminLogin().clientConfig());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 100);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "tend-local-admin");
        return props;
    }

    private void awaitReady(Admin admin, ChildJvm launched, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long firstRefusal = 0;
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
            } catch (ExecutionException e) {
                // Not up yet; but a login refused for a while means the stored credentials do not match.
                if (e.getCause() instanceof AuthenticationException refused) {
                    long now = System.nanoTime();
                    firstRefusal = firstRefusal == 0 ? now : firstRefusal;
                    if (now - firstRefusal > Duration.ofSeconds(5).toNanos()) {
                        throw new IllegalStateException("the Kafka broker refuses the admin's login ("
                                + refused.getMessage() + "); do " + credentials.file()
                                + " and the broker's storage belong together?", refused);
                    }
                }
            } catch (TimeoutException e) {
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

    /**
     * Makes the broker match {@link TopicAccess}: every principal's credentials, every topic, exactly its ACLs. The
     * three requests go out together: on a restart, when nothing changes, this is one round trip, not three.
     */
    void provision(Admin admin, int replicationFactor) {
        if (!membership.secured()) {
            provisionTopics(admin, replicationFactor);
            return;
        }
        try {
            List<UserScramCredentialAlteration> upserts = new ArrayList<>();
            for (TopicAccess.Principal principal : TopicAccess.PRINCIPALS) {
                upserts.add(new UserScramCredentialUpsertion(principal.name(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                        credentials.password(principal.name())));
            }
            // The client's short timeouts suit the readiness probe; these calls may take longer on a busy machine.
            int timeoutMs = 30_000;
            KafkaFuture<Void> credentialsSet = admin.alterUserScramCredentials(upserts,
                    new AlterUserScramCredentialsOptions().timeoutMs(timeoutMs)).all();
            Collection<KafkaFuture<Void>> topicsCreated = admin.createTopics(TopicAccess.topics(replicationFactor),
                    new CreateTopicsOptions().timeoutMs(timeoutMs)).values().values();
            KafkaFuture<Collection<AclBinding>> aclsNow = admin.describeAcls(AclBindingFilter.ANY,
                    new DescribeAclsOptions().timeoutMs(timeoutMs)).values();

            credentialsSet.get(30, TimeUnit.SECONDS);
            for (KafkaFuture<Void> created : topicsCreated) {
                try {
                    created.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            Set<AclBinding> wanted = TopicAccess.aclBindings();
            Set<AclBinding> stale = new HashSet<>(aclsNow.get(30, TimeUnit.SECONDS));
            Set<AclBinding> missing = new LinkedHashSet<>(wanted);
            missing.removeAll(stale);
            stale.removeAll(wanted);
            if (!missing.isEmpty()) {
                admin.createAcls(missing, new CreateAclsOptions().timeoutMs(timeoutMs)).all().get(30, TimeUnit.SECONDS);
            }
            if (!stale.isEmpty()) {
                log.info("Deleting {} ACL bindings that TopicAccess no longer grants: {}", stale.size(), stale);
                admin.deleteAcls(stale.stream().map(AclBinding::toFilter).toList(),
                        new DeleteAclsOptions().timeoutMs(timeoutMs)).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not apply TopicAccess to the Kafka broker at " + bootstrapServers()
                    + ": " + (e.getCause() != null ? e.getCause() : e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying TopicAccess", e);
        }
    }

    private void provisionTopics(Admin admin, int replicationFactor) {
        try {
            for (KafkaFuture<Void> created : admin.createTopics(TopicAccess.topics(replicationFactor),
                    new CreateTopicsOptions().timeoutMs(30_000)).values().values()) {
                try {
                    created.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create a topic: " + e.getCause(), e);
                    }
                }
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("creating the topics timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the topics", e);
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
