package org.tend.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.tend.embeddedstore.FullScans;
import org.tend.local.LocalStack;
import org.tend.local.RepositoryRoot;
import org.tend.local.TendService;
import org.tend.local.TopicAccess;

/**
 * The sustained-load benchmark of issue 9 ("Throughput that holds as data grows"). It asserts nothing: it prints
 * figures, and says how they were measured.
 *
 * <p><b>Load.</b> Open model: participant sessions are started on a fixed schedule at the step's arrival rate, each
 * on its own token ({@code load|p000123}, role participant), whatever the platform's answers; every request's latency
 * is measured from the time it was due (the session's scheduled start, or the previous request's answer plus the
 * session's think time), so queueing anywhere (in this generator too) shows as latency. A session: enrol in one of the
 * programmes with its enrolment code; PHQ-9, GAD-7 and WHO-5, each completed in one call ({@code submit: true}); after
 * 1 s, read the recommendations; set a goal on an intervention of the catalogue (a 400 while goal-service has not yet
 * learnt of the enrolment is retried every 500 ms and counted apart); after 1 s, rate it; read the journey. Beside
 * the sessions, practitioners (one per programme, each serving it through an invitation) read their review list
 * ({@code GET /api/journeys/needing-review}) at a fifth of the session rate. The headline rate is completed
 * assessments/s = 3 × the session rate. Everything goes through the gateway, whose rate limits stay as configured
 * (each participant and practitioner is their own caller). Per request type: count, non-2xx by status (excluded
 * from the latencies), p50/p99/max (HdrHistogram). Warm-up (at the first rate) is not counted.
 *
 * <p><b>Command → projection lag.</b> For at most {@value #LAG_PROBES_PER_SECOND} sessions a second, the PHQ-9's
 * 2xx starts a probe that polls the participant's journey directly at progress-service every
 * {@value #LAG_POLL_MILLIS} ms until it holds that assessment: lag = end of the first poll that shows it − end of
 * the command's 2xx (an upper bound, up to one poll interval high).
 *
 * <p><b>Volume.</b> {@code --stored=0,10000,100000}: before each volume's series, synthetic participants' records
 * ({@link InsightsSeed}: programme, enrolments, assessments, recommendations, goals and ratings) are produced in bulk
 * onto the event topics until that many have been stored in all (cumulative: a volume adds to the one before), and
 * the projections (progress, catalogue, goal, insights) consume them before the load starts; and assessment-service's
 * Axon event store ({@code domainevents}) is filled to that many events with copies of the aggregates the load itself
 * created ({@link EventStoreSeed}), dated a month back so that the forwarder never forwards them. The other services'
 * own stores (goal, catalogue) are not seeded beyond what their consumers write.
 *
 * <p><b>After the load.</b> Time until every consumer group of the broker has no lag (all projections current).
 * <b>Gateway share.</b> {@code GET /api/instruments/phq-9} through the gateway and directly at assessment-service
 * (which serves it), same clients and tokens, in the same run, before any load and with no consumer lag, in
 * interleaved rounds (medians), with each process's CPU per request. <b>CPU.</b> Every step prints each process's CPU
 * time per completed assessment: what the platform spends on one, and where.
 *
 * <p>Usage: {@code LoadBenchmark [--quick] [--rates=10,25,50,100,150,200,300] [--step-seconds=30]
 * [--warmup-seconds=30] [--stored=0,10000,100000] [--practitioners=24] [--memory]
 * [--service-jvm="..." (default: deploy/jvm/service.options)] [--max-error-ratio=0.05] [--consume-seconds=600]
 * [--out=target/load-benchmark.md]}. {@code --consume-seconds} bounds the wait for the projections to consume a
 * volume's seeded records (catalogue-service consumes them slowest): past it the load starts anyway, and says so.
 */
public final class LoadBenchmark {

    static final int LAG_PROBES_PER_SECOND = 2;
    static final int LAG_POLL_MILLIS = 25;
    /**
     * The deployment's JVM options ({@code deploy/jvm/service.options}: full tiered compilation (C2), a parallel
     * collector, a fixed heap), read from the repository so that the benchmark runs what a deployment runs.
     */
    static List<String> deploymentJvmOptions() {
        Path file = RepositoryRoot.locate().resolve("deploy/jvm/service.options");
        try {
            return jvmOptions(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the deployment's JVM options " + file, e);
        }
    }

    /** The options of a java argument file's lines: a {@code #} starts a comment, blank lines are skipped. */
    static List<String> jvmOptions(List<String> lines) {
        List<String> options = new ArrayList<>();
        for (String line : lines) {
            int hash = line.indexOf('#');
            String text = (hash < 0 ? line : line.substring(0, hash)).trim();
            if (!text.isEmpty()) {
                options.addAll(List.of(text.split("\\s+")));
            }
        }
        return List.copyOf(options);
    }
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration THINK = Duration.ofSeconds(1);
    private static final String ASSESSMENT = "assessment (start + answers, submit)";

    private final Options options;
    private final ExecutorService httpThreads = Executors.newFixedThreadPool(8, daemon("load-http"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).executor(httpThreads).build();
    private final java.util.concurrent.ScheduledExecutorService timers =
            Executors.newScheduledThreadPool(2, daemon("load-timer"));
    private LocalStack stack;
    private Admin admin;
    private final List<String> enrolmentCodes = new ArrayList<>();
    private final List<String> practitionerTokens = new ArrayList<>();
    private final List<String> interventionIds = new ArrayList<>();
    private final AtomicLong participantNumber = new AtomicLong();
    private final List<LoadTable.Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private InsightsSeed seed;
    private int seededParticipants;
    private long seededRecords;

    private volatile Step current;

    private LoadBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        int status = 0;
        try {
            new LoadBenchmark(options).run();
        } catch (Throwable e) {
            // Said before the exit below, which would otherwise end the JVM before the stack trace is printed.
            e.printStackTrace();
            status = 1;
        } finally {
            System.exit(status);
        }
    }

    record Options(List<Double> rates, int stepSeconds, int warmupSeconds, List<Long> stored, int practitioners,
                   boolean memory, List<String> serviceJvm, double maxErrorRatio, int shareRequests, Path out,
                   int consumeSeconds) {

        static Options parse(String[] args) {
            List<Double> rates = List.of(10.0, 25.0, 50.0, 100.0, 150.0, 200.0, 300.0);
            int stepSeconds = 30;
            int warmup = 30;
            List<Long> stored = List.of(0L, 10_000L, 100_000L);
            int practitioners = 24;
            boolean memory = false;
            List<String> jvm = null;
            double maxErrors = 0.05;
            int shareRequests = 1000;
            Path out = Path.of("target", "load-benchmark.md");
            int consumeSeconds = 600;
            for (String arg : args) {
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
                if (arg.equals("--quick")) {
                    rates = List.of(5.0, 15.0);
                    stepSeconds = 15;
                    warmup = 10;
                    stored = List.of(0L, 2_000L);
                    practitioners = 8;
                    shareRequests = 150;
                    consumeSeconds = 120;
                } else if (arg.startsWith("--rates=")) {
                    rates = Arrays.stream(value.split(",")).map(String::trim).map(Double::valueOf).toList();
                } else if (arg.startsWith("--step-seconds=")) {
                    stepSeconds = Integer.parseInt(value);
                } else if (arg.startsWith("--warmup-seconds=")) {
                    warmup = Integer.parseInt(value);
                } else if (arg.startsWith("--stored=")) {
                    stored = Arrays.stream(value.split(",")).map(String::trim).map(Long::valueOf).sorted().toList();
                } else if (arg.startsWith("--practitioners=")) {
                    practitioners = Integer.parseInt(value);
                } else if (arg.equals("--memory")) {
                    memory = true;
                } else if (arg.startsWith("--service-jvm=")) {
                    jvm = List.of(value.trim().split("\\s+"));
                } else if (arg.startsWith("--max-error-ratio=")) {
                    maxErrors = Double.parseDouble(value);
                } else if (arg.startsWith("--share-requests=")) {
                    shareRequests = Integer.parseInt(value);
                } else if (arg.startsWith("--consume-seconds=")) {
                    consumeSeconds = Integer.parseInt(value);
                } else if (arg.startsWith("--out=")) {
                    out = Path.of(value);
                } else {
                    throw new IllegalArgumentException("unknown argument " + arg + "; see LoadBenchmark's comment");
                }
            }
            return new Options(rates, stepSeconds, warmup, stored, practitioners, memory,
                    jvm == null ? deploymentJvmOptions() : jvm, maxErrors, shareRequests, out, consumeSeconds);
        }
    }

    // ---------------------------------------------------------------- measurement

    /** One request type's figures in one step. Latencies in microseconds. */
    static final class Stats {
        final Histogram latency = new ConcurrentHistogram(3_600_000_000L, 3);
        final AtomicLong ok = new AtomicLong();
        final Map<Integer, AtomicLong> failures = new ConcurrentHashMap<>();

        void record(int status, long micros) {
            if (status / 100 == 2) {
                ok.incrementAndGet();
                latency.recordValue(Math.max(0, Math.min(micros, latency.getHighestTrackableValue())));
            } else {
                failures.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
            }
        }

        long errors() {
            return failures.values().stream().mapToLong(AtomicLong::get).sum();
        }

        double ms(double percentile) {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    /** One step: what its sessions did. */
    static final class Step {
        final String name;
        final boolean counted;
        final Map<String, Stats> stats = new ConcurrentHashMap<>();
        final Histogram lag = new ConcurrentHistogram(3_600_000_000L, 3);
        final AtomicLong lagTimeouts = new AtomicLong();
        final AtomicLong goalRetries = new AtomicLong();
        final AtomicLong inFlight = new AtomicLong();
        final AtomicLong unfinished = new AtomicLong();
        final AtomicLong lastAssessmentEnd = new AtomicLong();
        volatile long startNanos;
        volatile Map<String, Long> cpuAtStart = Map.of();
        volatile Map<String, Long> cpuAtEnd = Map.of();
        volatile long cpuStartNanos;
        volatile long cpuEndNanos;

        Step(String name, boolean counted) {
            this.name = name;
            this.counted = counted;
        }

        Stats of(String type) {
            return stats.computeIfAbsent(type, t -> new Stats());
        }
    }

    private record Answer(int status, String body, long endNanos) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                return JSON.nullNode();
            }
        }
    }

    /** Sends one request due at {@code intended}; records it under {@code type} in {@code step}. */
    private CompletableFuture<Answer> call(Step step, String type, String method, String url, String token,
                                           Object body, long intended) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if ("POST".equals(method)) {
            request.header("Idempotency-Key", "\"" + UUID.randomUUID() + "\"");
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            try {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    long end = System.nanoTime();
                    int status = failure == null ? response.statusCode() : 0;
                    if (step != null) {
                        step.of(type).record(status, (end - intended) / 1000);
                    }
                    return new Answer(status, failure == null ? response.body() : String.valueOf(failure), end);
                });
    }

    /** Runs {@code next} at {@code at} (nanoTime scale), or at once when that has passed. */
    private <T> CompletableFuture<T> at(long at, java.util.function.Supplier<CompletableFuture<T>> next) {
        long delay = at - System.nanoTime();
        if (delay <= 0) {
            return next.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        timers.schedule(() -> {
            next.get().whenComplete((value, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
            });
        }, delay, TimeUnit.NANOSECONDS);
        return result;
    }

    // ---------------------------------------------------------------- the session

    /** Session {@code n}'s answers to an instrument of {@code items} items scored 0 to {@code max} (the catch-up too). */
    static Map<String, Object> answers(String prefix, int items, int max, long n) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (int item = 1; item <= items; item++) {
            int value = (int) ((n * 7 + item * 3) % (max + 1));
            // PHQ-9 item 9 is always 0: no safety concern, no care hold in the way of the recommendations.
            answers.put(prefix + item, prefix.equals("phq9-") && item == 9 ? 0 : value);
        }
        return answers;
    }

    /** A new participant: their number and token (minted before the step, so signing costs the schedule nothing). */
    private record Participant(long number, String token) {
    }

    private Participant newParticipant() {
        long n = participantNumber.incrementAndGet();
        return new Participant(n, stack.issuer().mint(String.format(Locale.ROOT, "load|p%06d", n),
                List.of("participant"), Duration.ofHours(6)));
    }

    private CompletableFuture<Void> session(Step step, Participant participant, long intended, boolean probeLag) {
        long n = participant.number();
        int programme = (int) (n % enrolmentCodes.size());
        String token = participant.token();
        String gateway = stack.gatewayUrl();
        String intervention = interventionIds.get((int) (n % interventionIds.size()));
        step.inFlight.incrementAndGet();
        AtomicReference<String> goalId = new AtomicReference<>();
        CompletableFuture<Answer> chain = call(step, "enrolment", "POST", gateway + "/api/enrolments",
                token, Map.of("enrolmentCode", enrolmentCodes.get(programme), "consent", true,
                        "department", "benchmark"), intended);
        String[][] instruments = {{"phq-9", "phq9-", "9", "3"}, {"gad-7", "gad7-", "7", "3"}, {"who-5", "who5-", "5", "5"}};
        for (String[] instrument : instruments) {
            chain = chain.thenCompose(previous -> {
                if (previous.status() / 100 != 2) {
                    return CompletableFuture.completedFuture(previous);
                }
                return call(step, ASSESSMENT, "POST", gateway + "/api/assessments", token,
                        Map.of("instrumentId", instrument[0], "answers", answers(instrument[1],
                                Integer.parseInt(instrument[2]), Integer.parseInt(instrument[3]), n), "submit", true),
                        previous.endNanos()).thenApply(done -> {
                            if (done.status() / 100 == 2) {
                                step.lastAssessmentEnd.accumulateAndGet(done.endNanos(), Math::max);
                                if (probeLag && instrument[0].equals("phq-9")) {
                                    probeLag(step, token, done);
                                }
                            }
                            return done;
                        });
            });
        }
        CompletableFuture<Answer> rest = chain.thenCompose(previous -> {
            if (previous.status() / 100 != 2) {
                return CompletableFuture.completedFuture(previous);
            }
            long due = previous.endNanos() + THINK.toNanos();
            return at(due, () -> call(step, "recommendations (read)", "GET", gateway + "/api/recommendations/me",
                    token, null, due));
        }).thenCompose(previous -> {
            if (previous.endNanos() == 0 || (previous.status() / 100 != 2 && previous.status() != 404)) {
                return CompletableFuture.completedFuture(previous);
            }
            return setGoal(step, gateway, token, intervention, previous.endNanos(), 0, goalId);
        }).thenCompose(previous -> {
            if (goalId.get() == null) {
                return CompletableFuture.completedFuture(previous);
            }
            long due = previous.endNanos() + THINK.toNanos();
            return at(due, () -> call(step, "goal rating", "POST", gateway + "/api/goals/" + goalId.get()
                    + "/ratings", token, Map.of("rating", (int) (n % 11)), due));
        }).thenCompose(previous -> {
            if (previous.status() / 100 != 2) {
                return CompletableFuture.completedFuture(previous);
            }
            return call(step, "journey (read)", "GET", gateway + "/api/journeys/me", token, null,
                    previous.endNanos());
        });
        return rest.handle((answer, failure) -> {
            step.inFlight.decrementAndGet();
            return null;
        });
    }

    /** POST /api/goals; a 400 while goal-service has not learnt of the enrolment yet is retried (and counted). */
    private CompletableFuture<Answer> setGoal(Step step, String gateway, String token, String intervention,
                                              long intended, int attempt, AtomicReference<String> goalId) {
        Step recordIn = new Step("attempt", false);
        return call(recordIn, "goal", "POST", gateway + "/api/goals", token,
                Map.of("interventionId", intervention, "description", "Walk at lunchtime three days a week"),
                intended).thenCompose(answer -> {
                    if (answer.status() == 400 && attempt < 20) {
                        step.goalRetries.incrementAndGet();
                        long due = answer.endNanos() + 500_000_000L;
                        return at(due, () -> setGoal(step, gateway, token, intervention, due, attempt + 1, goalId));
                    }
                    step.of("goal (set)").record(answer.status(), (answer.endNanos() - intended) / 1000);
                    if (answer.status() / 100 == 2) {
                        goalId.set(answer.json().path("goalId").asText(null));
                    }
                    return CompletableFuture.completedFuture(answer);
                });
    }

    /** Polls the journey directly at progress-service until it holds the assessment; records the lag. */
    private void probeLag(Step step, String token, Answer command) {
        String assessmentId = command.json().path("assessmentId").asText("");
        String url = stack.serviceUrl(TendService.PROGRESS) + "/api/journeys/me";
        long deadline = command.endNanos() + Duration.ofSeconds(30).toNanos();
        timers.schedule(() -> poll(step, url, token, assessmentId, command.endNanos(), deadline),
                LAG_POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void poll(Step step, String url, String token, String assessmentId, long commanded, long deadline) {
        call(null, "lag probe", "GET", url, token, null, System.nanoTime()).thenAccept(answer -> {
            if (answer.status() == 200 && answer.body().contains(assessmentId)) {
                step.lag.recordValue(Math.max(0, (answer.endNanos() - commanded) / 1000));
            } else if (System.nanoTime() > deadline) {
                step.lagTimeouts.incrementAndGet();
            } else {
                timers.schedule(() -> poll(step, url, token, assessmentId, commanded, deadline), LAG_POLL_MILLIS,
                        TimeUnit.MILLISECONDS);
            }
        });
    }

    private CompletableFuture<Void> practitionerRead(Step step, long intended, long n) {
        String token = practitionerTokens.get((int) (n % practitionerTokens.size()));
        step.inFlight.incrementAndGet();
        return call(step, "practitioner review list (read)", "GET",
                stack.gatewayUrl() + "/api/journeys/needing-review", token, null, intended)
                .handle((answer, failure) -> {
                    step.inFlight.decrementAndGet();
                    return null;
                });
    }

    /**
     * One step: sessions at {@code rate}/3 per second and practitioner reads at a fifth of that, for {@code seconds}
     * (a dedicated thread sends on schedule); then waits up to 60 s for the sessions to finish.
     */
    private Step runStep(String name, double assessmentRate, int seconds, boolean counted) throws Exception {
        Step step = new Step(name, counted);
        double sessionRate = assessmentRate / 3.0;
        double practitionerRate = sessionRate / 5.0;
        long sessionCount = new OpenModelSchedule(0, sessionRate).arrivalsIn(seconds);
        long readCount = new OpenModelSchedule(0, practitionerRate).arrivalsIn(seconds);
        long probeEvery = Math.max(1, Math.round(sessionRate / LAG_PROBES_PER_SECOND));
        List<Participant> participants = new ArrayList<>((int) sessionCount);
        for (long i = 0; i < sessionCount; i++) {
            participants.add(newParticipant());
        }
        long start = System.nanoTime() + 50_000_000L;
        step.startNanos = start;
        step.cpuAtStart = cpuMillisByProcess();
        step.cpuStartNanos = System.nanoTime();
        OpenModelSchedule sessionSchedule = new OpenModelSchedule(start, sessionRate);
        OpenModelSchedule readSchedule = new OpenModelSchedule(start, practitionerRate);
        Thread sender = new Thread(() -> {
            long s = 0;
            long r = 0;
            while (s < sessionCount || r < readCount) {
                long nextSession = s < sessionCount ? sessionSchedule.intendedStart(s) : Long.MAX_VALUE;
                long nextRead = r < readCount ? readSchedule.intendedStart(r) : Long.MAX_VALUE;
                long due = Math.min(nextSession, nextRead);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                if (nextSession <= nextRead) {
                    session(step, participants.get((int) s), nextSession, s % probeEvery == 0);
                    s++;
                } else {
                    practitionerRead(step, nextRead, r);
                    r++;
                }
            }
        }, "load-sender");
        sender.start();
        sender.join();
        long drainDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (step.inFlight.get() > 0 && System.nanoTime() < drainDeadline) {
            Thread.sleep(100);
        }
        step.unfinished.set(step.inFlight.get());
        Thread.sleep(Math.min(2000, 200 + LAG_POLL_MILLIS * 10L));
        step.cpuAtEnd = cpuMillisByProcess();
        step.cpuEndNanos = System.nanoTime();
        return step;
    }

    // ---------------------------------------------------------------- the run

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "load benchmark (issue 9): rates %s completed assessments/s, %d s per step after"
                        + " %d s warm-up, stored %s, %s store, %d cores%n", options.rates, options.stepSeconds,
                options.warmupSeconds, options.stored, options.memory ? "memory" : "H2",
                Runtime.getRuntime().availableProcessors());
        System.out.println("service JVM options (each service and the gateway): " + String.join(" ", options.serviceJvm)
                + " (full tiered compilation: no TieredStopAtLevel)");
        notes.add("Service and gateway JVMs: `" + String.join(" ", options.serviceJvm) + "` (C2 on; the local start-up"
                + " shortcuts `-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m` are not used); broker as LocalStack"
                + " starts it; " + (options.memory ? "memory" : "H2") + " store; logging at the deployment's levels"
                + " (`tend.trace` INFO); "
                + Runtime.getRuntime().availableProcessors() + " cores.");
        Path data = Files.createTempDirectory("tend-bench-load");
        try (LocalStack started = LocalStack.builder().dataDir(data)
                .mongoBackend(options.memory ? LocalStack.MongoBackend.MEMORY : LocalStack.MongoBackend.H2)
                .freePorts().serviceJvmOptions(options.serviceJvm).serviceStartTimeout(Duration.ofMinutes(5))
                // A deployment's log level: the local stack's per-request trace lines (tend.trace at DEBUG) are off.
                .env("LOGGING_LEVEL_TEND_TRACE", "INFO")
                .onProgress(line -> System.out.println("  " + line)).build()) {
            stack = started;
            long began = System.nanoTime();
            stack.start();
            System.out.printf(Locale.ROOT, "stack up in %.0f s%n", (System.nanoTime() - began) / 1e9);
            admin = Admin.create(stack.kafkaLogin(TopicAccess.ADMIN).clientConfig());
            setUp();
            gatewayShare();
            System.out.printf(Locale.ROOT, "== warm-up: %d s at %.0f assessments/s (not counted)%n",
                    options.warmupSeconds, options.rates.get(0));
            runStep("warm-up", options.rates.get(0), options.warmupSeconds, false);
            for (long stored : options.stored) {
                seedTo(stored);
                Map<String, Long> lagAtStart = lagByGroup();
                for (double rate : options.rates) {
                    Step step = runStep(stored + "@" + rate, rate, options.stepSeconds, true);
                    boolean stop = report(step, stored, rate);
                    if (stop) {
                        break;
                    }
                }
                timeToCurrent(stored, lagAtStart);
            }
        } finally {
            if (admin != null) {
                admin.close();
            }
        }
        String result = result();
        System.out.println();
        System.out.println(result);
        Path out = options.out.isAbsolute() ? options.out : Path.of("").toAbsolutePath().resolve(options.out);
        Files.createDirectories(out.getParent());
        Files.writeString(out, result);
        System.out.println("written to " + out);
    }

    /** Programmes (one per practitioner), their enrolment codes, the practitioners serving them, the catalogue. */
    private void setUp() throws Exception {
        String adminToken = stack.issuer().mintFor("adam");
        String gateway = stack.gatewayUrl();
        for (int p = 0; p < options.practitioners; p++) {
            Answer created = call(null, "setup", "POST", gateway + "/api/programmes", adminToken,
                    Map.of("organisationId", "bench", "name", "Load programme " + p, "minimumGroupSize", 5,
                            "departments", List.of("benchmark")), System.nanoTime()).get();
            require(created, "create programme");
            String programmeId = created.json().get("programmeId").asText();
            enrolmentCodes.add(created.json().get("enrolmentCode").asText());
            Answer invitation = call(null, "setup", "POST", gateway + "/api/programmes/" + programmeId
                    + "/invitations", adminToken, Map.of(), System.nanoTime()).get();
            require(invitation, "invite practitioner");
            String token = stack.issuer().mint(String.format(Locale.ROOT, "load|practitioner%02d", p),
                    List.of("practitioner"), Duration.ofHours(6));
            require(call(null, "setup", "POST", gateway + "/api/invitations/redemptions", token,
                    Map.of("code", invitation.json().get("code").asText()), System.nanoTime()).get(),
                    "redeem invitation");
            practitionerTokens.add(token);
        }
        String reader = stack.issuer().mint("load|reader", List.of("participant"), Duration.ofHours(6));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (interventionIds.isEmpty() && System.nanoTime() < deadline) {
            Answer list = call(null, "setup", "GET", gateway + "/api/interventions", reader, null,
                    System.nanoTime()).get();
            if (list.status() == 200) {
                list.json().path("interventions").forEach(i -> interventionIds.add(i.path("interventionId").asText()));
            }
            if (interventionIds.isEmpty()) {
                Thread.sleep(1000);
            }
        }
        if (interventionIds.isEmpty()) {
            throw new IllegalStateException("the catalogue lists no interventions");
        }
        System.out.printf(Locale.ROOT, "set up: %d programmes, each served by its own practitioner; %d interventions"
                + " to set goals on%n", options.practitioners, interventionIds.size());
        notes.add(String.format(Locale.ROOT, "Mix per session (one new participant, own token, enrols in one of %d"
                + " programmes): enrolment, PHQ-9, GAD-7, WHO-5 (each one call with `submit: true`), 1 s think, read"
                + " recommendations, set a goal, 1 s think, rate it, read the journey; plus one practitioner review-list"
                + " read per 5 sessions (%d practitioners, one per programme). Completed assessments/s = 3 × sessions/s."
                + " Through the gateway, its rate limits as configured (each caller its own subject). Open model:"
                + " latency from the intended start.", options.practitioners, options.practitioners));
    }

    private static void require(Answer answer, String what) {
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException(what + ": " + answer.status() + " " + answer.body());
        }
    }

    /** Prints the step; true when the series should stop (p99 of assessments over the target, or too many errors). */
    private boolean report(Step step, long stored, double rate) {
        Stats assessments = step.of(ASSESSMENT);
        long last = step.lastAssessmentEnd.get();
        double elapsed = Math.max(options.stepSeconds, (last - step.startNanos) / 1e9);
        double achieved = assessments.ok.get() / elapsed;
        long requests = 0;
        long errors = 0;
        System.out.printf(Locale.ROOT, "== stored %,d, target %.0f assessments/s: completed %.1f/s (%,d in %.1f s)%s%n",
                stored, rate, achieved, assessments.ok.get(), elapsed,
                step.unfinished.get() > 0 ? ", " + step.unfinished.get() + " sessions unfinished after 60 s" : "");
        for (Map.Entry<String, Stats> entry : new TreeMap<>(step.stats).entrySet()) {
            Stats stats = entry.getValue();
            requests += stats.ok.get() + stats.errors();
            errors += stats.errors();
            Map<Integer, Long> byStatus = new TreeMap<>();
            stats.failures.forEach((status, count) -> byStatus.put(status, count.get()));
            System.out.printf(Locale.ROOT, "   %-36s %,7d ok  errors %-16s p50 %8s  p99 %8s  max %8s%n", entry.getKey(),
                    stats.ok.get(), byStatus.isEmpty() ? "0" : byStatus.toString().replace(" ", ""),
                    LoadTable.ms(stats.ms(50)), LoadTable.ms(stats.ms(99)), LoadTable.ms(stats.ms(100)));
        }
        double lagP50 = step.lag.getTotalCount() == 0 ? Double.NaN : step.lag.getValueAtPercentile(50) / 1000.0;
        double lagP99 = step.lag.getTotalCount() == 0 ? Double.NaN : step.lag.getValueAtPercentile(99) / 1000.0;
        System.out.printf(Locale.ROOT, "   command → projection lag (PHQ-9 → journey at progress, %,d probes, ≤ %d/s,"
                        + " poll every %d ms): p50 %s p99 %s, not visible within 30 s: %d; goal 400s retried: %,d%n",
                step.lag.getTotalCount(), LAG_PROBES_PER_SECOND, LAG_POLL_MILLIS, LoadTable.ms(lagP50),
                LoadTable.ms(lagP99), step.lagTimeouts.get(), step.goalRetries.get());
        printCpu(step, assessments.ok.get());
        // The store runs in this JVM: the queries it answered by reading a whole collection since the last step.
        List<FullScans.Scan> scans = FullScans.snapshot();
        FullScans.reset();
        System.out.printf(Locale.ROOT, "   embedded store: %,d queries read a whole collection (of %d or more"
                + " documents)%s%n", scans.stream().mapToLong(FullScans.Scan::count).sum(), FullScans.RECORDED_FROM,
                scans.isEmpty() ? "" : ", most often:");
        scans.stream().limit(8).forEach(scan -> System.out.printf(Locale.ROOT, "     %,7d x up to %,d documents  %s"
                + " %s%n", scan.count(), scan.largest(), scan.collection(), scan.shape()));
        rows.add(new LoadTable.Row(stored, rate, achieved, assessments.ms(50), assessments.ms(99), assessments.ms(100),
                lagP99, requests, errors));
        boolean tooSlow = !(assessments.ms(99) <= LoadTable.P99_TARGET_MS);
        boolean tooManyErrors = requests == 0 || errors > options.maxErrorRatio * requests;
        if (tooSlow || tooManyErrors) {
            System.out.printf(Locale.ROOT, "   series stops here: %s%n", tooSlow ? "p99 of assessments over 250 ms"
                    : "errors over " + options.maxErrorRatio * 100 + " %");
            return true;
        }
        return false;
    }

    /**
     * CPU time used so far by each process of the stack, in ms: {@code launcher} (this JVM: the load generator, the
     * embedded store and the token issuer), {@code kafka}, each service and the gateway.
     */
    private Map<String, Long> cpuMillisByProcess() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        cpu.put("launcher", cpuMillis(ProcessHandle.current().pid()));
        cpu.put("kafka", cpuMillis(stack.broker().pid()));
        for (TendService service : TendService.values()) {
            try {
                cpu.put(service.artifactId(), cpuMillis(stack.service(service).pid()));
            } catch (RuntimeException notRunning) {
                // a stack without this service
            }
        }
        return cpu;
    }

    private static long cpuMillis(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toMillis).orElse(0L);
    }

    /**
     * Where the step's CPU went: each process's CPU time over the step (from its first session to the end of its
     * drain), as the share of all cores and as ms per completed assessment. What a completed assessment costs the
     * whole platform, and who pays it, is the figure to cut when the rate is CPU-bound.
     */
    private void printCpu(Step step, long completedAssessments) {
        double wallSeconds = (step.cpuEndNanos - step.cpuStartNanos) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        long total = 0;
        StringBuilder line = new StringBuilder();
        for (Map.Entry<String, Long> end : step.cpuAtEnd.entrySet()) {
            long used = end.getValue() - step.cpuAtStart.getOrDefault(end.getKey(), 0L);
            total += used;
            line.append(String.format(Locale.ROOT, " %s %.1f", end.getKey(),
                    completedAssessments == 0 ? Double.NaN : (double) used / completedAssessments));
        }
        System.out.printf(Locale.ROOT, "   CPU: %.0f %% of %d cores over %.1f s; ms per completed assessment: total %.1f,"
                        + "%s (launcher = load generator + embedded store + token issuer)%n",
                100.0 * total / 1000 / wallSeconds / cores, cores, wallSeconds,
                completedAssessments == 0 ? Double.NaN : (double) total / completedAssessments, line);
    }

    // ---------------------------------------------------------------- gateway share

    /**
     * The same read through the gateway and directly at the service, on a settled stack (no consumer lag, so that
     * nothing else competes for the cores), in interleaved rounds (gateway, direct, gateway, direct, ...; the first
     * round warms both paths and is not counted): the median rate of each, and the CPU each process spent per request
     * on each path.
     */
    private void gatewayShare() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            tokens.add(stack.issuer().mint(String.format(Locale.ROOT, "load|reader%03d", i), List.of("participant"),
                    Duration.ofHours(6)));
        }
        awaitNoLag(Duration.ofMinutes(2), true);
        idleCpu();
        String path = "/api/instruments/phq-9";
        String viaGateway = stack.gatewayUrl() + path;
        String direct = stack.serviceUrl(TendService.ASSESSMENT) + path;
        int clients = 4;
        int rounds = 5;
        int warmupRounds = 2;
        List<Double> gatewayRates = new ArrayList<>();
        List<Double> directRates = new ArrayList<>();
        Map<String, Long> gatewayCpu = new HashMap<>();
        Map<String, Long> directCpu = new HashMap<>();
        for (int round = 0; round < warmupRounds + rounds; round++) {
            Map<String, Long> before = cpuMillisByProcess();
            double gateway = readRate(viaGateway, tokens, clients, options.shareRequests);
            Map<String, Long> between = cpuMillisByProcess();
            double directRate = readRate(direct, tokens, clients, options.shareRequests);
            Map<String, Long> after = cpuMillisByProcess();
            if (round >= warmupRounds) {
                gatewayRates.add(gateway);
                directRates.add(directRate);
                between.forEach((process, ms) -> gatewayCpu.merge(process, ms - before.get(process), Long::sum));
                after.forEach((process, ms) -> directCpu.merge(process, ms - between.get(process), Long::sum));
            }
        }
        double gateway = median(gatewayRates);
        double directRate = median(directRates);
        double requests = (double) rounds * clients * options.shareRequests;
        String share = String.format(Locale.ROOT, "GET %s on a settled stack, %d clients × %d requests, 200 tokens"
                        + " round-robin (gateway rate limits as configured), %d interleaved rounds after %d to warm up,"
                        + " medians: through the gateway %.0f/s, direct at assessment-service %.0f/s: gateway share"
                        + " %.0f %% (target ≥ 60 %%: %s); CPU per request through the gateway: gateway %.2f ms,"
                        + " assessment-service %.2f ms, load generator %.2f ms; direct: assessment-service %.2f ms, load"
                        + " generator %.2f ms", path, clients, options.shareRequests, rounds, warmupRounds, gateway,
                directRate,
                100 * gateway / directRate, gateway / directRate >= 0.6 ? "met" : "not met",
                gatewayCpu.get("gateway") / requests, gatewayCpu.get("assessment-service") / requests,
                gatewayCpu.get("launcher") / requests, directCpu.get("assessment-service") / requests,
                directCpu.get("launcher") / requests);
        System.out.println("== gateway share: " + share + "; rounds through the gateway " + rates(gatewayRates)
                + ", direct " + rates(directRates));
        notes.add("Gateway share: " + share + ".");
    }

    /** What the stack spends doing nothing: each process's CPU over 10 s without a request, as a share of all cores. */
    private void idleCpu() throws InterruptedException {
        Map<String, Long> before = cpuMillisByProcess();
        long began = System.nanoTime();
        Thread.sleep(10_000);
        Map<String, Long> after = cpuMillisByProcess();
        double coreMillis = (System.nanoTime() - began) / 1e6 * Runtime.getRuntime().availableProcessors();
        StringBuilder byProcess = new StringBuilder();
        long total = 0;
        for (Map.Entry<String, Long> end : after.entrySet()) {
            long used = end.getValue() - before.get(end.getKey());
            total += used;
            byProcess.append(String.format(Locale.ROOT, "%s%s %.1f %%", byProcess.isEmpty() ? "" : ", ",
                    end.getKey(), 100 * used / coreMillis));
        }
        String idle = String.format(Locale.ROOT, "Idle (no request, no lag, 10 s): the stack uses %.1f %% of all cores"
                + " (%s)", 100 * total / coreMillis, byProcess);
        System.out.println("== " + idle);
        notes.add(idle + ".");
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String rates(List<Double> rates) {
        return rates.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList().toString();
    }

    private double readRate(String url, List<String> tokens, int clients, int perClient) throws Exception {
        AtomicLong next = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long began = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < perClient; i++) {
                    String token = tokens.get((int) (next.getAndIncrement() % tokens.size()));
                    try {
                        Answer answer = call(null, "share", "GET", url, token, null, System.nanoTime()).get();
                        if (answer.status() != 200) {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failed.get() > 0) {
            System.out.println("   " + failed.get() + " of the share's requests to " + url + " were not 200");
        }
        return clients * perClient / ((System.nanoTime() - began) / 1e9);
    }

    // ---------------------------------------------------------------- volume

    private KafkaProducer<String, byte[]> producer() {
        Map<String, Object> config = new HashMap<>(stack.kafkaLogin(TopicAccess.ADMIN).clientConfig());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config);
    }

    /**
     * The stored volume {@code target}: assessment-service's event store filled to that many domain events with
     * copies of the load's own aggregates ({@link EventStoreSeed}), and that many records on the topics.
     */
    private void seedTo(long target) throws Exception {
        long began = System.nanoTime();
        long copied = EventStoreSeed.fill(stack.mongoConnectionString(), TendService.ASSESSMENT.databaseName(), target,
                System.out::println);
        if (copied > 0) {
            double seconds = (System.nanoTime() - began) / 1e9;
            String note = String.format(Locale.ROOT, "Stored volume %,d: assessment-service's event store filled with"
                    + " %,d copied domain events (the load's own aggregates under new ids, dated 30 days back: never"
                    + " forwarded again) in %.1f s (%,.0f/s).", target, copied, seconds, copied / seconds);
            System.out.println("== " + note);
            notes.add(note);
        }
        seedTopics(target);
    }

    /** Seeds synthetic participants' records onto the topics until {@code target} in all; waits until consumed. */
    private void seedTopics(long target) throws Exception {
        if (seededRecords >= target) {
            System.out.printf(Locale.ROOT, "== stored volume %,d: nothing to seed (%,d seeded)%n", target,
                    seededRecords);
            return;
        }
        long began = System.nanoTime();
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            if (seed == null) {
                seed = InsightsSeed.programme(Integer.MAX_VALUE, 12, YearMonth.now(ZoneOffset.UTC), 9);
                seed.produceCatalogueAndProgramme(record -> producer.send(record, (m, e) -> fail(failed, e)));
            }
            long lastPrint = System.nanoTime();
            while (total(seed) < target) {
                seed.produceParticipants(seededParticipants, seededParticipants + 100,
                        record -> producer.send(record, (m, e) -> fail(failed, e)));
                seededParticipants += 100;
                if (failed.get() != null) {
                    throw failed.get();
                }
                if (System.nanoTime() - lastPrint > 10e9) {
                    lastPrint = System.nanoTime();
                    System.out.printf(Locale.ROOT, "  seeded %,d records%n", total(seed));
                }
            }
            producer.flush();
        }
        seededRecords = total(seed);
        double produced = (System.nanoTime() - began) / 1e9;
        System.out.printf(Locale.ROOT, "== stored volume %,d: %,d records of %,d synthetic participants produced in"
                + " %.1f s; waiting for the projections to consume them%n", target, seededRecords, seededParticipants,
                produced);
        long current = awaitNoLag(Duration.ofSeconds(options.consumeSeconds), true);
        String note;
        if (current > 0) {
            note = String.format(Locale.ROOT, "Stored volume %,d: %,d topic records seeded in bulk (%,d participants)"
                            + " in %.1f s, consumed by every projection %.1f s after the first was produced.", target,
                    seededRecords, seededParticipants, produced, (current - began) / 1e9);
        } else {
            note = String.format(Locale.ROOT, "Stored volume %,d: %,d topic records seeded in bulk (%,d participants)"
                            + " in %.1f s; NOT all consumed after %d s (--consume-seconds): the load started with"
                            + " consumer lag %s.", target, seededRecords, seededParticipants, produced,
                    options.consumeSeconds, lagByGroup());
        }
        System.out.println("   " + note);
        notes.add(note);
    }

    private static long total(InsightsSeed seed) {
        return seed.emitted.values().stream().mapToLong(Long::longValue).sum();
    }

    private static void fail(AtomicReference<Exception> failed, Exception e) {
        if (e != null) {
            failed.compareAndSet(null, e);
        }
    }

    /**
     * Records not yet committed, by consumer group: every group with members (a group nobody consumes in, such as
     * one left by a rebuild, would never catch up and is not a projection of this run).
     */
    private Map<String, Long> lagByGroup() throws Exception {
        Map<String, Long> lags = new TreeMap<>();
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
            if (group.groupState().map(state -> state == org.apache.kafka.common.GroupState.EMPTY
                    || state == org.apache.kafka.common.GroupState.DEAD).orElse(false)) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get();
            if (committed.isEmpty()) {
                continue;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            long lag = 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                if (entry.getValue() != null) {
                    lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
                }
            }
            lags.put(group.groupId(), lag);
        }
        return lags;
    }

    /**
     * Waits until no consumer group has lag (for 3 s when {@code stable}); returns when it first had none, or 0 when
     * {@code timeout} passed first.
     */
    private long awaitNoLag(Duration timeout, boolean stable) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastPrint = System.nanoTime();
        long firstZero = 0;
        while (System.nanoTime() < deadline) {
            Map<String, Long> lags = lagByGroup();
            long lag = lags.values().stream().mapToLong(Long::longValue).sum();
            if (lag == 0) {
                if (firstZero == 0) {
                    firstZero = System.nanoTime();
                }
                if (!stable || System.nanoTime() - firstZero > 3e9) {
                    return firstZero;
                }
            } else {
                firstZero = 0;
            }
            if (System.nanoTime() - lastPrint > 15e9) {
                lastPrint = System.nanoTime();
                System.out.printf(Locale.ROOT, "  consumer lag %,d %s%n", lag, lags);
            }
            Thread.sleep(stable ? 500 : 50);
        }
        return 0;
    }

    /**
     * After a series: how long until no consumer group lags, waited for up to 2 minutes (a volume whose seeded records
     * were not all consumed before the load, see {@code --consume-seconds}, can take much longer; then the lag left
     * is printed beside the lag the series started with).
     */
    private void timeToCurrent(long stored, Map<String, Long> lagAtStart) throws Exception {
        long stopped = System.nanoTime();
        long current = awaitNoLag(Duration.ofMinutes(2), false);
        String note = current == 0
                ? String.format(Locale.ROOT, "After the load stopped (stored %,d): not current 2 minutes after the"
                        + " last session finished (target: within 1 s: not met): lag by group %s; at the series' start"
                        + " it was %s.", stored, lagByGroup(), lagAtStart)
                : String.format(Locale.ROOT, "After the load stopped (stored %,d): every consumer group (catalogue,"
                        + " goal, progress, insights) current %.2f s after the last session finished (target ≤ 1 s:"
                        + " %s).", stored, (current - stopped) / 1e9, (current - stopped) <= 1e9 ? "met" : "not met");
        System.out.println("== " + note);
        notes.add(note);
    }

    // ---------------------------------------------------------------- result

    private String result() {
        StringBuilder text = new StringBuilder();
        text.append("## Load benchmark (issue 9)\n\n");
        text.append("Completed assessments through the gateway: target ≥ 200/s at p99 ≤ 250 ms, command → projection"
                + " lag p99 ≤ 250 ms, the same within 25 % at every stored volume.\n\n");
        text.append(LoadTable.markdown(rows)).append('\n');
        text.append("- Volume: ").append(LoadTable.volumeVerdict(rows)).append('\n');
        notes.forEach(note -> text.append("- ").append(note).append('\n'));
        return text.toString();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong number = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
