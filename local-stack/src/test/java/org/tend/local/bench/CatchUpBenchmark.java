package org.tend.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.tend.local.LocalStack;
import org.tend.local.RepositoryRoot;
import org.tend.local.TendService;
import org.tend.local.TopicAccess;

/**
 * How fast each Kafka consumer drains a backlog, beside the steady load it serves (issue 12: "every consumer catches up
 * at least three times faster than the steady load it serves"). Prints figures; asserts nothing.
 *
 * <p><b>Backlog.</b> The whole local stack is started as {@link LocalStack} starts it (real broker, every service's
 * exec jar, the deployment's JVM options). For each consumer under test its service is stopped, and participant
 * sessions of the load benchmark's mix are run through the gateway (enrol, PHQ-9, GAD-7, WHO-5, read the
 * recommendations, set a goal, rate it, read the journey; a step served by the stopped service is left out: it writes
 * nothing onto the stopped service's input topics). So the backlog holds exactly the records the running services
 * publish for those sessions, sealed with the participants' keys as in production, of every type on the consumer's
 * topics (the ones it ignores too: it still has to read them). Then the service is started again and its group's
 * committed offsets are polled every {@value #POLL_MILLIS} ms.
 *
 * <p><b>Catch-up rate</b> = the backlog divided by the time from the moment the group is stable with partitions
 * assigned (polled with the admin client) to the moment its committed offsets leave no lag: the service's start-up and
 * its join of the group are left out (they are not draining; issue 12 measures the take-over apart).
 * Assessment-service cannot be stopped while sessions run (every session starts there): its group's offsets on the
 * audit and erasure topics are put back to where the sessions began while it is stopped, and the same records drained
 * again (its audit trail inserts by entry id, so a second pass writes as much as the first).
 *
 * <p><b>Steady load</b> a consumer serves = records per session on its input topics (measured in this run: backlog /
 * sessions that completed; one that failed half-way still left records, so the load errs high and the ratio low) ×
 * sessions/s, with sessions/s = {@code --load-rate} completed assessments/s ÷ 3 (the load benchmark's
 * headline rate; a session completes three assessments). The default, 14/s, is the rate at which the load benchmark
 * saturates this machine's two cores (README, load benchmark). Ratio = catch-up rate ÷ steady load; target ≥ 3.
 *
 * <p>Usage: {@code CatchUpBenchmark [--sessions=300] [--concurrency=8] [--load-rate=14]
 * [--consumers=catalogue,goal,progress,insights,assessment] [--memory] [--service-jvm="..."] [--jars=DIR]}; {@code
 * --jars}: the services' exec jars from DIR where it holds one (named as in {@code target/}), e.g. kept from a build
 * before a change.
 */
public final class CatchUpBenchmark {

    static final int POLL_MILLIS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A consumer group under test: the service that holds it and the topics it reads. */
    enum Consumer {
        CATALOGUE(TendService.CATALOGUE, "tend-catalogue", "AssessmentEventsListener, CareHoldsListener"),
        GOAL(TendService.GOAL, "tend-goal", "UpstreamEventsListener"),
        PROGRESS(TendService.PROGRESS, "tend-progress", "JourneyProjectionListener"),
        INSIGHTS(TendService.INSIGHTS, "tend-insights", "InsightsListener"),
        ASSESSMENT(TendService.ASSESSMENT, "tend-assessment", "AuditEntriesListener, ErasureConfirmationsListener");

        final TendService service;
        final String group;
        final String listeners;

        Consumer(TendService service, String group, String listeners) {
            this.service = service;
            this.group = group;
            this.listeners = listeners;
        }
    }

    record Options(int sessions, int concurrency, double loadRate, List<Consumer> consumers, boolean memory,
                   List<String> serviceJvm, Path jars) {

        static Options parse(String[] args) {
            int sessions = 300;
            int concurrency = 8;
            double loadRate = 14;
            List<Consumer> consumers = List.of(Consumer.values());
            boolean memory = false;
            List<String> jvm = null;
            Path jars = null;
            for (String arg : args) {
                if (arg.startsWith("--sessions=")) {
                    sessions = Integer.parseInt(value(arg));
                } else if (arg.startsWith("--concurrency=")) {
                    concurrency = Integer.parseInt(value(arg));
                } else if (arg.startsWith("--load-rate=")) {
                    loadRate = Double.parseDouble(value(arg));
                } else if (arg.startsWith("--consumers=")) {
                    consumers = Arrays.stream(value(arg).split(","))
                            .map(name -> Consumer.valueOf(name.trim().toUpperCase(Locale.ROOT))).toList();
                } else if (arg.startsWith("--jars=")) {
                    jars = Path.of(value(arg));
                } else if (arg.equals("--memory")) {
                    memory = true;
                } else if (arg.startsWith("--service-jvm=")) {
                    jvm = List.of(value(arg).trim().split("\\s+"));
                } else {
                    throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            return new Options(sessions, concurrency, loadRate, consumers, memory,
                    jvm != null ? jvm : LoadBenchmark.deploymentJvmOptions(), jars);
        }

        private static String value(String arg) {
            return arg.substring(arg.indexOf('=') + 1);
        }
    }

    /** One consumer's figures. */
    record Result(Consumer consumer, long backlog, double seconds, double catchUpRate, double recordsPerSession,
                  double loadRate, String how) {

        double ratio() {
            return catchUpRate / loadRate;
        }
    }

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicLong participantNumber = new AtomicLong();
    private final List<String> enrolmentCodes = new ArrayList<>();
    private final List<String> interventionIds = new ArrayList<>();
    private LocalStack stack;
    private Admin admin;

    CatchUpBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        new CatchUpBenchmark(Options.parse(args)).run();
        System.exit(0);
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "catch-up benchmark (issue 12): %d sessions per backlog, %d at a time; steady"
                        + " load at %.1f completed assessments/s (%.2f sessions/s); %s store; service JVMs %s; %d cores%n",
                options.sessions, options.concurrency, options.loadRate, options.loadRate / 3,
                options.memory ? "memory" : "H2", String.join(" ", options.serviceJvm),
                Runtime.getRuntime().availableProcessors());
        Path data = Files.createTempDirectory("tend-bench-catch-up");
        List<Result> results = new ArrayList<>();
        LocalStack.Builder builder = LocalStack.builder().dataDir(data)
                .mongoBackend(options.memory ? LocalStack.MongoBackend.MEMORY : LocalStack.MongoBackend.H2)
                .freePorts().serviceJvmOptions(options.serviceJvm).serviceStartTimeout(Duration.ofMinutes(5))
                .env("LOGGING_LEVEL_TEND_TRACE", "INFO")
                .onProgress(line -> System.out.println("  " + line));
        if (options.jars != null) {
            // Jars kept from another build (a "before" figure while this tree holds the fix): named as in target/.
            Path root = RepositoryRoot.locate();
            String version = RepositoryRoot.version(root);
            for (TendService service : TendService.values()) {
                Path jar = options.jars.resolve(service.execJar(root, version).getFileName());
                if (Files.isRegularFile(jar)) {
                    builder.jar(service, jar);
                    System.out.println("  " + service.artifactId() + " from " + jar);
                }
            }
        }
        try (LocalStack started = builder.build()) {
            stack = started;
            long began = System.nanoTime();
            stack.start();
            System.out.printf(Locale.ROOT, "stack up in %.0f s%n", (System.nanoTime() - began) / 1e9);
            admin = Admin.create(stack.kafkaLogin(TopicAccess.ADMIN).clientConfig());
            setUp();
            // Warm-up: the services' JIT and the broker see the mix once before anything is timed.
            runSessions(Math.max(20, options.sessions / 10), Set.of());
            awaitNoLag(Duration.ofMinutes(5));
            for (Consumer consumer : options.consumers) {
                results.add(consumer == Consumer.ASSESSMENT ? replayed(consumer) : drained(consumer));
                awaitNoLag(Duration.ofMinutes(10));
            }
        } finally {
            if (admin != null) {
                admin.close();
            }
        }
        System.out.println();
        System.out.println(table(results));
    }

    /** Stops the consumer's service, runs the sessions, starts it again and times the drain. */
    private Result drained(Consumer consumer) throws Exception {
        System.out.printf(Locale.ROOT, "== %s (%s): stopping %s%n", consumer.group, consumer.listeners,
                consumer.service.artifactId());
        stack.service(consumer.service).stop();
        Map<TopicPartition, Long> committed = committed(consumer.group);
        long sessionsBegan = System.nanoTime();
        int ok = runSessions(options.sessions, Set.of(consumer.service));
        awaitStableEnds(committed.keySet());
        long backlog = lag(committed, ends(committed.keySet()));
        System.out.printf(Locale.ROOT, "   %d of %d sessions completed in %.1f s; backlog %,d records on %s%n", ok,
                options.sessions, (System.nanoTime() - sessionsBegan) / 1e9, backlog, topics(committed.keySet()));
        return timeDrain(consumer, committed, backlog, ok, "stopped while the sessions ran");
    }

    /** Assessment-service: its group put back to where a run of sessions began, then drained again. */
    private Result replayed(Consumer consumer) throws Exception {
        System.out.printf(Locale.ROOT, "== %s (%s): sessions with everything running, then replayed%n",
                consumer.group, consumer.listeners);
        Map<TopicPartition, Long> before = ends(committed(consumer.group).keySet());
        int ok = runSessions(options.sessions, Set.of());
        awaitNoLag(Duration.ofMinutes(5));
        stack.service(consumer.service).stop();
        Map<TopicPartition, OffsetAndMetadata> rewind = new HashMap<>();
        before.forEach((tp, offset) -> rewind.put(tp, new OffsetAndMetadata(offset)));
        admin.alterConsumerGroupOffsets(consumer.group, rewind).all().get();
        long backlog = lag(before, ends(before.keySet()));
        System.out.printf(Locale.ROOT, "   %d sessions; %,d records on %s put back%n", ok, backlog,
                topics(before.keySet()));
        return timeDrain(consumer, before, backlog, ok, "group put back, records drained again");
    }

    private Result timeDrain(Consumer consumer, Map<TopicPartition, Long> start, long backlog, int sessions,
                             String how) throws Exception {
        if (backlog == 0) {
            stack.service(consumer.service).start(Duration.ofMinutes(5));
            System.out.println("   the sessions put nothing on its topics: no steady load to compare with");
            return new Result(consumer, 0, 0, Double.NaN, 0, 0, how + "; nothing to drain");
        }
        Thread starter = new Thread(() -> stack.service(consumer.service).start(Duration.ofMinutes(5)));
        long launched = System.nanoTime();
        starter.start();
        long assigned = 0;
        long deadline = launched + Duration.ofMinutes(30).toNanos();
        Map<TopicPartition, Long> ends = ends(start.keySet());
        long lastPrint = launched;
        while (System.nanoTime() < deadline) {
            long now = System.nanoTime();
            if (assigned == 0 && hasPartitions(consumer.group)) {
                assigned = now;
            }
            long lag = lag(committed(consumer.group), ends);
            if (lag == 0 && assigned != 0) {
                starter.join();
                double seconds = (now - assigned) / 1e9;
                double rate = backlog / seconds;
                double perSession = (double) backlog / Math.max(1, sessions);
                double load = perSession * options.loadRate / 3;
                System.out.printf(Locale.ROOT, "   drained %,d records: partitions assigned %.1f s after the start, no"
                                + " lag %.2f s later: %.1f records/s; steady load %.2f records/s (%.2f per session x"
                                + " %.2f sessions/s): ratio %.1f%n", backlog, (assigned - launched) / 1e9, seconds,
                        rate, load, perSession, options.loadRate / 3, rate / load);
                return new Result(consumer, backlog, seconds, rate, perSession, load, how);
            }
            if (now - lastPrint > 15e9) {
                lastPrint = now;
                System.out.printf(Locale.ROOT, "   lag %,d%n", lag);
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException(consumer.group + " did not drain its backlog within 30 minutes");
    }

    // ---------------------------------------------------------------- offsets

    private Map<TopicPartition, Long> committed(String group) throws Exception {
        Map<TopicPartition, Long> offsets = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().forEach((tp, meta) -> {
            if (meta != null) {
                offsets.put(tp, meta.offset());
            }
        });
        if (offsets.isEmpty()) {
            throw new IllegalStateException("consumer group " + group + " has committed nothing");
        }
        return offsets;
    }

    /** Whether the group is stable with partitions assigned to its members: the service has started draining. */
    private boolean hasPartitions(String group) throws Exception {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups()
                .get(group).get();
        return description.groupState() == GroupState.STABLE && description.members().stream()
                .anyMatch(member -> !member.assignment().topicPartitions().isEmpty());
    }

    private Map<TopicPartition, Long> ends(Set<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private static long lag(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            lag += Math.max(0, end.getValue() - committed.getOrDefault(end.getKey(), 0L));
        }
        return lag;
    }

    private static String topics(Set<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::topic).distinct().sorted().collect(Collectors.joining(", "));
    }

    /** Waits until the forwarders have published what the sessions stored: end offsets unchanged for 3 s. */
    private void awaitStableEnds(Set<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, Long> last = ends(partitions);
        long stableSince = System.nanoTime();
        while (System.nanoTime() - stableSince < 3e9) {
            Thread.sleep(250);
            Map<TopicPartition, Long> now = ends(partitions);
            if (!now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            }
        }
    }

    /** Waits until no group with members lags (the other consumers current before the next measurement). */
    private void awaitNoLag(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long lag = 0;
            for (Consumer consumer : Consumer.values()) {
                if (stack.service(consumer.service).isRunning()) {
                    Map<TopicPartition, Long> committed = committed(consumer.group);
                    lag += lag(committed, ends(committed.keySet()));
                }
            }
            if (lag == 0) {
                return;
            }
            Thread.sleep(250);
        }
        System.out.println("   (consumers still lagging after " + timeout.toSeconds() + " s)");
    }

    // ---------------------------------------------------------------- sessions

    /** Programmes with enrolment codes, and the catalogue's interventions to set goals on. */
    private void setUp() throws Exception {
        String adminToken = stack.issuer().mintFor("adam");
        for (int p = 0; p < 4; p++) {
            JsonNode created = require(call("POST", "/api/programmes", adminToken, Map.of("organisationId", "bench",
                    "name", "Catch-up programme " + p, "minimumGroupSize", 5,
                    "departments", List.of("benchmark"))), "create programme");
            enrolmentCodes.add(created.get("enrolmentCode").asText());
        }
        String reader = stack.issuer().mint("catchup|reader", List.of("participant"), Duration.ofHours(6));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (interventionIds.isEmpty() && System.nanoTime() < deadline) {
            Answer list = call("GET", "/api/interventions", reader, null);
            if (list.status() == 200) {
                list.json().path("interventions").forEach(i -> interventionIds.add(i.path("interventionId").asText()));
            } else {
                Thread.sleep(1000);
            }
        }
        if (interventionIds.isEmpty()) {
            throw new IllegalStateException("the catalogue lists no interventions");
        }
    }

    /** Runs {@code count} sessions, {@code --concurrency} at a time; returns how many completed every step. */
    private int runSessions(int count, Set<TendService> down) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(options.concurrency);
        try {
            List<Future<Boolean>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                done.add(pool.submit(() -> session(participantNumber.incrementAndGet(), down)));
            }
            int ok = 0;
            for (Future<Boolean> future : done) {
                ok += future.get() ? 1 : 0;
            }
            return ok;
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    /** The load benchmark's session, without think times; a step served by a service in {@code down} is skipped. */
    private boolean session(long n, Set<TendService> down) throws Exception {
        String token = stack.issuer().mint(String.format(Locale.ROOT, "catchup|p%06d", n), List.of("participant"),
                Duration.ofHours(6));
        if (call("POST", "/api/enrolments", token, Map.of("enrolmentCode",
                enrolmentCodes.get((int) (n % enrolmentCodes.size())), "consent", true,
                "department", "benchmark")).status() / 100 != 2) {
            return false;
        }
        String[][] instruments = {{"phq-9", "phq9-", "9", "3"}, {"gad-7", "gad7-", "7", "3"}, {"who-5", "who5-", "5", "5"}};
        for (String[] instrument : instruments) {
            Map<String, Object> body = Map.of("instrumentId", instrument[0], "answers", LoadBenchmark.answers(instrument[1],
                    Integer.parseInt(instrument[2]), Integer.parseInt(instrument[3]), n), "submit", true);
            if (call("POST", "/api/assessments", token, body).status() / 100 != 2) {
                return false;
            }
        }
        if (!down.contains(TendService.CATALOGUE)) {
            call("GET", "/api/recommendations/me", token, null);
        }
        if (!down.contains(TendService.GOAL)) {
            String intervention = interventionIds.get((int) (n % interventionIds.size()));
            String goalId = null;
            for (int attempt = 0; attempt < 40 && goalId == null; attempt++) {
                Answer goal = call("POST", "/api/goals", token, Map.of("interventionId", intervention,
                        "description", "Walk at lunchtime three days a week"));
                if (goal.status() / 100 == 2) {
                    goalId = goal.json().path("goalId").asText(null);
                } else if (goal.status() == 400) {
                    Thread.sleep(250); // goal-service has not learnt of the enrolment yet
                } else {
                    return false;
                }
            }
            if (goalId == null || call("POST", "/api/goals/" + goalId + "/ratings", token,
                    Map.of("rating", (int) (n % 11))).status() / 100 != 2) {
                return false;
            }
        }
        if (!down.contains(TendService.PROGRESS)) {
            call("GET", "/api/journeys/me", token, null);
        }
        return true;
    }

    private record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                return JSON.nullNode();
            }
        }
    }

    private Answer call(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
        if ("POST".equals(method)) {
            request.header("Idempotency-Key", "\"" + UUID.randomUUID() + "\"");
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (java.io.IOException e) {
            return new Answer(0, String.valueOf(e));
        }
    }

    private static JsonNode require(Answer answer, String what) {
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException(what + ": " + answer.status() + " " + answer.body());
        }
        return answer.json();
    }

    // ---------------------------------------------------------------- result

    String table(List<Result> results) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "## Catch-up (issue 12): backlog drain rate beside the steady load at"
                + " %.1f completed assessments/s (%.2f sessions/s)%n%n", options.loadRate, options.loadRate / 3));
        text.append("| consumer group | listeners | backlog | records/session | steady load | catch-up | ratio"
                + " | target ≥ 3 | backlog made by |\n|---|---|---:|---:|---:|---:|---:|---|---|\n");
        for (Result r : results) {
            if (r.backlog() == 0) {
                text.append(String.format(Locale.ROOT, "| %s | %s | 0 | 0 | none in this mix | – | – | – | %s |%n",
                        r.consumer().group, r.consumer().listeners, r.how()));
                continue;
            }
            text.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.2f | %.1f records/s | %.1f records/s"
                            + " (%.1f s) | %.1f | %s | %s |%n", r.consumer().group, r.consumer().listeners,
                    r.backlog(), r.recordsPerSession(), r.loadRate(), r.catchUpRate(), r.seconds(), r.ratio(),
                    r.ratio() >= 3 ? "met" : "not met", r.how()));
        }
        return text.toString();
    }
}
