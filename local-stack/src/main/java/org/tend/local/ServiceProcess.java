package org.tend.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Tend service (or the gateway) as a child JVM: {@code java <jvmOptions> -jar <module>-exec.jar}, with
 * its configuration in environment variables exactly as a deployment would give it (see
 * {@code docs/conventions.md}: {@code KAFKA_BOOTSTRAP_SERVERS}, {@code MONGODB_URI}, …).
 *
 * <p>Why: the local stack, the end-to-end tests and the benchmark should run the very jars that are
 * deployed, one JVM each, so that what they measure (start time, memory) and what they prove (behaviour
 * across a restart of one service) holds for production too.
 *
 * <p>{@link #start(Duration)} returns once {@code GET /actuator/health} answers 200 with status {@code UP};
 * it fails at once, with the end of the log, if the JVM exits first, and on timeout says what the health
 * endpoint last answered (a 401 means the service does not permit the health endpoint anonymously).
 * {@link #stop()} sends SIGTERM (Spring's graceful shutdown) and kills after 10 s. The log goes to a file.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);

    /** Small heaps, serial GC and C1 only: five JVMs on two cores start in about half the time. */
    public static final List<String> DEFAULT_JVM_OPTIONS =
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");
    /** How long {@link #stop()} waits after SIGTERM before it kills. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** A default for {@link #start(Duration)}. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);

    private static final Pattern STATUS_UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final Path logFile;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private ChildJvm jvm;
    private StartupCache.Launch launch;
    private boolean stopped;
    private Duration startupTime = Duration.ZERO;

    /**
     * @param name        a short name for logs and errors, e.g. {@code assessment-service}
     * @param jar         the service's exec jar
     * @param port        its HTTP port ({@code SERVER_PORT} is set to it, whatever {@code environment} says)
     * @param environment its configuration; added to (and overriding) this JVM's environment
     * @param jvmOptions  e.g. {@link #DEFAULT_JVM_OPTIONS}
     * @param logFile     receives stdout and stderr (appended)
     */
    public ServiceProcess(String name, Path jar, int port, Map<String, String> environment, List<String> jvmOptions,
                          Path logFile) {
        this.name = name;
        this.jar = jar.toAbsolutePath();
        this.port = port;
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("SERVER_PORT", Integer.toString(port));
        this.environment = Map.copyOf(env);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.logFile = logFile.toAbsolutePath();
    }

    /** Launches the JVM and waits until it reports UP. A no-op if it is already running. */
    public void start(Duration timeout) {
        ChildJvm launched;
        synchronized (this) {
            if (jvm != null && jvm.isAlive()) {
                return;
            }
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(name + ": jar not found: " + jar);
            }
            stopped = false;
            launch = StartupCache.prepare(jar);
            List<String> options = new java.util.ArrayList<>(jvmOptions);
            options.addAll(launch.jvmOptions());
            // Writing the class-data archive at exit takes a few seconds more than a plain stop.
            Duration grace = launch.pendingArchive() != null ? STOP_GRACE.multipliedBy(3) : STOP_GRACE;
            jvm = ChildJvm.ofJar(name, options, launch.jar(), List.of(), environment, logFile, grace);
            jvm.start();
            launched = jvm;
        }
        long began = System.nanoTime();
        try {
            awaitHealthy(launched, timeout);
        } catch (RuntimeException e) {
            launched.stop(Duration.ofSeconds(5));
            throw e;
        }
        synchronized (this) {
            startupTime = Duration.ofNanos(System.nanoTime() - began);
        }
        log.info("{} up at {} in {} ms (pid {})", name, baseUrl(), startupTime.toMillis(), launched.pid());
    }

    /** SIGTERM, then SIGKILL after {@link #STOP_GRACE}. Idempotent; also ends a {@link #start} in progress. */
    public void stop() {
        ChildJvm running;
        StartupCache.Launch launched;
        synchronized (this) {
            stopped = true;
            running = jvm;
            launched = launch;
        }
        if (running != null) {
            running.stop();
        }
        if (launched != null) {
            launched.promoteArchive();
        }
    }

    /**
     * Kills the JVM at once (SIGKILL), as a crash or an out-of-memory kill would, and waits until it is gone: for
     * fault drills. No shutdown hook runs; {@link #start} launches it again.
     */
    public void kill() {
        ChildJvm running;
        synchronized (this) {
            running = jvm;
        }
        if (running != null) {
            ProcessHandle.of(running.pid()).ifPresent(process -> {
                process.destroyForcibly();
                process.onExit().join();
            });
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Whether the JVM is alive. */
    public synchronized boolean isRunning() {
        return jvm != null && jvm.isAlive();
    }

    /** Pid of the JVM, or -1 before the first start. */
    public synchronized long pid() {
        return jvm == null ? -1 : jvm.pid();
    }

    /** Resident set size (VmRSS) of the JVM, 0 when it does not run. */
    public synchronized long rssBytes() {
        return jvm == null ? 0 : jvm.rssBytes();
    }

    /** From launch to healthy, for the last successful start. */
    public synchronized Duration startupTime() {
        return startupTime;
    }

    /** The name given at construction. */
    public String name() {
        return name;
    }

    /** The HTTP port. */
    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The exec jar. */
    public Path jar() {
        return jar;
    }

    /** The log file. */
    public Path logFile() {
        return logFile;
    }

    /** The environment the service is given (including {@code SERVER_PORT}). */
    public Map<String, String> environment() {
        return environment;
    }

    /** The last {@code lines} lines of the log. */
    public String logTail(int lines) {
        return ChildJvm.tail(logFile, lines);
    }

    private void awaitHealthy(ChildJvm launched, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI health = URI.create(baseUrl() + "/actuator/health");
        String lastAnswer = "no answer (connection refused)";
        while (true) {
            synchronized (this) {
                if (stopped) {
                    throw new IllegalStateException(name + ": stopped while starting");
                }
            }
            if (!launched.isAlive()) {
                throw new IllegalStateException(name + " exited during start (exit " + launched.exitCode()
                        + "); log " + logFile + ":\n" + launched.logTail(60));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(health)
                        .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && STATUS_UP.matcher(response.body()).find()) {
                    return;
                }
                lastAnswer = "HTTP " + response.statusCode() + " " + abbreviate(response.body());
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(name + ": interrupted while waiting for health", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not healthy within " + timeout + " at " + health
                        + " (last answer: " + lastAnswer + "); log " + logFile + ":\n" + launched.logTail(40));
            }
            KafkaBroker.sleep(250);
        }
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
