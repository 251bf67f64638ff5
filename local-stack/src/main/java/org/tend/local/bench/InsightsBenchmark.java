package org.tend.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.tend.contracts.EventTypes;
import org.tend.local.LocalStack;
import org.tend.local.RepositoryRoot;
import org.tend.local.ServiceProcess;
import org.tend.local.TendService;
import org.tend.local.TopicAccess;

/**
 * The figures of issue 8 (HR insights) on this machine, printed, never asserted (a benchmark, not a test):
 * <ol>
 *   <li>a programme of N participants (default 50,000) in 7 departments over M closed months (default 24), seeded in
 *       bulk as CloudEvents straight onto the event topics ({@link InsightsSeed}), and how fast it is produced and
 *       consumed: ingest events/s until insights-service has committed every record of its four topics (including
 *       the outcome classifications progress-service publishes for every assessment);</li>
 *   <li>HR query latency, directly at insights-service and through the gateway, with an HR token of organisation
 *       {@code acme}: a mix of figures for every month and quarter, for the programme and every cohort, and trends,
 *       warm-up first, then a few concurrent clients; p50/p99/max per kind against the 50 ms target; the first query
 *       after ingest (which builds the plans) on its own line; and the same mix again while events keep arriving
 *       ("under load": every change makes the next query re-plan);</li>
 *   <li>a rebuild of insights from offset 0 beside progress-service's, over the same log, as events/s and their
 *       ratio, through their admin endpoints ({@code POST /api/admin/progress/rebuilds},
 *       {@code POST /api/insights/admin/rebuilds}, polled until caught up). Beside them, both replayed from offset 0
 *       through their live listeners (stopped, database dropped, consumer group reset to 0, started again, timed
 *       from UP to no lag), and if insights had no rebuild endpoint this replay stands in for it.</li>
 * </ol>
 * insights-service is driven as a black box (HTTP and Kafka). When {@link TendService} has no {@code INSIGHTS} yet,
 * the benchmark starts its exec jar itself the way the stack starts the others (its own Kafka principal, its own
 * database, the stack's issuer) and gives the gateway its URL ({@code TEND_INSIGHTS_URL}). catalogue-service and
 * goal-service are not started: they would react to the seeded assessments with recommendations and goal events of
 * their own (the seed already holds those); nor is assessment-service (nothing here needs it, and on two cores every
 * idle JVM costs start-up time; the audit entries of the HR queries wait on their topic).
 *
 * <p>Usage: {@code InsightsBenchmark [--quick] [--participants=50000] [--months=24] [--clients=4] [--requests=300]
 * [--load-rate=5] [--h2] [--no-replay] [--service-jvm="-Xmx1536m -XX:+UseSerialGC"]}. {@code --clients} is a list:
 * the stored mix is measured at each number of concurrent clients in turn (default 1 and 4: one HR user at a time,
 * and four at once on a 2-core machine that also runs the clients, the store and the broker), under load at the last.
 */
public final class InsightsBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private static final double QUERY_P99_TARGET_MS = 50.0;
    private static final String INSIGHTS_GROUP = System.getProperty("bench.insights.group", "tend-insights");
    private static final String PROGRESS_GROUP = "tend-progress";
    private static final List<String> INSIGHTS_TOPICS = List.of(EventTypes.ASSESSMENT_TOPIC, EventTypes.CATALOGUE_TOPIC,
            EventTypes.GOAL_TOPIC, EventTypes.PROGRESS_TOPIC);
    private static final List<String> PROGRESS_TOPICS = List.of(EventTypes.ASSESSMENT_TOPIC,
            EventTypes.CATALOGUE_TOPIC, EventTypes.GOAL_TOPIC);

    /** The figures, in print order: name → value text (each also printed as it is measured); the target lines. */
    private final Map<String, String> figures = new LinkedHashMap<>() {
        @Override
        public String put(String name, String value) {
            System.out.println("  = " + name + ": " + value);
            return super.put(name, value);
        }
    };
    private final List<String> targets = new ArrayList<>();
    private final Options options;

    private LocalStack stack;
    private ServiceProcess insights;
    private boolean insightsOwned;
    private Admin admin;
    private String hrToken;
    /**
     * The measured requests are spread over this many HR users of the organisation, one after the other: a single
     * token would meet the gateway's per-caller rate limit (20 reads/s), and a 429 is not a figure.
     */
    private static final int HR_USERS = 40;
    private final List<String> hrTokens = new ArrayList<>();
    private final AtomicLong nextHrToken = new AtomicLong();
    private String adminToken;

    private InsightsBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        new InsightsBenchmark(options).run();
    }

    private record Options(int participants, int months, List<Integer> clients, int requests, int loadRate, boolean h2,
                           boolean replay, List<String> serviceJvm, long seed) {

        static Options parse(String[] args) {
            int participants = 50_000;
            int months = 24;
            List<Integer> clients = List.of(1, 4);
            int requests = 300;
            int loadRate = 5;
            boolean h2 = false;
            boolean replay = true;
            List<String> jvm = List.of("-Xmx1536m", "-XX:+UseSerialGC", "-Xss512k");
            for (String arg : args) {
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
                if (arg.equals("--quick")) {
                    participants = 2_000;
                    months = 12;
                    requests = 100;
                } else if (arg.startsWith("--participants=")) {
                    participants = Integer.parseInt(value);
                } else if (arg.startsWith("--months=")) {
                    months = Integer.parseInt(value);
                } else if (arg.startsWith("--clients=")) {
                    clients = java.util.Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf)
                            .toList();
                } else if (arg.startsWith("--requests=")) {
                    requests = Integer.parseInt(value);
                } else if (arg.startsWith("--load-rate=")) {
                    loadRate = Integer.parseInt(value);
                } else if (arg.equals("--h2")) {
                    h2 = true;
                } else if (arg.equals("--no-replay")) {
                    replay = false;
                } else if (arg.startsWith("--service-jvm=")) {
                    jvm = List.of(value.trim().split("\\s+"));
                } else {
                    throw new IllegalArgumentException("unknown argument " + arg + "; see the class comment");
                }
            }
            return new Options(participants, months, clients, requests, loadRate, h2, replay, jvm, 8);
        }
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "insights benchmark: %,d participants x %d months, clients %s, %d requests per"
                        + " query kind, %s store, service JVMs %s, %d cores%n", options.participants, options.months,
                options.clients, options.requests, options.h2 ? "H2" : "memory", options.serviceJvm,
                Runtime.getRuntime().availableProcessors());
        Path data = Files.createTempDirectory("tend-bench-insights");
        Optional<TendService> insightsInStack = insightsService();
        int insightsPort = org.tend.local.FreePorts.find();
        Set<TendService> services = EnumSet.allOf(TendService.class);
        services.removeAll(EnumSet.of(TendService.ASSESSMENT, TendService.CATALOGUE, TendService.GOAL));
        LocalStack.Builder builder = LocalStack.builder().dataDir(data)
                .mongoBackend(options.h2 ? LocalStack.MongoBackend.H2 : LocalStack.MongoBackend.MEMORY)
                .freePorts().services(services).serviceJvmOptions(options.serviceJvm)
                .serviceStartTimeout(Duration.ofMinutes(5))
                .onProgress(line -> System.out.println("  " + line));
        if (insightsInStack.isEmpty()) {
            builder.env("TEND_INSIGHTS_URL", "http://127.0.0.1:" + insightsPort);
        }
        try (LocalStack started = builder.build()) {
            stack = started;
            long began = System.nanoTime();
            stack.start();
            if (insightsInStack.isPresent()) {
                insights = stack.service(insightsInStack.get());
                figures.put("insights-service started by", "LocalStack");
            } else {
                insights = startInsights(insightsPort);
                insightsOwned = true;
                figures.put("insights-service started by", "this benchmark (LocalStack has no INSIGHTS yet)");
            }
            figures.put("stack up (mongo, issuer, broker, progress, insights, gateway)",
                    seconds(System.nanoTime() - began));
            admin = Admin.create(stack.kafkaLogin(TopicAccess.ADMIN).clientConfig());
            hrToken = stack.issuer().mint("bench|hr-acme", List.of("hr"), InsightsSeed.ORGANISATION,
                    Duration.ofHours(4));
            for (int n = 0; n < HR_USERS; n++) {
                hrTokens.add(stack.issuer().mint("bench|hr-acme-" + n, List.of("hr"), InsightsSeed.ORGANISATION,
                        Duration.ofHours(4)));
            }
            adminToken = stack.issuer().mintFor("adam");

            InsightsSeed seed = InsightsSeed.programme(options.participants, options.months,
                    YearMonth.now(ZoneOffset.UTC), options.seed);
            ingest(seed);
            String programme = awaitProgramme(seed.programmeId);
            queries(programme, "stored", null);
            queries(programme, "under load", seed);
            rebuilds();
            figures.put("resident memory of every JVM at the end", mib(stack.totalRssBytes()
                    + (insightsOwned ? insights.rssBytes() : 0)));
        } finally {
            if (admin != null) {
                admin.close();
            }
            if (insightsOwned && insights != null) {
                insights.stop();
            }
        }
        print();
    }

    // ---------------------------------------------------------------- insights-service outside LocalStack

    private static Optional<TendService> insightsService() {
        try {
            return Optional.of(TendService.valueOf("INSIGHTS"));
        } catch (IllegalArgumentException absent) {
            return Optional.empty();
        }
    }

    private ServiceProcess insightsProcess(int port) {
        Path root = stack.repositoryRoot() != null ? stack.repositoryRoot() : RepositoryRoot.locate();
        String version = RepositoryRoot.version(root);
        Path jar = root.resolve("insights-service").resolve("target")
                .resolve("insights-service-" + version + "-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is not built: ./mvnw -B -o -q -pl insights-service -am package"
                    + " -DskipTests");
        }
        // The stack's environment of a service, with insights' own Kafka principal and database.
        Map<String, String> env = new LinkedHashMap<>(stack.environmentFor(TendService.PROGRESS));
        env.putAll(stack.kafkaLogin("insights").serviceEnvironment());
        env.put("TEND_MONGODB_DATABASE", "tend-insights");
        return new ServiceProcess("insights-service", jar, port, env, options.serviceJvm,
                stack.dataDir().resolve("logs").resolve("insights-service.log"));
    }

    private ServiceProcess startInsights(int port) {
        ServiceProcess process = insightsProcess(port);
        process.start(Duration.ofMinutes(5));
        System.out.println("  insights-service up at " + process.baseUrl() + " in " + process.startupTime().toMillis()
                + " ms");
        return process;
    }

    // ---------------------------------------------------------------- 1. ingest

    private KafkaProducer<String, byte[]> producer() {
        Map<String, Object> config = new HashMap<>(stack.kafkaLogin(TopicAccess.ADMIN).clientConfig());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config);
    }

    private void ingest(InsightsSeed seed) throws Exception {
        long endsBefore = endOffsets(INSIGHTS_TOPICS);
        long began = System.nanoTime();
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            seed.produceCatalogueAndProgramme(record -> producer.send(record, (m, e) -> fail(failed, e)));
            producer.flush();
            int chunk = 1000;
            for (int from = 0; from < options.participants; from += chunk) {
                seed.produceParticipants(from, from + chunk, record -> producer.send(record, (m, e) -> fail(failed, e)));
                if (failed.get() != null) {
                    throw failed.get();
                }
                if ((from / chunk) % 10 == 9) {
                    System.out.printf(Locale.ROOT, "  seeded %,d participants (%,d records) in %.0f s%n", from + chunk,
                            seed.emitted.values().stream().mapToLong(Long::longValue).sum(),
                            (System.nanoTime() - began) / 1e9);
                }
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw failed.get();
        }
        long produced = seed.emitted.values().stream().mapToLong(Long::longValue).sum();
        long seededNanos = System.nanoTime() - began;
        figures.put("seeded records (by type below)", String.format(Locale.ROOT, "%,d in %.1f s: %,.0f records/s",
                produced, seededNanos / 1e9, produced / (seededNanos / 1e9)));
        seed.emitted.forEach((type, count) -> figures.put("  " + type, String.format(Locale.ROOT, "%,d", count)));

        // Consumed: progress has applied every record of its topics and published what it classified (its topic's
        // end stands still), and insights has committed every record of its four topics.
        long lastProgressEnd = -1;
        int stableRounds = 0;
        long lastPrint = System.nanoTime();
        long caughtUp = 0;
        while (true) {
            long progressLag = lag(PROGRESS_GROUP, PROGRESS_TOPICS);
            long insightsLag = lag(INSIGHTS_GROUP, INSIGHTS_TOPICS);
            long progressEnd = endOffsets(List.of(EventTypes.PROGRESS_TOPIC));
            stableRounds = progressLag == 0 && insightsLag == 0 && progressEnd == lastProgressEnd ? stableRounds + 1 : 0;
            lastProgressEnd = progressEnd;
            if (stableRounds == 1) {
                caughtUp = System.nanoTime();
            }
            if (stableRounds >= 3) {
                break;
            }
            if (System.nanoTime() - lastPrint > 15e9) {
                lastPrint = System.nanoTime();
                System.out.printf(Locale.ROOT, "  %.0f s: progress lag %,d, outcome records %,d, insights lag %,d%n",
                        (System.nanoTime() - began) / 1e9, progressLag, progressEnd, insightsLag);
            }
            Thread.sleep(1000);
        }
        long consumedNanos = caughtUp - began;
        long records = endOffsets(INSIGHTS_TOPICS) - endsBefore;
        figures.put("dead letters (insights, progress)", String.format(Locale.ROOT, "%,d, %,d",
                endOffsets(List.of(EventTypes.deadLettersTopicOf("insights"))),
                endOffsets(List.of(EventTypes.deadLettersTopicOf("progress")))));
        figures.put("outcome classifications published by progress",
                String.format(Locale.ROOT, "%,d", endOffsets(List.of(EventTypes.PROGRESS_TOPIC))));
        figures.put("ingest: records insights consumed / time from first record seeded to no lag",
                String.format(Locale.ROOT, "%,d in %.1f s: %,.0f events/s", records, consumedNanos / 1e9,
                        records / (consumedNanos / 1e9)));
    }

    private static void fail(AtomicReference<Exception> failed, Exception e) {
        if (e != null) {
            failed.compareAndSet(null, e);
        }
    }

    private List<TopicPartition> partitions(List<String> topics) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicDescription description : admin.describeTopics(topics).allTopicNames().get().values()) {
            description.partitions().forEach(p -> partitions.add(new TopicPartition(description.name(), p.partition())));
        }
        return partitions;
    }

    private Map<TopicPartition, Long> ends(List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions(topics).forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private long endOffsets(List<String> topics) throws Exception {
        return ends(topics).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records of {@code topics} the group has not committed yet (all of them when it has committed nothing). */
    private long lag(String group, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : ends(topics).entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            lag += end.getValue() - (offset == null ? 0 : offset.offset());
        }
        return lag;
    }

    // ---------------------------------------------------------------- 2. queries

    /** The programme as HR lists it, once insights has it (polled). */
    private String awaitProgramme(String programmeId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        Response last = null;
        while (System.nanoTime() < deadline) {
            last = get(insights.baseUrl(), "/api/insights/programmes", hrToken);
            if (last.status() == 200 && last.raw().contains(programmeId)) {
                return programmeId;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("insights does not list programme " + programmeId + ": " + last);
    }

    private record Query(String kind, String path) {
    }

    private List<Query> mix(String programmeId) throws Exception {
        Response listed = get(insights.baseUrl(), "/api/insights/programmes", hrToken);
        JsonNode summary = null;
        for (JsonNode p : listed.body()) {
            if (programmeId.equals(p.path("programmeId").asText())) {
                summary = p;
            }
        }
        if (summary == null) {
            throw new IllegalStateException("programme not listed: " + listed.raw());
        }
        List<String> months = texts(summary.path("months"));
        List<String> quarters = texts(summary.path("quarters"));
        List<String> cohorts = texts(summary.path("cohorts"));
        List<String> measures = texts(summary.path("measures"));
        String base = "/api/insights/programmes/" + programmeId;
        List<Query> mix = new ArrayList<>();
        for (String month : months) {
            mix.add(new Query("figures, month, programme", base + "/figures?period=" + month));
            for (String cohort : cohorts) {
                mix.add(new Query("figures, month, cohort", base + "/figures?period=" + month + "&cohort=" + cohort));
            }
        }
        for (String quarter : quarters) {
            mix.add(new Query("figures, quarter, programme", base + "/figures?period=" + quarter));
            for (String cohort : cohorts) {
                mix.add(new Query("figures, quarter, cohort", base + "/figures?period=" + quarter + "&cohort="
                        + cohort));
            }
        }
        for (String measure : measures) {
            String m = URLEncoder.encode(measure, StandardCharsets.UTF_8);
            mix.add(new Query("trends, programme", base + "/trends?measure=" + m));
            for (String cohort : cohorts) {
                mix.add(new Query("trends, cohort", base + "/trends?measure=" + m + "&cohort=" + cohort));
            }
        }
        figures.put("query mix", String.format(Locale.ROOT, "%d months, %d quarters, %d cohorts, %d measures: %d"
                + " distinct queries", months.size(), quarters.size(), cohorts.size(), measures.size(), mix.size()));
        return mix;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private void queries(String programmeId, String condition, InsightsSeed loadSeed) throws Exception {
        List<Query> mix = mix(programmeId);
        if (loadSeed == null) {
            // The first query after ingest builds the plans of the programme (a cache keyed by what was applied).
            Query first = mix.stream().filter(q -> q.kind().startsWith("figures, quarter, programme")).findFirst()
                    .orElse(mix.get(0));
            long t = System.nanoTime();
            Response answer = get(insights.baseUrl(), first.path(), hrToken);
            figures.put("first query after ingest (builds the plans), direct", millis(System.nanoTime() - t) + " (HTTP "
                    + answer.status() + ")");
            summariseFigures(answer);
        }
        Map<String, String> targetsByName = new LinkedHashMap<>();
        targetsByName.put("direct", insights.baseUrl());
        targetsByName.put("gateway", stack.gatewayUrl());
        Response probe = get(stack.gatewayUrl(), mix.get(0).path(), hrToken);
        if (probe.status() != 200) {
            targetsByName.remove("gateway");
            figures.put("through the gateway (" + condition + ")", "not measured: the gateway answers HTTP "
                    + probe.status() + " to an HR bearer token on /api/insights/**");
        }
        Load load = loadSeed == null ? null : new Load(loadSeed);
        try {
            if (load != null) {
                load.start();
                Thread.sleep(3000);
            }
            List<Integer> series = load == null ? options.clients
                    : List.of(options.clients.get(options.clients.size() - 1));
            for (Map.Entry<String, String> target : targetsByName.entrySet()) {
                if (load == null) {
                    // Warm-up: every distinct query once (JIT, connection pools, plan caches).
                    runMix(target.getValue(), mix, mix.size(), 0, Long.MAX_VALUE, series.get(series.size() - 1));
                }
                for (int clients : series) {
                    // Under load every change re-plans: the phase stops at its deadline, with what it has measured.
                    long deadline = load == null ? Long.MAX_VALUE
                            : System.nanoTime() + Duration.ofMinutes(3).toNanos();
                    Map<String, List<Long>> latencies = runMix(target.getValue(), mix, options.requests, clients,
                            deadline, clients);
                    String where = target.getKey() + ", " + condition + ", " + clients
                            + (clients == 1 ? " client" : " clients");
                    for (Map.Entry<String, List<Long>> kind : latencies.entrySet()) {
                        List<Long> sorted = new ArrayList<>(kind.getValue());
                        Collections.sort(sorted);
                        double p99 = percentile(sorted, 99) / 1e6;
                        figures.put(String.format(Locale.ROOT, "query %s, %s (n=%d)", kind.getKey(), where,
                                        sorted.size()),
                                String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                                        percentile(sorted, 50) / 1e6, p99, sorted.get(sorted.size() - 1) / 1e6));
                        targets.add(String.format(Locale.ROOT, "query p99 <= %.0f ms: %s, %s: %.1f ms: %s",
                                QUERY_P99_TARGET_MS, kind.getKey(), where, p99,
                                p99 <= QUERY_P99_TARGET_MS ? "met" : "NOT met"));
                    }
                    if (!errors.isEmpty()) {
                        figures.put("non-200 answers (" + where + ")", errors.toString());
                        errors.clear();
                    }
                }
            }
        } finally {
            if (load != null) {
                load.stop();
                figures.put("load while querying", String.format(Locale.ROOT,
                        "%,d records of new participants (dated this month) produced at ~%d/s", load.produced.get(),
                        options.loadRate));
            }
        }
    }

    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();

    /**
     * {@code perKind} requests of each kind, chosen at random among its queries and interleaved, by the clients.
     * {@code perKind == mix.size()} with {@code seed 0} is the warm-up: every query once.
     */
    private Map<String, List<Long>> runMix(String baseUrl, List<Query> mix, int perKind, long seed, long deadline,
                                           int clients) throws Exception {
        List<Query> plan = new ArrayList<>();
        Random random = new Random(seed);
        if (seed == 0) {
            plan.addAll(mix);
        } else {
            Map<String, List<Query>> byKind = mix.stream().collect(Collectors.groupingBy(Query::kind,
                    LinkedHashMap::new, Collectors.toList()));
            for (List<Query> ofKind : byKind.values()) {
                for (int i = 0; i < perKind; i++) {
                    plan.add(ofKind.get(random.nextInt(ofKind.size())));
                }
            }
        }
        Collections.shuffle(plan, random);
        Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Query query : plan) {
                futures.add(pool.submit(() -> {
                    if (System.nanoTime() > deadline) {
                        errors.computeIfAbsent(query.kind() + " -> not sent (phase deadline)", k -> new AtomicLong())
                                .incrementAndGet();
                        return null;
                    }
                    long t = System.nanoTime();
                    String token = hrTokens.get((int) (nextHrToken.getAndIncrement() % hrTokens.size()));
                    Response response = get(baseUrl, query.path(), token);
                    long took = System.nanoTime() - t;
                    if (response.status() != 200) {
                        // Not a figure: counted and printed beside the latencies, which are of answers only.
                        errors.computeIfAbsent(query.kind() + " -> " + response.status(), k -> new AtomicLong())
                                .incrementAndGet();
                        return null;
                    }
                    latencies.computeIfAbsent(query.kind(), k -> Collections.synchronizedList(new ArrayList<>()))
                            .add(took);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, List<Long>> ordered = new LinkedHashMap<>();
        mix.stream().map(Query::kind).distinct().filter(latencies::containsKey)
                .forEach(kind -> ordered.put(kind, latencies.get(kind)));
        return ordered;
    }

    private void summariseFigures(Response answer) {
        if (answer.status() != 200) {
            return;
        }
        int shown = 0;
        Map<String, Integer> withheld = new LinkedHashMap<>();
        for (JsonNode figure : answer.body().path("figures")) {
            String text = figure.toString();
            for (String rule : List.of("threshold", "complementary", "homogeneity", "differencing", "budget")) {
                int from = 0;
                while ((from = text.indexOf("\"" + rule + "\"", from)) >= 0) {
                    withheld.merge(rule, 1, Integer::sum);
                    from += rule.length();
                }
            }
            shown++;
        }
        figures.put("figures in that answer (" + answer.body().path("period").asText() + ", programme)",
                shown + " figures; withheld cells by rule " + withheld);
    }

    /** New participants' records produced at about {@code loadRate} records/s while the queries run. */
    private final class Load {
        private final InsightsSeed seed;
        private final AtomicLong produced = new AtomicLong();
        private volatile boolean running = true;
        private Thread thread;

        Load(InsightsSeed base) {
            // New people joining the same programme, dated in the current month (another seed: other ids).
            this.seed = InsightsSeed.joining(base.programmeId, YearMonth.now(ZoneOffset.UTC),
                    java.time.Instant.now().minusSeconds(60), options.seed + 1);
        }

        void start() {
            thread = new Thread(this::produce, "bench-load");
            thread.setDaemon(true);
            thread.start();
        }

        private void produce() {
            try (KafkaProducer<String, byte[]> producer = producer()) {
                int next = 0;
                long began = System.nanoTime();
                while (running) {
                    List<org.apache.kafka.clients.producer.ProducerRecord<String, byte[]>> batch = new ArrayList<>();
                    seed.produceParticipants(next, next + 1, batch::add);
                    next++;
                    for (var record : batch) {
                        producer.send(record);
                        produced.incrementAndGet();
                    }
                    long due = began + (long) (produced.get() * 1e9 / options.loadRate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }
    }

    // ---------------------------------------------------------------- 3. rebuilds

    private void rebuilds() throws Exception {
        // Let the load's records settle first, so that both rebuilds read the same, quiet log.
        awaitNoLag(INSIGHTS_GROUP, INSIGHTS_TOPICS, Duration.ofMinutes(20));
        awaitNoLag(PROGRESS_GROUP, PROGRESS_TOPICS, Duration.ofMinutes(20));
        String progressUrl = stack.serviceUrl(TendService.PROGRESS);
        Rate progress = rebuildThroughEndpoint("progress", progressUrl, "/api/admin/progress/rebuilds");
        Rate insightsRate = rebuildThroughEndpoint("insights", insights.baseUrl(), "/api/insights/admin/rebuilds");
        if (insightsRate == null) {
            figures.put("insights rebuild endpoint", "none (POST /api/insights/admin/rebuilds answers 404): measured"
                    + " as a replay from offset 0 into an empty database instead");
        }
        if (progress != null && insightsRate != null) {
            figures.put("rebuild ratio insights / progress (events/s)",
                    String.format(Locale.ROOT, "%.2f", insightsRate.perSecond() / progress.perSecond()));
        }
        if (options.replay) {
            Rate insightsReplay = replayInsights();
            // insights would consume the classifications progress publishes again during its replay: stop it first.
            insights.stop();
            Rate progressReplay = replayProgress();
            figures.put("replay ratio insights / progress (live listeners, same log)",
                    String.format(Locale.ROOT, "%.2f", insightsReplay.perSecond() / progressReplay.perSecond()));
        }
    }

    private record Rate(long events, double seconds) {
        double perSecond() {
            return events / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d events in %.1f s: %,.0f events/s", events, seconds, perSecond());
        }
    }

    /** POST the rebuild, poll its status until it is no longer RUNNING; null when the endpoint does not exist. */
    private Rate rebuildThroughEndpoint(String name, String baseUrl, String path) throws Exception {
        HttpRequest post = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken).POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> started = HTTP.send(post, HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() == 404 || started.statusCode() == 405) {
            return null;
        }
        if (started.statusCode() != 202 && started.statusCode() != 200) {
            figures.put(name + " rebuild", "refused: HTTP " + started.statusCode() + " " + started.body());
            return null;
        }
        String id = JSON.readTree(started.body()).path("rebuildId").asText();
        long began = System.nanoTime();
        JsonNode status;
        while (true) {
            Thread.sleep(500);
            Response polled = get(baseUrl, path + "/" + id, adminToken);
            status = polled.body();
            if (status != null && !"RUNNING".equals(status.path("state").asText())) {
                break;
            }
            if (System.nanoTime() - began > Duration.ofMinutes(60).toNanos()) {
                throw new IllegalStateException(name + " rebuild still running after an hour: " + polled.raw());
            }
        }
        if (!"CAUGHT_UP".equals(status.path("state").asText())) {
            figures.put(name + " rebuild", "FAILED: " + status.path("failure").asText());
            return null;
        }
        double seconds;
        try {
            seconds = Duration.between(java.time.Instant.parse(status.path("startedAt").asText()),
                    java.time.Instant.parse(status.path("finishedAt").asText())).toNanos() / 1e9;
        } catch (java.time.DateTimeException notIso) {
            seconds = (System.nanoTime() - began) / 1e9;
        }
        Rate rate = new Rate(status.path("eventsApplied").asLong(), seconds);
        figures.put(name + " rebuild from offset 0 (" + path + ")", rate + String.format(Locale.ROOT,
                " (its own figure: %,.0f events/s; %,d records read)", status.path("eventsPerSecond").asDouble(),
                status.path("recordsRead").asLong()));
        return rate;
    }

    private Rate replayInsights() throws Exception {
        ServiceProcess old = insights;
        old.stop();
        ServiceProcess fresh = new ServiceProcess("insights-service", old.jar(), old.port(), old.environment(),
                options.serviceJvm, stack.dataDir().resolve("logs").resolve("insights-service-replay.log"));
        insights = fresh;
        insightsOwned = true;
        return replay("insights", INSIGHTS_GROUP, INSIGHTS_TOPICS, "tend-insights", () -> {
            fresh.start(Duration.ofMinutes(5));
            return fresh;
        });
    }

    private Rate replayProgress() throws Exception {
        ServiceProcess old = stack.service(TendService.PROGRESS);
        old.stop();
        ServiceProcess fresh = new ServiceProcess("progress-service", old.jar(), old.port(), old.environment(),
                options.serviceJvm, stack.dataDir().resolve("logs").resolve("progress-service-replay.log"));
        try {
            return replay("progress", PROGRESS_GROUP, PROGRESS_TOPICS, TendService.PROGRESS.databaseName(), () -> {
                fresh.start(Duration.ofMinutes(5));
                return fresh;
            });
        } finally {
            fresh.stop();
        }
    }

    private interface Starter {
        ServiceProcess start();
    }

    /**
     * With the service stopped: its database dropped and its group's offsets set to 0, then started and timed from
     * UP until the group has no lag.
     */
    private Rate replay(String name, String group, List<String> topics, String database, Starter starter)
            throws Exception {
        try (MongoClient mongo = MongoClients.create(stack.mongoConnectionString())) {
            mongo.getDatabase(database).drop();
        }
        Map<TopicPartition, OffsetAndMetadata> zero = new HashMap<>();
        partitions(topics).forEach(tp -> zero.put(tp, new OffsetAndMetadata(0)));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                admin.alterConsumerGroupOffsets(group, zero).all().get();
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                // The group still has the stopped member until its session times out.
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
        long records = endOffsets(topics);
        long launched = System.nanoTime();
        starter.start();
        long up = System.nanoTime();
        awaitNoLag(group, topics, Duration.ofMinutes(60));
        long done = System.nanoTime();
        Rate rate = new Rate(records, (done - up) / 1e9);
        figures.put(name + " replay from offset 0 into an empty database (live listener; from UP to no lag)",
                rate + String.format(Locale.ROOT, " (start-up %.1f s before)", (up - launched) / 1e9));
        return rate;
    }

    private void awaitNoLag(String group, List<String> topics, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lag(group, topics) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(group + " still lags after " + timeout);
            }
            Thread.sleep(250);
        }
    }

    // ---------------------------------------------------------------- output

    private void print() {
        int width = figures.keySet().stream().mapToInt(String::length).max().orElse(10);
        System.out.println();
        System.out.println("== insights benchmark figures");
        figures.forEach((name, value) -> System.out.printf(Locale.ROOT, "%-" + width + "s  %s%n", name, value));
        System.out.println();
        System.out.println("== targets");
        targets.forEach(System.out::println);
    }

    private record Response(int status, JsonNode body, String raw) {
    }

    private static Response get(String baseUrl, String path, String token) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token).GET().build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            if (response.statusCode() == 200 && !response.body().isBlank()) {
                json = JSON.readTree(response.body());
            }
            return new Response(response.statusCode(), json, response.body());
        } catch (java.io.IOException e) {
            return new Response(-1, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(-1, null, e.toString());
        }
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
    }

    private static double percentile(List<Long> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
