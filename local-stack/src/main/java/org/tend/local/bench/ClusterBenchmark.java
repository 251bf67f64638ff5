package org.tend.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tend.local.LocalStack;

/**
 * What running as a cluster costs and gives, through the gateway, end to end: each arrangement is started in turn
 * in the same run, loaded the same way, and stopped; the figures are printed side by side, with ratios to the plain
 * one-broker stack.
 *
 * <ul>
 *   <li>{@code 1 broker, no security}: one broker without SASL or ACLs (DEVELOPMENT ONLY; the reference for what
 *       security and replication cost);</li>
 *   <li>{@code 1 broker}: the local stack as {@code run-local.sh} runs it (SASL/SCRAM, ACLs, replication factor 1),
 *       one instance of every service;</li>
 *   <li>{@code 3 brokers, 1 instance}: three brokers, replication factor 3 with two in sync, SASL and ACLs;</li>
 *   <li>{@code 3 brokers, 2 instances}: that and two instances of every service behind the gateway
 *       ({@code run-local.sh --cluster}).</li>
 * </ul>
 *
 * <p>The load is closed: {@code clients} participants at once, each completing a PHQ-9 through the gateway and
 * waiting until their journey (progress, read through the gateway) shows it, then the next. Figures: commands made
 * visible per second (throughput), and the latency from sending the command to seeing its effect, p50 and p99, after
 * a warm-up. Usage: {@code ClusterBenchmark [seconds=60] [clients=8] [warmup-seconds=20]}.
 */
public final class ClusterBenchmark {

    private ClusterBenchmark() {
    }

    /** One arrangement's figures. */
    record Figures(String name, double perSecond, double p50, double p99, long commands, long errors, long rssMiB) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Map<String, java.util.function.UnaryOperator<LocalStack.Builder>> arrangements = new LinkedHashMap<>();
        arrangements.put("1 broker, no security, 1 instance", b -> b.unsecuredKafka());
        arrangements.put("1 broker, SASL + ACLs, 1 instance", b -> b);
        arrangements.put("3 brokers (RF 3, 2 in sync), SASL + ACLs, 1 instance", b -> b.kafkaBrokers(3));
        arrangements.put("3 brokers (RF 3, 2 in sync), SASL + ACLs, 2 instances", b -> b.cluster());
        List<Figures> results = new ArrayList<>();
        for (Map.Entry<String, java.util.function.UnaryOperator<LocalStack.Builder>> arrangement
                : arrangements.entrySet()) {
            Path data = Files.createTempDirectory("tend-cluster-bench");
            LocalStack.Builder builder = LocalStack.builder().dataDir(data).mongoBackend(LocalStack.MongoBackend.MEMORY)
                    .freePorts().serviceStartTimeout(Duration.ofMinutes(4));
            try (LocalStack stack = arrangement.getValue().apply(builder).build()) {
                System.out.println("starting: " + arrangement.getKey());
                stack.start();
                Figures figures = measure(arrangement.getKey(), stack, seconds, clients, warmup);
                results.add(figures);
                System.out.printf(Locale.ROOT, "%s: %.1f commands/s, p50 %.0f ms, p99 %.0f ms (%d commands, %d "
                                + "errors), %d MiB RSS%n", figures.name(), figures.perSecond(), figures.p50(),
                        figures.p99(), figures.commands(), figures.errors(), figures.rssMiB());
            }
        }
        Figures reference = results.get(0);
        Figures plain = results.get(1);
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%nend to end through the gateway, %d clients, %d s after %d s of "
                + "warm-up%n", clients, seconds, warmup));
        table.append("| arrangement | commands/s | p50 ms | p99 ms | throughput vs 1 broker no security | p99 vs 1 broker "
                + "no security | throughput vs 1 broker | RSS MiB |\n|---|---|---|---|---|---|---|---|\n");
        for (Figures f : results) {
            table.append(String.format(Locale.ROOT, "| %s | %.1f | %.0f | %.0f | %.2f | %.2f | %.2f | %d |%n",
                    f.name(), f.perSecond(), f.p50(), f.p99(), f.perSecond() / reference.perSecond(),
                    f.p99() / reference.p99(), f.perSecond() / plain.perSecond(), f.rssMiB()));
        }
        System.out.println(table);
        Path out = Path.of("target", "cluster-benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table.toString());
    }

    private static Figures measure(String name, LocalStack stack, int seconds, int clients, int warmup)
            throws Exception {
        String gateway = stack.gatewayUrl();
        String admin = stack.issuer().mintFor("adam");
        String code = BenchClient.newProgramme(gateway, admin, "Cluster benchmark");
        // A participant may start 20 assessments in 24 hours: each client enrols a new participant every 15.
        java.util.concurrent.atomic.AtomicInteger enrolled = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.Callable<String> enrol = () -> {
            String token = stack.issuer().mint("bench|cluster-" + enrolled.incrementAndGet(), List.of("participant"),
                    Duration.ofHours(2));
            BenchClient.send(gateway, token, "POST", "/api/enrolments", Map.of("enrolmentCode", code,
                    "consent", true, "department", "benchmark")).expectOk();
            return token;
        };
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        List<List<Long>> latencies = new ArrayList<>();
        long[] errors = new long[clients];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<Long> mine = Collections.synchronizedList(new ArrayList<>());
            latencies.add(mine);
            int client = c;
            running.add(pool.submit(() -> {
                String token = enrol.call();
                int uses = 0;
                while (!stop.get()) {
                    if (++uses > 15) {
                        token = enrol.call();
                        uses = 1;
                    }
                    try {
                        long began = System.nanoTime();
                        BenchClient.Response sent = BenchClient.send(gateway, token, "POST", "/api/assessments",
                                Map.of("instrumentId", "phq-9", "answers", phq9(), "submit", true));
                        if (!sent.ok()) {
                            errors[client]++;
                            Thread.sleep(200);
                            continue;
                        }
                        String id = sent.body().get("assessmentId").asText();
                        while (!stop.get() && !visible(gateway, token, id)) {
                            Thread.sleep(10);
                        }
                        if (measuring.get() && !stop.get()) {
                            mine.add(System.nanoTime() - began);
                        }
                    } catch (Exception e) {
                        errors[client]++;
                        Thread.sleep(200);
                    }
                }
                return null;
            }));
        }
        Thread.sleep(warmup * 1000L);
        measuring.set(true);
        long began = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        double elapsed = (System.nanoTime() - began) / 1e9;
        long rss = stack.totalRssBytes() >> 20;
        stop.set(true);
        for (Future<?> future : running) {
            future.get();
        }
        pool.shutdownNow();
        List<Long> all = new ArrayList<>();
        latencies.forEach(all::addAll);
        Collections.sort(all);
        long errorCount = 0;
        for (long e : errors) {
            errorCount += e;
        }
        return new Figures(name, all.size() / elapsed, PlatformBenchmark.percentile(all, 50) / 1e6,
                PlatformBenchmark.percentile(all, 99) / 1e6, all.size(), errorCount, rss);
    }

    private static boolean visible(String gateway, String token, String assessmentId) throws Exception {
        BenchClient.Response journey = BenchClient.send(gateway, token, "GET", "/api/journeys/me", null);
        if (!journey.ok()) {
            return false;
        }
        for (JsonNode history : journey.body().path("assessments")) {
            for (JsonNode result : history.path("results")) {
                if (assessmentId.equals(result.path("assessmentId").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Map<String, Object> phq9() {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (int item = 1; item <= 9; item++) {
            answers.put("phq9-" + item, item == 9 ? 0 : ThreadLocalRandom.current().nextInt(3));
        }
        return answers;
    }
}
