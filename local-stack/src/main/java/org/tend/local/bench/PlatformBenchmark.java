package org.tend.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.tend.local.LocalStack;
import org.tend.local.bench.BenchClient.Response;

/**
 * Measures the platform as it runs on this machine and prints the figures (it asserts nothing: a benchmark, not
 * a test):
 * <ol>
 *   <li>the time for the local stack to come up, the first time after a build and then as usual (H2-backed store, as {@code run-local.sh} runs it) and the total
 *       resident memory of all its JVMs once up;</li>
 *   <li>end-to-end latency, from a command accepted at the gateway (its 2xx response) to its effect visible in
 *       the progress projection (read back through the gateway), p50 and p99 over N journeys (default 1,000),
 *       each journey being an enrolment and a PHQ-9 assessment, driven by a few concurrent participants.</li>
 * </ol>
 * The projection rebuild rate is measured by progress-service's own benchmark ({@code benchmark.sh} runs both).
 * Usage: {@code PlatformBenchmark [journeys] [concurrency]}.
 */
public final class PlatformBenchmark {

    private PlatformBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int journeys = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        // A first start after a build extracts the jars and records their class-data archives as it stops; every
        // later start maps them. Both are measured: the first is what a fresh build costs once.
        Path firstData = Files.createTempDirectory("tend-bench-first");
        try (LocalStack first = LocalStack.builder().dataDir(firstData).mongoBackend(LocalStack.MongoBackend.H2)
                .freePorts().build()) {
            first.start();
            System.out.printf(Locale.ROOT, "stack.first-start-after-build.ms=%d%n", first.startupMillis());
        }
        Path data = Files.createTempDirectory("tend-bench");
        try (LocalStack stack = LocalStack.builder().dataDir(data).mongoBackend(LocalStack.MongoBackend.H2)
                .freePorts().build()) {
            stack.start();
            long rss = stack.totalRssBytes();
            System.out.printf(Locale.ROOT, "stack.startup.ms=%d%n", stack.startupMillis());
            System.out.printf(Locale.ROOT, "stack.rss.total.mib=%.0f%n", rss / 1048576.0);
            stack.rssBytesByProcess().forEach((name, bytes) ->
                    System.out.printf(Locale.ROOT, "stack.rss.%s.mib=%.0f%n", name, bytes / 1048576.0));
            stack.startupMillisByPart().forEach((name, ms) ->
                    System.out.printf(Locale.ROOT, "stack.startup.%s.ms=%d%n", name, ms));

            String gateway = stack.gatewayUrl();
            String adminToken = stack.issuer().mintFor("adam");
            // Participants enrol with the programme's enrolment code, which its creation answers with once.
            String enrolmentCode = BenchClient.newProgramme(gateway, adminToken, "Benchmark programme");

            // Warm-up: the first requests pay for class loading and JIT in every JVM.
            runJourneys(stack, gateway, enrolmentCode, "warm", Math.min(50, journeys), concurrency);
            List<Long> latencies = runJourneys(stack, gateway, enrolmentCode, "bench", journeys, concurrency);
            Collections.sort(latencies);
            System.out.printf(Locale.ROOT, "e2e.commands=%d (%d journeys x 2 commands, concurrency %d)%n",
                    latencies.size(), journeys, concurrency);
            System.out.printf(Locale.ROOT, "e2e.latency.p50.ms=%.1f%n", percentile(latencies, 50) / 1e6);
            System.out.printf(Locale.ROOT, "e2e.latency.p99.ms=%.1f%n", percentile(latencies, 99) / 1e6);
            System.out.printf(Locale.ROOT, "e2e.latency.max.ms=%.1f%n", latencies.get(latencies.size() - 1) / 1e6);
            System.out.printf(Locale.ROOT, "stack.rss.total.after.mib=%.0f%n", stack.totalRssBytes() / 1048576.0);
        }
    }

    static List<Long> runJourneys(LocalStack stack, String gateway, String enrolmentCode, String prefix,
                                          int journeys, int concurrency) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int i = 0; i < journeys; i++) {
            String subject = "bench|" + prefix + "-" + i;
            futures.add(pool.submit(() -> journey(stack, gateway, enrolmentCode, subject)));
        }
        try {
            List<Long> latencies = new ArrayList<>();
            for (Future<long[]> future : futures) {
                for (long latency : future.get()) {
                    latencies.add(latency);
                }
            }
            return latencies;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One participant: enrol, see the enrolment in the journey; assess, see the score in the journey. */
    private static long[] journey(LocalStack stack, String gateway, String enrolmentCode, String subject)
            throws Exception {
        String token = stack.issuer().mint(subject, List.of("participant"), Duration.ofHours(2));
        long start = System.nanoTime();
        expectOk(send(gateway, token, "POST", "/api/enrolments",
                Map.of("enrolmentCode", enrolmentCode, "consent", true, "department", "benchmark")));
        long accepted = System.nanoTime();
        awaitJourney(gateway, token, r -> r.status() == 200);
        long enrolmentLatency = System.nanoTime() - accepted;

        Map<String, Integer> answers = new java.util.LinkedHashMap<>();
        for (int item = 1; item <= 9; item++) {
            answers.put("phq9-" + item, item == 9 ? 0 : 1);
        }
        expectOk(send(gateway, token, "POST", "/api/assessments",
                Map.of("instrumentId", "phq-9", "answers", answers, "submit", true)));
        accepted = System.nanoTime();
        awaitJourney(gateway, token, r -> r.status() == 200 && r.raw().contains("\"mild\""));
        long assessmentLatency = System.nanoTime() - accepted;
        if (System.nanoTime() - start < 0) {
            throw new IllegalStateException("clock went backwards");
        }
        return new long[] {enrolmentLatency, assessmentLatency};
    }

    private static void awaitJourney(String gateway, String token, Predicate<Response> visible) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (visible.test(send(gateway, token, "GET", "/api/journeys/me", null))) {
                return;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("effect not visible in the progress projection within 30 s");
    }

    private static void expectOk(Response response) {
        response.expectOk();
    }

    private static Response send(String gateway, String token, String method, String path, Object body)
            throws IOException, InterruptedException {
        return BenchClient.send(gateway, token, method, path, body);
    }

    static double percentile(List<Long> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
