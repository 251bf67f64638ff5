package org.tend.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tend.security.DemoClock;
import org.tend.security.DeploymentSettings;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tend.local.DevTokenIssuer.DemoUser;

/**
 * The whole Tend platform on one machine: embedded MongoDB, the development token issuer, a Kafka broker,
 * the four services and the gateway, wired together through the environment variables of
 * {@code docs/conventions.md}.
 *
 * <p>Why: a developer runs the platform with one command ({@code run-local.sh} → {@link TendLocal}), and the
 * end-to-end tests and the benchmark start exactly the same arrangement (with free ports and the memory
 * backend) instead of each assembling its own.
 *
 * <p>Start order: Mongo, issuer, broker (the things every service needs at start), then the four services
 * {@link Builder#startParallelism(int) a few at a time} (default 2, one per core); the gateway starts alongside. If
 * anything fails, whatever was started is stopped again and the exception says what went wrong, with the
 * end of the failing process's log. Before anything starts, every exec jar is checked; a missing one is
 * reported with its path and the Maven command that builds it. {@link #stop()} goes in reverse order and may
 * be called from another thread (a shutdown hook) while {@link #start()} is still running.
 *
 * <p>The broker requires SASL/SCRAM: each service gets its own principal's login in its environment
 * ({@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_*}) and may touch only what {@link TopicAccess} grants it.
 *
 * <p>Data directory layout: {@code kafka/} (broker storage, config, {@code credentials.properties} and {@code broker.log}),
 * {@code mongo/tend.mv.db} (the H2 backend), {@code logs/<service>.log}.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    /**
     * The pseudonym key used when none is configured. DEVELOPMENT ONLY: it is public (it is in this source),
     * so pseudonyms derived with it protect nothing. A deployment sets its own secret
     * {@code TEND_PSEUDONYM_KEY}; the services have no default and refuse to start without one.
     */
    public static final String DEV_ONLY_PSEUDONYM_KEY = DeploymentSettings.LOCAL_STACK_PSEUDONYM_KEY;

    /** The demo clock's file in the data directory ({@link Builder#demoClock()}). */
    public static final String DEMO_CLOCK_FILE = "demo-clock";

    /** Default ports, as in {@code docs/conventions.md}. */
    public static final int DEFAULT_ISSUER_PORT = 8090;
    /** Default Kafka port. */
    public static final int DEFAULT_BROKER_PORT = 9092;
    /** Default MongoDB port. */
    public static final int DEFAULT_MONGO_PORT = 27017;
    /** In a cluster, a service's second instance listens on its default port plus this (assessment: 8181). */
    public static final int SECOND_INSTANCE_PORT_OFFSET = 100;

    /** Which mongo-java-server backend to use. */
    public enum MongoBackend {
        /** Nothing survives a stop: for tests. */
        MEMORY,
        /** An H2 file in the data directory: data survives a restart (slower). */
        H2
    }

    private final Path dataDir;
    private final Path repositoryRoot;
    private final Set<TendService> services;
    private final Map<TendService, Path> jars;
    private final Map<String, String> extraEnvironment;
    private final String pseudonymKey;
    /** The gateway's port, or null when the gateway is not part of this stack. */
    private final Integer gatewayPort;
    private final List<String> serviceJvmOptions;
    private final int startParallelism;
    private final Duration serviceStartTimeout;
    private final String buildCommand;
    private final Consumer<String> progress;
    /** The demo clock's file every service reads, or null when the stack has no demo clock. */
    private final Path demoClockFile;
    /** Instances of each service (not the gateway): 1, or 2 in a cluster ({@link Builder#cluster()}). */
    private final int instancesPerService;

    private final EmbeddedMongo mongo;
    private final MailServer mail;
    private final DevTokenIssuer issuer;
    private final KafkaCluster kafka;
    /** Every service's instances (the gateway has one): one each, or two each in a cluster. */
    private final Map<TendService, List<ServiceProcess>> processes = new EnumMap<>(TendService.class);

    private final Map<String, Long> startupMillisByPart = new LinkedHashMap<>();
    private volatile boolean stopRequested;
    /** The issuer's start, which runs beside the others: {@link #stop()} waits for it before stopping the issuer. */
    private volatile CompletableFuture<Void> issuerStarting = CompletableFuture.completedFuture(null);
    private volatile boolean started;
    private long startupMillis;

    private LocalStack(Builder b) {
        this.dataDir = b.dataDir.toAbsolutePath().normalize();
        this.repositoryRoot = b.repositoryRoot != null ? b.repositoryRoot.toAbsolutePath().normalize()
                : (b.jars.keySet().containsAll(b.services) ? null : RepositoryRoot.locate());
        this.services = EnumSet.copyOf(b.services);
        String version = repositoryRoot == null ? null : RepositoryRoot.version(repositoryRoot);
        this.jars = new EnumMap<>(TendService.class);
        for (TendService service : services) {
            Path jar = b.jars.get(service);
            jars.put(service, jar != null ? jar.toAbsolutePath() : service.execJar(repositoryRoot, version));
        }
        this.extraEnvironment = Map.copyOf(b.environment);
        this.pseudonymKey = b.pseudonymKey;
        this.serviceJvmOptions = List.copyOf(b.serviceJvmOptions);
        this.startParallelism = b.startParallelism;
        this.serviceStartTimeout = b.serviceStartTimeout;
        this.buildCommand = buildCommand(repositoryRoot);
        this.progress = b.progress;
        this.demoClockFile = b.demoClock ? dataDir.resolve(DEMO_CLOCK_FILE) : null;

        int mongoPort = b.freePorts && b.mongoPort == null ? 0 : Objects.requireNonNullElse(b.mongoPort, DEFAULT_MONGO_PORT);
        this.mongo = b.mongoBackend == MongoBackend.H2
                ? EmbeddedMongo.h2(dataDir.resolve("mongo").resolve("tend.mv.db"), mongoPort)
                : EmbeddedMongo.memory(mongoPort);
        this.mail = new MailServer(b.freePorts ? 0 : MailServer.DEFAULT_SMTP_PORT);
        int issuerPort = b.freePorts && b.issuerPort == null ? 0 : Objects.requireNonNullElse(b.issuerPort, DEFAULT_ISSUER_PORT);
        this.issuer = new DevTokenIssuer(issuerPort);
        int brokerPort = b.freePorts && b.brokerPort == null ? 0 : Objects.requireNonNullElse(b.brokerPort, DEFAULT_BROKER_PORT);
        if (b.brokers == 3) {
            List<Integer> brokerPorts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                brokerPorts.add(brokerPort == 0 ? 0 : brokerPort + i);
            }
            this.kafka = KafkaCluster.ofThree(dataDir.resolve(b.secured ? "kafka-cluster" : "kafka-cluster-unsecured"),
                    brokerPorts, b.brokerJvmOptions, progress, b.secured);
        } else {
            this.kafka = KafkaCluster.single(dataDir.resolve(b.secured ? "kafka" : "kafka-unsecured"), brokerPort,
                    b.brokerJvmOptions, progress, b.secured);
        }
        this.instancesPerService = b.instancesPerService;

        Map<TendService, List<Integer>> ports = new EnumMap<>(TendService.class);
        for (TendService service : services) {
            List<Integer> instancePorts = new ArrayList<>();
            int instances = service.isGateway() ? 1 : instancesPerService;
            for (int i = 0; i < instances; i++) {
                Integer port = i == 0 ? b.servicePorts.get(service) : null;
                instancePorts.add(port != null ? FreePorts.orFree(port) : b.freePorts ? FreePorts.find()
                        : service.defaultPort() + SECOND_INSTANCE_PORT_OFFSET * i);
            }
            ports.put(service, instancePorts);
        }
        this.gatewayPort = ports.containsKey(TendService.GATEWAY) ? ports.get(TendService.GATEWAY).get(0) : null;
        for (TendService service : services) {
            List<ServiceProcess> instances = new ArrayList<>();
            List<Integer> instancePorts = ports.get(service);
            for (int i = 0; i < instancePorts.size(); i++) {
                String name = instancePorts.size() == 1 ? service.artifactId() : service.artifactId() + "-" + (i + 1);
                Map<String, String> env = service.isGateway() ? gatewayEnvironment(ports)
                        : serviceEnvironment(service, name);
                instances.add(new ServiceProcess(name, jars.get(service), instancePorts.get(i), env, serviceJvmOptions,
                        dataDir.resolve("logs").resolve(name + ".log")));
            }
            processes.put(service, List.copyOf(instances));
        }
    }

    /** A builder with the defaults of {@code run-local.sh}: H2 backend, the conventional ports. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts everything (see the class comment) and returns what a person needs to use it. Throws
     * {@link MissingServiceJarException} before starting anything when a jar is missing.
     */
    public StartupReport start() {
        synchronized (this) {
            if (started) {
                return report();
            }
            stopRequested = false;
        }
        verifyJars();
        if (demoClockFile != null) {
            DemoClock.clear(demoClockFile); // left by a seeding cut short: a new start runs at real time
        }
        long began = System.nanoTime();
        try {
            timed("mongo", mongo::start);
            progress.accept("MongoDB (" + (mongo.isPersistent() ? "H2 file " + mongo.h2File() : "in memory") + ") at "
                    + mongo.connectionString());
            timed("mail", mail::start);
            progress.accept("Mail (DEVELOPMENT ONLY): SMTP at 127.0.0.1:" + mail.smtpPort() + ", read it over IMAP at"
                    + " 127.0.0.1:" + mail.imapPort() + " (user and password: the address)");
            checkNotStopped();
            // The identity provider (a Spring application, a few seconds) starts beside the broker and the services:
            // they and the gateway fetch its keys on the first token, not at start-up.
            CompletableFuture<Void> issuerStarted = issuerStarting = CompletableFuture.runAsync(() -> {
                timed("issuer", issuer::start);
                progress.accept("Identity provider (DEVELOPMENT ONLY) at " + issuer.issuer());
            }, runnable -> {
                Thread thread = new Thread(runnable, "tend-local-issuer");
                thread.setDaemon(true);
                thread.start();
            });
            // The gateway needs neither the broker nor the store: it starts while they and the services do.
            CompletableFuture<Void> gatewayStarted = CompletableFuture.completedFuture(null);
            if (services.contains(TendService.GATEWAY)) {
                ServiceProcess gateway = processes.get(TendService.GATEWAY).get(0);
                progress.accept("Starting the gateway ...");
                gatewayStarted = CompletableFuture.runAsync(() -> {
                    timed(TendService.GATEWAY.artifactId(), () -> gateway.start(serviceStartTimeout));
                    progress.accept("gateway up at " + gateway.baseUrl() + " in "
                            + gateway.startupTime().toMillis() + " ms");
                }, runnable -> {
                    Thread thread = new Thread(runnable, "tend-local-gateway");
                    thread.setDaemon(true);
                    thread.start();
                });
            }
            progress.accept((kafka.size() == 1 ? "Starting the Kafka broker at " : "Starting " + kafka.size()
                    + " Kafka brokers at ") + kafka.bootstrapServers() + " ...");
            timed("kafka", () -> kafka.start(KafkaBroker.DEFAULT_START_TIMEOUT));
            progress.accept((kafka.size() == 1 ? "Kafka broker" : "Kafka cluster (replication factor "
                    + kafka.replicationFactor() + ", 2 in sync)") + " up in " + kafka.lastStartTime().toMillis() + " ms");
            startBackends();
            try {
                issuerStarted.join();
                gatewayStarted.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            checkNotStopped();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        synchronized (this) {
            startupMillis = Duration.ofNanos(System.nanoTime() - began).toMillis();
            started = true;
        }
        StartupReport report = report();
        log.info("Tend local stack up in {} ms, {} MiB RSS in total", startupMillis, report.totalRssBytes() >> 20);
        return report;
    }

    /** Stops everything that runs, in reverse start order. Idempotent; safe from a shutdown hook. */
    public void stop() {
        stopRequested = true;
        if (demoClockFile != null) {
            quietly("demo clock", () -> DemoClock.clear(demoClockFile));
        }
        List<TendService> reverse = new ArrayList<>(processes.keySet());
        Collections.reverse(reverse);
        for (TendService service : reverse) {
            // The instances of a service at once: each takes up to its stop grace.
            List<CompletableFuture<Void>> stopping = processes.get(service).stream()
                    .map(process -> CompletableFuture.runAsync(() -> quietly(process.name(), process::stop))).toList();
            CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).join();
        }
        quietly("kafka", kafka::stop);
        quietly("issuer", () -> {
            issuerStarting.exceptionally(e -> null).join();
            issuer.stop();
        });
        quietly("mail", mail::stop);
        quietly("mongo", mongo::stop);
        synchronized (this) {
            started = false;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * The file whose offset shifts every service's clock (DEVELOPMENT ONLY, for the demo seeding; see {@link
     * DemoClock}); empty unless the stack was built with {@link Builder#demoClock()}.
     */
    public Optional<Path> demoClockFile() {
        return Optional.ofNullable(demoClockFile);
    }

    /** Whether {@link #start()} completed and {@link #stop()} was not called since. */
    public boolean isStarted() {
        return started;
    }

    /** The jars that {@link #start()} needs but that do not exist. */
    public List<Path> missingJars() {
        return services.stream().map(jars::get).filter(jar -> !Files.isRegularFile(jar)).distinct().toList();
    }

    /** Throws {@link MissingServiceJarException} when a jar is missing. */
    public void verifyJars() {
        List<Path> missing = missingJars();
        if (!missing.isEmpty()) {
            throw new MissingServiceJarException(missing, buildCommand);
        }
    }

    /** What {@link #start()} returned (the figures are current). */
    public StartupReport report() {
        List<String> curls = DevTokenIssuer.DEMO_USERS.stream().map(u -> issuer.curlExample(u.name())).toList();
        return new StartupReport(gatewayUrl(), issuer.issuer(), issuer.tokenUri(), curls.get(0),
                DevTokenIssuer.DEMO_USERS, kafka.login(TopicAccess.ANALYTICS), kafka.credentialsFile(), startupMillis,
                totalRssBytes(), rssBytesByProcess());
    }

    /** The gateway's base URL ({@code http://127.0.0.1:<port>}), or null if the gateway is not part of this stack. */
    public String gatewayUrl() {
        List<ServiceProcess> gateway = processes.get(TendService.GATEWAY);
        return gateway == null ? null : gateway.get(0).baseUrl();
    }

    /** A service's base URL. */
    public String serviceUrl(TendService service) {
        return service(service).baseUrl();
    }

    /** A service's (first) process (to stop and restart it in a test, to read its log). */
    public ServiceProcess service(TendService service) {
        return instances(service).get(0);
    }

    /** Every instance of a service (two each in a cluster; the gateway has one). */
    public List<ServiceProcess> instances(TendService service) {
        List<ServiceProcess> instances = processes.get(service);
        if (instances == null) {
            throw new IllegalArgumentException(service + " is not part of this stack");
        }
        return instances;
    }

    /** Whether this stack runs a cluster: three brokers and two instances of every service. */
    public boolean isCluster() {
        return kafka.size() > 1;
    }

    /** The (first) broker (to stop and restart it in a test). */
    public KafkaBroker broker() {
        return kafka.node(1);
    }

    /** The brokers: one, or three in a cluster (each supervised: one that dies is started again). */
    public KafkaCluster kafka() {
        return kafka;
    }

    /** The embedded MongoDB. */
    public EmbeddedMongo mongo() {
        return mongo;
    }

    /** The SMTP server the services send reminders to (tests read what arrived). */
    public MailServer mail() {
        return mail;
    }

    /** The token issuer (tests mint tokens with it). */
    public DevTokenIssuer issuer() {
        return issuer;
    }

    /** Kafka bootstrap servers. */
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** How a principal of {@link TopicAccess} (or the admin) connects to the broker. */
    public KafkaLogin kafkaLogin(String principal) {
        return kafka.login(principal);
    }

    /** The MongoDB connection string (without database). */
    public String mongoConnectionString() {
        return mongo.connectionString();
    }

    /** The data directory. */
    public Path dataDir() {
        return dataDir;
    }

    /** The repository root the jars are taken from (null when every jar was given explicitly). */
    public Path repositoryRoot() {
        return repositoryRoot;
    }

    /** The pseudonym key given to the services. */
    public String pseudonymKey() {
        return pseudonymKey;
    }

    /** Milliseconds from {@link #start()} to the gateway answering UP (0 before). */
    public synchronized long startupMillis() {
        return startupMillis;
    }

    /** Milliseconds each part took to come up, in start order (the services overlap). */
    public synchronized Map<String, Long> startupMillisByPart() {
        return new LinkedHashMap<>(startupMillisByPart);
    }

    /** RSS of every child JVM plus this JVM, in bytes. */
    public long totalRssBytes() {
        return rssBytesByProcess().values().stream().mapToLong(Long::longValue).sum();
    }

    /** RSS by process: {@code launcher} (this JVM, which holds Mongo and the issuer), {@code kafka}, each service. */
    public Map<String, Long> rssBytesByProcess() {
        Map<String, Long> rss = new LinkedHashMap<>();
        rss.put("launcher", ChildJvm.currentRssBytes());
        rss.put("kafka", kafka.rssBytes());
        processes.forEach((service, instances) -> rss.put(service.artifactId(),
                instances.stream().mapToLong(ServiceProcess::rssBytes).sum()));
        return rss;
    }

    private void startBackends() {
        List<TendService> backends = services.stream().filter(s -> !s.isGateway()).toList();
        if (backends.isEmpty()) {
            return;
        }
        checkNotStopped();
        progress.accept("Starting " + backends.stream().map(TendService::artifactId).collect(Collectors.joining(", "))
                + " (" + startParallelism + " at a time) ...");
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(startParallelism, backends.size()), r -> {
            Thread thread = new Thread(r, "tend-local-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            // First instances queued first, so that every service has one instance up as early as possible; a second
            // instance may start while its first still does (the stores' set-up is safe to run twice).
            Map<ServiceProcess, Future<?>> futures = new LinkedHashMap<>();
            for (int instance = 0; instance < instancesPerService; instance++) {
                for (TendService service : backends) {
                    ServiceProcess process = processes.get(service).get(instance);
                    futures.put(process, pool.submit(() -> {
                        checkNotStopped();
                        timed(process.name(), () -> process.start(serviceStartTimeout));
                        progress.accept(process.name() + " up at " + process.baseUrl() + " in "
                                + process.startupTime().toMillis() + " ms");
                    }));
                }
            }
            RuntimeException failure = null;
            for (Map.Entry<ServiceProcess, Future<?>> entry : futures.entrySet()) {
                try {
                    entry.getValue().get();
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r
                                : new IllegalStateException(entry.getKey().name() + " failed to start", e.getCause());
                        // Fail fast: the services still starting stop waiting at once (their errors are secondary).
                        stopRequested = true;
                        backends.forEach(other -> processes.get(other)
                                .forEach(process -> quietly(process.name(), process::stop)));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while starting the services", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void timed(String part, Runnable action) {
        long began = System.nanoTime();
        action.run();
        synchronized (this) {
            startupMillisByPart.put(part, Duration.ofNanos(System.nanoTime() - began).toMillis());
        }
    }

    private void checkNotStopped() {
        if (stopRequested) {
            throw new IllegalStateException("the local stack was stopped while starting");
        }
    }

    /**
     * The environment a service (or the gateway) gets in this stack, without {@code SERVER_PORT}: handy to run
     * one service from an IDE against a stack started with only the infrastructure.
     */
    public Map<String, String> environmentFor(TendService service) {
        if (service.isGateway()) {
            Map<TendService, List<Integer>> ports = new EnumMap<>(TendService.class);
            processes.forEach((s, instances) -> ports.put(s, instances.stream().map(ServiceProcess::port).toList()));
            return gatewayEnvironment(ports);
        }
        return serviceEnvironment(service, service.artifactId());
    }

    private Map<String, String> serviceEnvironment(TendService service, String instanceName) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.putAll(kafka.login(service.context()).serviceEnvironment());
        // Who this instance is among its service's (leases, the Kafka consumers' static membership).
        env.put("TEND_INSTANCE_ID", instanceName);
        env.put("MONGODB_URI", mongo.connectionString());
        env.put("TEND_MONGODB_DATABASE", service.databaseName());
        env.put("TEND_JWT_JWK_SET_URI", issuer.jwkSetUri());
        env.put("TEND_JWT_ISSUER", issuer.issuer());
        env.put("TEND_PSEUDONYM_KEY", pseudonymKey);
        if (gatewayPort != null) {
            // Exported records name the questionnaires and activity definitions by where the gateway serves them.
            env.put("TEND_FHIR_BASE_URL", "http://127.0.0.1:" + gatewayPort + "/fhir");
        }
        if (demoClockFile != null) {
            env.put(DemoClock.ENVIRONMENT_VARIABLE, demoClockFile.toString());
        }
        // Reminders go to the local SMTP server; their links point at the gateway.
        env.put("TEND_SMTP_HOST", "127.0.0.1");
        env.put("TEND_SMTP_PORT", Integer.toString(mail.smtpPort()));
        env.put("TEND_PUBLIC_URL", "http://localhost:" + (gatewayPort == null ? 8080 : gatewayPort));
        env.put("TEND_REMINDER_SWEEP_INTERVAL", "PT1M");
        env.putAll(localProfile());
        env.putAll(extraEnvironment);
        return env;
    }

    private Map<String, String> gatewayEnvironment(Map<TendService, List<Integer>> ports) {
        Map<String, String> env = new LinkedHashMap<>();
        for (TendService backend : TendService.backends()) {
            // Every instance's address: the gateway balances over them.
            List<Integer> instancePorts = ports.getOrDefault(backend, List.of(backend.defaultPort()));
            env.put(backend.urlVariable(), instancePorts.stream().map(port -> "http://127.0.0.1:" + port)
                    .collect(Collectors.joining(",")));
        }
        env.put("TEND_JWT_JWK_SET_URI", issuer.jwkSetUri());
        env.put("TEND_JWT_ISSUER", issuer.issuer());
        // Sign-in for pages (the gateway as an OAuth2 client of the local identity provider).
        env.put("TEND_OAUTH2_CLIENT_ID", DevTokenIssuer.GATEWAY_CLIENT_ID);
        env.put("TEND_OAUTH2_CLIENT_SECRET", issuer.gatewayClientSecret());
        env.put("TEND_OAUTH2_AUTHORIZATION_URI", issuer.authorizationUri());
        env.put("TEND_OAUTH2_TOKEN_URI", issuer.oauth2TokenUri());
        env.put("TEND_OAUTH2_LOGOUT_URI", issuer.logoutUri());
        env.putAll(localProfile());
        env.putAll(extraEnvironment);
        return env;
    }

    /**
     * Development settings (the dev issuer's http:// address, its audience) are allowed in the local profile only.
     * Locally every process also logs one line per routed request, handled command, forwarded event and consumed
     * record ({@code tend.trace} at DEBUG), each with its trace id, so a request can be followed through the logs.
     */
    private Map<String, String> localProfile() {
        return Map.of("SPRING_PROFILES_ACTIVE", DeploymentSettings.LOCAL_PROFILE,
                "TEND_JWT_AUDIENCE", DevTokenIssuer.AUDIENCE,
                "LOGGING_LEVEL_TEND_TRACE", "DEBUG");
    }

    private static void quietly(String part, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("stopping {} failed: {}", part, e.toString());
        }
    }

    private static String buildCommand(Path root) {
        String where = root == null ? "<repository root>" : root.toString();
        String maven = root != null && Files.isExecutable(root.resolve("mvnw")) ? "./mvnw" : "mvn";
        return "cd " + where + " && " + maven + " -B -q -DskipTests install";
    }

    /** What a person (or a test) needs once the stack is up; {@code analytics} is what an analyst connects with. */
    public record StartupReport(String gatewayUrl, String issuerUrl, String tokenEndpoint, String tokenCurl,
                                List<DemoUser> demoUsers, KafkaLogin analytics, Path kafkaCredentialsFile,
                                long startupMillis, long totalRssBytes, Map<String, Long> rssBytesByProcess) {

        /** A few lines for the terminal. */
        public String banner() {
            String users = demoUsers.stream().map(u -> "    " + u.name() + "  roles=" + u.roles()
                    + (u.org() == null ? "" : "  org=" + u.org()) + "  sub=" + u.subject())
                    .collect(Collectors.joining("\n"));
            String rss = rssBytesByProcess.entrySet().stream()
                    .map(e -> e.getKey() + " " + (e.getValue() >> 20) + " MiB").collect(Collectors.joining(", "));
            return """

                    Tend is running (up in %d ms, %d MiB RSS in total: %s).
                      Gateway:      %s
                      Token issuer: %s (DEVELOPMENT ONLY)
                      Get a token:  %s
                                    (or JSON: curl -s -X POST %s -H 'Content-Type: application/json' -d '{"user":"alice"}')
                      Use it:       curl -H "Authorization: Bearer $TOKEN" %s/api/...
                      Demo users:
                    %s
                      Kafka:        %s, %s with %s; each service logs in as itself (all passwords: %s)
                      Analytics:    user %s, password %s (reads %s; consumer groups %s*)
                    Press Ctrl-C to stop.
                    """.formatted(startupMillis, totalRssBytes >> 20, rss, gatewayUrl == null ? "(not started)" : gatewayUrl,
                    issuerUrl, tokenCurl, tokenEndpoint, gatewayUrl == null ? "<gateway>" : gatewayUrl, users,
                    analytics.bootstrapServers(), KafkaLogin.SECURITY_PROTOCOL, KafkaLogin.SASL_MECHANISM,
                    kafkaCredentialsFile, analytics.username(), analytics.password(),
                    String.join(", ", TopicAccess.EVENT_TOPICS), TopicAccess.ANALYTICS_GROUP_PREFIX);
        }
    }

    /** Thrown by {@link #start()} when an exec jar has not been built. */
    public static final class MissingServiceJarException extends IllegalStateException {
        private final List<Path> missing;

        MissingServiceJarException(List<Path> missing, String buildCommand) {
            super("Service jar(s) not built yet:\n" + missing.stream().map(p -> "  " + p).collect(Collectors.joining("\n"))
                    + "\nBuild them with:\n  " + buildCommand);
            this.missing = List.copyOf(missing);
        }

        /** The missing jars. */
        public List<Path> missing() {
            return missing;
        }
    }

    /** Configuration of a {@link LocalStack}. */
    public static final class Builder {
        private Path dataDir = Path.of(".tend", "data");
        private MongoBackend mongoBackend = MongoBackend.H2;
        private boolean freePorts;
        private Integer mongoPort;
        private Integer issuerPort;
        private Integer brokerPort;
        private final Map<TendService, Integer> servicePorts = new EnumMap<>(TendService.class);
        private String pseudonymKey = DEV_ONLY_PSEUDONYM_KEY;
        private Path repositoryRoot;
        private final Map<TendService, Path> jars = new EnumMap<>(TendService.class);
        private Set<TendService> services = EnumSet.allOf(TendService.class);
        private List<String> serviceJvmOptions = ServiceProcess.DEFAULT_JVM_OPTIONS;
        private List<String> brokerJvmOptions = KafkaBroker.DEFAULT_JVM_OPTIONS;
        private int startParallelism = 2;
        private Duration serviceStartTimeout = ServiceProcess.DEFAULT_START_TIMEOUT;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Consumer<String> progress = message -> { };
        private boolean demoClock;
        private int brokers = 1;
        private int instancesPerService = 1;
        private boolean secured = true;

        private Builder() {
        }

        /** One Kafka broker (default) or a cluster of three (replication factor 3, two in sync). */
        public Builder kafkaBrokers(int count) {
            if (count != 1 && count != 3) {
                throw new IllegalArgumentException("one broker or three, not " + count);
            }
            this.brokers = count;
            return this;
        }

        /** Instances of every service (not the gateway): 1 (default) or more, the gateway balancing over them. */
        public Builder instancesPerService(int count) {
            if (count < 1 || count > 9) {
                throw new IllegalArgumentException("1 to 9 instances, not " + count);
            }
            this.instancesPerService = count;
            return this;
        }

        /**
         * Kafka without SASL and without ACLs, every client unauthenticated. DEVELOPMENT ONLY: the benchmark measures
         * what SASL and the ACLs cost against it; nothing else should run so.
         */
        public Builder unsecuredKafka() {
            this.secured = false;
            return this;
        }

        /**
         * A cluster: three Kafka brokers (replication factor 3, two in sync, each supervised) and two instances of
         * every service (the second on its default port + 100 unless ports are
         * free ones), the gateway balancing over them ({@code run-local.sh --cluster}). The brokers' ports are the
         * broker port and the two after it.
         */
        public Builder cluster() {
            return kafkaBrokers(3).instancesPerService(2);
        }

        /**
         * Gives every service (not the gateway) a demo clock reading {@code <data dir>/demo-clock}: the demo seeder
         * moves their "now" through it to replay months, then removes it (DEVELOPMENT ONLY; the services accept it in
         * the local profile only). Without the file they run at real time; a start removes one left behind.
         */
        public Builder demoClock() {
            this.demoClock = true;
            return this;
        }

        /** Receives one line per step of {@link LocalStack#start()} (default: none; the parts log anyway). */
        public Builder onProgress(Consumer<String> listener) {
            this.progress = Objects.requireNonNull(listener);
            return this;
        }

        /** Where broker storage, the H2 file and the logs go (default {@code .tend/data} under the working dir). */
        public Builder dataDir(Path dir) {
            this.dataDir = Objects.requireNonNull(dir);
            return this;
        }

        /** H2 (default; data kept) or MEMORY (tests). */
        public Builder mongoBackend(MongoBackend backend) {
            this.mongoBackend = Objects.requireNonNull(backend);
            return this;
        }

        /** Every port not set explicitly is a free one instead of the conventional default (for tests). */
        public Builder freePorts() {
            this.freePorts = true;
            return this;
        }

        /** MongoDB port (0: free). */
        public Builder mongoPort(int port) {
            this.mongoPort = port;
            return this;
        }

        /** Token issuer port (0: free). */
        public Builder issuerPort(int port) {
            this.issuerPort = port;
            return this;
        }

        /** Kafka port (0: free). */
        public Builder brokerPort(int port) {
            this.brokerPort = port;
            return this;
        }

        /** A service's or the gateway's HTTP port (0: free). */
        public Builder servicePort(TendService service, int port) {
            servicePorts.put(service, port);
            return this;
        }

        /** The gateway's port (0: free). */
        public Builder gatewayPort(int port) {
            return servicePort(TendService.GATEWAY, port);
        }

        /** The HMAC key for pseudonyms (at least 32 characters); default {@link #DEV_ONLY_PSEUDONYM_KEY}. */
        public Builder pseudonymKey(String key) {
            if (key == null || key.length() < 32) {
                throw new IllegalArgumentException("the pseudonym key needs at least 32 characters");
            }
            this.pseudonymKey = key;
            return this;
        }

        /** The repository whose modules' {@code target} hold the exec jars (default: found from the working dir). */
        public Builder repositoryRoot(Path root) {
            this.repositoryRoot = root;
            return this;
        }

        /** Use this jar for {@code service} instead of the one in the repository. */
        public Builder jar(TendService service, Path jar) {
            jars.put(service, jar);
            return this;
        }

        /** Only these services (default: all five). Mongo, issuer and broker always run. */
        public Builder services(Collection<TendService> only) {
            this.services = only.isEmpty() ? EnumSet.noneOf(TendService.class) : EnumSet.copyOf(only);
            return this;
        }

        /** JVM options of each service (default {@link ServiceProcess#DEFAULT_JVM_OPTIONS}). */
        public Builder serviceJvmOptions(List<String> options) {
            this.serviceJvmOptions = List.copyOf(options);
            return this;
        }

        /** JVM options of the broker (default {@link KafkaBroker#DEFAULT_JVM_OPTIONS}). */
        public Builder brokerJvmOptions(List<String> options) {
            this.brokerJvmOptions = List.copyOf(options);
            return this;
        }

        /** How many services start at the same time (default 2: one per core). */
        public Builder startParallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1");
            }
            this.startParallelism = parallelism;
            return this;
        }

        /** How long one service may take to report UP (default 120 s). */
        public Builder serviceStartTimeout(Duration timeout) {
            this.serviceStartTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** An extra environment variable for every service and the gateway (e.g. a logging level). */
        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** The stack (nothing runs yet). Resolves the repository root unless every jar was given. */
        public LocalStack build() {
            return new LocalStack(this);
        }
    }
}
