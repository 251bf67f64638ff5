package org.tend.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.tend.local.LocalStack.MissingServiceJarException;
import org.tend.local.LocalStack.MongoBackend;
import org.tend.local.demo.DemoPlan;
import org.tend.local.demo.DemoSeeder;

/**
 * Runs the whole platform in the foreground until Ctrl-C: {@code java -jar local-stack-<version>-exec.jar}
 * (what {@code run-local.sh} does after building).
 *
 * <p>Why a separate main: {@link LocalStack} is also a library for the end-to-end tests and the benchmark;
 * this class only adds the command line, the banner, a watch that reports a process that dies, and a
 * shutdown hook that stops everything in reverse order when the user presses Ctrl-C (the children run in
 * sessions of their own, so the terminal's SIGINT reaches only this JVM; see {@link ChildJvm}).
 *
 * <pre>
 * options:
 *   --data-dir DIR     data and logs (default .tend/data under the working directory)
 *   --memory           in-memory MongoDB (nothing kept) instead of the H2 file
 *   --root DIR         the repository whose modules hold the exec jars (default: found upwards)
 *   --free-ports       free ports instead of 8080-8084, 8090, 9092, 27017
 *   --cluster          three Kafka brokers and two instances of every service behind the gateway
 *   --parallelism N    services started at the same time (default 2)
 *   --services LIST    only these, comma-separated (e.g. assessment-service,gateway)
 *   --infra-only       only MongoDB, the token issuer and Kafka (run a service from the IDE against them)
 *   --demo             once up, seed the demo programme through the gateway (once: kept in the data directory)
 *   --demo-participants N, --demo-months N   its size (default 400 and 6; either implies --demo)
 * </pre>
 */
public final class TendLocal {

    /** How many demo participants act at once: enough to keep two cores busy, few enough for the store. */
    private static final int DEMO_CLIENTS = 4;

    private static volatile boolean shuttingDown;

    private TendLocal() {
    }

    public static void main(String[] args) {
        Path launcherLog = sendLibraryLogsToFile(args);
        LocalStack stack;
        try {
            stack = configure(args).onProgress(message -> System.out.println("  " + message)).build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("tend-local: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shuttingDown = true;
            System.out.println("\nStopping Tend (gateway, services, broker, issuer, MongoDB)...");
            stack.stop();
            System.out.println("Tend stopped.");
        }, "tend-local-shutdown"));

        System.out.println("Starting Tend" + (stack.repositoryRoot() == null ? "" : " from " + stack.repositoryRoot())
                + "; data and logs in " + stack.dataDir());
        LocalStack.StartupReport report;
        try {
            report = stack.start();
        } catch (MissingServiceJarException e) {
            System.err.println("tend-local: " + e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            if (!shuttingDown) {
                System.err.println("tend-local: the platform failed to start: " + e.getMessage());
                System.exit(1);
            }
            return;
        }
        System.out.println(report.banner());
        System.out.println("  Logs: " + stack.dataDir().resolve("logs") + " (this launcher: " + launcherLog.getFileName()
                + ") and " + stack.broker().logFile());
        if (report.gatewayUrl() == null) {
            System.out.println("  A service run from elsewhere (IDE, mvn spring-boot:run) needs, e.g. for assessment:");
            stack.environmentFor(TendService.ASSESSMENT)
                    .forEach((name, value) -> System.out.println("    export " + name + "='" + value + "'"));
        }
        demoSize(args).ifPresent(size -> seedDemo(stack, report, size));
        watch(stack);
    }

    /**
     * Points slf4j-simple at {@code <data dir>/logs/launcher.log} before anything logs, so that the terminal
     * shows only progress, the banner and problems, not the embedded MongoDB's and the Kafka client's chatter.
     * (The broker and the services log into files of their own.)
     */
    private static Path sendLibraryLogsToFile(String[] args) {
        Path dataDir = Path.of(".tend", "data");
        for (int i = 0; i < args.length - 1; i++) {
            if ("--data-dir".equals(args[i])) {
                dataDir = Path.of(args[i + 1]);
            }
        }
        Path logFile = dataDir.toAbsolutePath().resolve("logs").resolve("launcher.log");
        try {
            java.nio.file.Files.createDirectories(logFile.getParent());
            System.setProperty("org.slf4j.simpleLogger.logFile", logFile.toString());
        } catch (java.io.IOException e) {
            System.err.println("tend-local: cannot create " + logFile.getParent() + "; logging to the terminal");
        }
        return logFile;
    }

    static final String HELP = """
            usage: tend-local [options]   (./run-local.sh passes these on; its own --no-build skips the build)

            Runs a Kafka broker, an embedded MongoDB-protocol store, the development token issuer, the services
            and the gateway on this machine until Ctrl-C. The broker requires SASL/SCRAM: every principal's password
            is in <data dir>/kafka/credentials.properties, and the start-up summary prints the analytics login.

              --data-dir DIR     where the store, the broker and the logs keep their data (default .tend/data);
                                 data survives a restart
              --memory           keep the store in memory (faster; nothing survives a restart)
              --root DIR         the repository the services' built jars are taken from (default: found from here)
              --free-ports       any free ports instead of the fixed ones (gateway 8080, services 8081-8084,
                                 issuer 8090, broker 9092, store 27017); the chosen ones are printed
              --cluster          run as a cluster: three Kafka brokers (9092-9094, replication factor 3, two in
                                 sync, SASL and ACLs as always) and two instances of every service (the second on
                                 8181-8185), the gateway balancing over them; a broker that dies is started again
              --parallelism N    how many service JVMs start at once (default 2)
              --services LIST    only these services, comma-separated (e.g. assessment-service,goal-service)
              --infra-only       only the broker, the store and the issuer (run services from an IDE)
              --demo             once everything is up, seed a demo programme through the gateway: organisation
                                 acme, six departments (legal smaller than the minimum group size of 10), 400
                                 participants demo-0001 ... over the six months before this one, with entry measures,
                                 monthly re-assessments, goals and ratings (tens of minutes at full size; the
                                 services' clocks follow the seeder meanwhile, then run at real time). Done once: a
                                 second run finds it and adds nothing
              --demo-participants N, --demo-months N
                                 the demo's size (defaults 400 and 6); either implies --demo
              -h, --help         this text""";

    /** Parses the command line into a builder (public for tests and for wrappers that add options). */
    public static LocalStack.Builder configure(String[] args) {
        LocalStack.Builder builder = LocalStack.builder();
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String option = rest.remove(0);
            switch (option) {
                case "--data-dir" -> builder.dataDir(Path.of(value(option, rest)));
                case "--memory" -> builder.mongoBackend(MongoBackend.MEMORY);
                case "--root" -> builder.repositoryRoot(Path.of(value(option, rest)));
                case "--free-ports" -> builder.freePorts();
                case "--cluster" -> builder.cluster();
                case "--parallelism" -> builder.startParallelism(Integer.parseInt(value(option, rest)));
                case "--services" -> builder.services(parseServices(value(option, rest)));
                case "--infra-only" -> builder.services(List.of());
                case "--demo" -> builder.demoClock();
                case "--demo-participants", "--demo-months" -> {
                    positive(option, value(option, rest));
                    builder.demoClock();
                }
                case "-h", "--help" -> {
                    System.out.println(HELP);
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + option + " (try --help)");
            }
        }
        return builder;
    }

    /** The demo's size when the command line asks for one ({@code --demo} or a size option). */
    public static Optional<DemoPlan.Size> demoSize(String[] args) {
        boolean demo = false;
        int participants = DemoPlan.Size.FULL.participants();
        int months = DemoPlan.Size.FULL.months();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--demo" -> demo = true;
                case "--demo-participants" -> {
                    demo = true;
                    participants = positive(args[i], i + 1 < args.length ? args[++i] : "");
                }
                case "--demo-months" -> {
                    demo = true;
                    months = positive(args[i], i + 1 < args.length ? args[++i] : "");
                }
                default -> {
                }
            }
        }
        return demo ? Optional.of(new DemoPlan.Size(participants, months, DemoPlan.Size.FULL.seed()))
                : Optional.empty();
    }

    private static int positive(String option, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(option + " needs a positive number, got '" + value + "'");
    }

    /** Seeds the demo programme; a failure is reported and the stack keeps running. */
    private static void seedDemo(LocalStack stack, LocalStack.StartupReport report, DemoPlan.Size size) {
        if (report.gatewayUrl() == null || stack.demoClockFile().isEmpty()) {
            System.err.println("tend-local: --demo needs the gateway and every service; not seeding");
            return;
        }
        DemoSeeder seeder = new DemoSeeder(report.gatewayUrl(), DemoSeeder.Tokens.of(stack.issuer()),
                stack.demoClockFile().get(), size, DEMO_CLIENTS, line -> System.out.println("  " + line));
        try {
            DemoSeeder.Summary summary = seeder.seed();
            System.out.println("  HR figures of the demo programme (with hana's token): " + report.gatewayUrl()
                    + "/api/insights/...; its participants are demo-0001 ... (token subject demo|demo-0001 ...)");
            if (!summary.alreadySeeded()) {
                System.out.println("Press Ctrl-C to stop.");
            }
        } catch (RuntimeException e) {
            if (!shuttingDown) {
                System.err.println("tend-local: seeding the demo failed (the stack keeps running at real time): "
                        + e.getMessage());
            }
        }
    }

    private static List<TendService> parseServices(String list) {
        List<TendService> chosen = new ArrayList<>();
        for (String name : list.split(",")) {
            String wanted = name.trim();
            if (wanted.isEmpty()) {
                continue;
            }
            chosen.add(java.util.Arrays.stream(TendService.values())
                    .filter(s -> s.artifactId().equals(wanted) || s.name().equalsIgnoreCase(wanted))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown service " + wanted)));
        }
        return chosen;
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.remove(0);
    }

    /** Blocks for ever, telling the user once about every process that stops on its own. */
    private static void watch(LocalStack stack) {
        Set<String> reported = new HashSet<>();
        while (true) {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                return;
            }
            if (shuttingDown) {
                continue;
            }
            if (!stack.broker().isRunning() && reported.add("kafka")) {
                System.err.println("tend-local: the Kafka broker stopped; see " + stack.broker().logFile());
            }
            for (TendService service : TendService.values()) {
                try {
                    ServiceProcess process = stack.service(service);
                    if (!process.isRunning() && reported.add(service.artifactId())) {
                        System.err.println("tend-local: " + service.artifactId() + " stopped; see " + process.logFile()
                                + "\n" + process.logTail(15));
                    }
                } catch (IllegalArgumentException notInStack) {
                    // a subset of the services was configured
                }
            }
        }
    }
}
