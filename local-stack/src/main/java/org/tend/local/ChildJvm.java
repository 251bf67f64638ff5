package org.tend.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One child JVM: how it is launched, logged, measured and stopped.
 *
 * <p>Why a child JVM at all: the broker and every service must be stoppable and restartable on their own
 * (an end-to-end test kills the broker mid-stream), and the benchmark measures each one's memory the way
 * production would see it, one process per service. {@link KafkaBroker} and {@link ServiceProcess} both
 * build on this class so that launching, the log file, the graceful stop and the RSS reading exist once.
 *
 * <p>How it behaves:
 * <ul>
 *   <li>stdout and stderr are appended to one log file, so a restart keeps the earlier run's lines.</li>
 *   <li>On Linux the child runs under {@code setsid}, in a session of its own: Ctrl-C in the terminal then
 *       reaches only the launcher, which stops the children in reverse start order (gateway, services,
 *       broker) instead of the terminal killing all of them at once. {@code setsid} execs the program
 *       without forking, so {@link #pid()} is the JVM's own pid.</li>
 *   <li>Every live child is registered with one JVM shutdown hook that stops the ones still running, newest
 *       first, when this JVM exits (a test that forgot to stop, a Ctrl-C, a SIGTERM). Only a SIGKILL of this
 *       JVM leaves children behind; the broker guards against that itself ({@link KafkaBrokerMain}).</li>
 *   <li>{@link #stop(Duration)} sends SIGTERM ({@link Process#destroy()}), waits up to the grace period for
 *       the JVM's own shutdown hooks (Kafka's controlled shutdown, Spring's graceful shutdown), then kills.</li>
 * </ul>
 */
public final class ChildJvm {

    private static final Logger log = LoggerFactory.getLogger(ChildJvm.class);

    /** Main class of Spring Boot's launcher that honours {@code -Dloader.main}: used when we run from the exec jar. */
    static final String BOOT_PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    private static final Deque<ChildJvm> LIVE = new ArrayDeque<>();
    private static boolean reaperInstalled;

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logFile;
    private final Duration stopGrace;
    private Process process;

    private ChildJvm(String name, List<String> command, Map<String, String> environment, Path logFile,
                     Duration stopGrace) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.logFile = logFile;
        this.stopGrace = stopGrace;
    }

    /**
     * A child that runs {@code mainClass} from this JVM's own classpath. Works from Maven and an IDE (the
     * classpath is {@code java.class.path}, including Surefire's manifest-only jar) and from local-stack's
     * runnable exec jar (then through Boot's {@code PropertiesLauncher} with {@code -Dloader.main}).
     */
    public static ChildJvm ofMainClass(String name, List<String> jvmOptions, String mainClass, List<String> args,
                                       Map<String, String> environment, Path logFile, Duration stopGrace) {
        List<String> cmd = new ArrayList<>(launchPrefix());
        cmd.addAll(jvmOptions);
        String classpath = System.getProperty("java.class.path");
        if (runningFromBootJar()) {
            cmd.add("-Dloader.main=" + mainClass);
            cmd.addAll(List.of("-cp", classpath, BOOT_PROPERTIES_LAUNCHER));
        } else {
            cmd.addAll(List.of("-cp", classpath, mainClass));
        }
        cmd.addAll(args);
        return new ChildJvm(name, cmd, environment, logFile, stopGrace);
    }

    /** A child that runs {@code java <jvmOptions> -jar <jar> <args>}. */
    public static ChildJvm ofJar(String name, List<String> jvmOptions, Path jar, List<String> args,
                                 Map<String, String> environment, Path logFile, Duration stopGrace) {
        List<String> cmd = new ArrayList<>(launchPrefix());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        cmd.addAll(args);
        return new ChildJvm(name, cmd, environment, logFile, stopGrace);
    }

    /** Launches the process (no-op if it is already running). */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.writeString(logFile, "%n==== %s starting at %s ====%n".formatted(name, java.time.Instant.now()),
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().putAll(environment);
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch " + name + ": " + String.join(" ", command), e);
        }
        register(this);
        log.debug("{} started, pid {}", name, process.pid());
    }

    /** Whether the process was launched and has not exited. */
    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Exit code of a process that has exited, or -1 while it runs or before it was launched. */
    public synchronized int exitCode() {
        return process == null || process.isAlive() ? -1 : process.exitValue();
    }

    /** The operating-system pid, or -1 before {@link #start()}. */
    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Resident set size of the process in bytes, or 0 when it does not run. */
    public long rssBytes() {
        return isAlive() ? rssBytesOf(pid()) : 0;
    }

    /** Stops the process with this child's grace period (see the class comment). Idempotent. */
    public void stop() {
        stop(stopGrace);
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL. Idempotent; returns when the process is gone. */
    public void stop(Duration grace) {
        Process p;
        synchronized (this) {
            p = process;
        }
        if (p == null) {
            return;
        }
        try {
            if (p.isAlive()) {
                p.destroy();
                if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("{} (pid {}) did not stop within {}; killing it", name, p.pid(), grace);
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            unregister(this);
        }
    }

    /** The name given at creation (used in log lines and error messages). */
    public String name() {
        return name;
    }

    /** The file that receives the child's stdout and stderr. */
    public Path logFile() {
        return logFile;
    }

    /** The full command line (for error messages and debugging). */
    public List<String> command() {
        return command;
    }

    /** The last {@code lines} lines of the log file (at most the last 64 KiB are read). */
    public String logTail(int lines) {
        return tail(logFile, lines);
    }

    /** Resident set size of any process, from {@code /proc/<pid>/status} (VmRSS); 0 if unknown. */
    public static long rssBytesOf(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024L; // the kernel reports kB
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** Resident set size of this JVM. */
    public static long currentRssBytes() {
        return rssBytesOf(ProcessHandle.current().pid());
    }

    /** Whether this code runs from a Spring Boot executable jar (local-stack's exec jar). */
    static boolean runningFromBootJar() {
        ClassLoader loader = ChildJvm.class.getClassLoader();
        return loader != null && loader.getClass().getName().startsWith("org.springframework.boot.loader.");
    }

    static String tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "(no log file " + file + ")";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long from = Math.max(0, length - 64 * 1024);
            byte[] bytes = new byte[(int) (length - from)];
            raf.seek(from);
            raf.readFully(bytes);
            List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private static List<String> launchPrefix() {
        List<String> prefix = new ArrayList<>();
        for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(candidate))) {
                prefix.add(candidate);
                break;
            }
        }
        prefix.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return prefix;
    }

    private static void register(ChildJvm child) {
        synchronized (LIVE) {
            LIVE.remove(child);
            LIVE.addLast(child);
            if (!reaperInstalled) {
                Runtime.getRuntime().addShutdownHook(new Thread(ChildJvm::stopAllLive, "tend-child-jvm-reaper"));
                reaperInstalled = true;
            }
        }
    }

    private static void unregister(ChildJvm child) {
        synchronized (LIVE) {
            LIVE.remove(child);
        }
    }

    /** Stops every child still running, newest first (so the broker, started first, stops last). */
    private static void stopAllLive() {
        while (true) {
            ChildJvm newest;
            synchronized (LIVE) {
                newest = LIVE.pollLast();
            }
            if (newest == null) {
                return;
            }
            newest.stop();
        }
    }
}
