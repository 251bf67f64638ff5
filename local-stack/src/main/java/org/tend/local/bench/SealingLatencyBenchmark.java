package org.tend.local.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.tend.local.LocalStack;

/**
 * What sealing the records on the topics costs end to end (issue 10): PlatformBenchmark's journeys (enrol, PHQ-9;
 * command accepted at the gateway until visible in the progress projection) on the local stack with records sealed,
 * as deployed, and on the same stack publishing them in the clear ({@code TEND_KEYS_SEAL_RECORDS=false}, which only
 * the local profile accepts), alternated {@code rounds} times in one run so that drift of the machine falls on both.
 * Prints p50/p99 of each and their ratios. A benchmark, not a test:
 * {@code ./benchmark.sh e2e-sealing [journeys=500] [concurrency=4] [rounds=2]}.
 */
public final class SealingLatencyBenchmark {

    private SealingLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int journeys = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        List<Long> sealed = new ArrayList<>();
        List<Long> clear = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (boolean seal : List.of(true, false)) {
                List<Long> latencies = measure(seal, journeys, concurrency);
                Collections.sort(latencies);
                System.out.printf(Locale.ROOT, "round %d, records %s: p50 %.1f ms, p99 %.1f ms%n", round + 1,
                        seal ? "sealed" : "in the clear", PlatformBenchmark.percentile(latencies, 50) / 1e6,
                        PlatformBenchmark.percentile(latencies, 99) / 1e6);
                (seal ? sealed : clear).addAll(latencies);
            }
        }
        Collections.sort(sealed);
        Collections.sort(clear);
        for (int p : new int[] {50, 99}) {
            double s = PlatformBenchmark.percentile(sealed, p) / 1e6;
            double c = PlatformBenchmark.percentile(clear, p) / 1e6;
            System.out.printf(Locale.ROOT, "e2e.latency.p%d.ms sealed=%.1f clear=%.1f sealed/clear=%.2f (%d commands"
                    + " each, %d rounds alternated)%n", p, s, c, s / c, sealed.size(), rounds);
        }
    }

    private static List<Long> measure(boolean seal, int journeys, int concurrency) throws Exception {
        Path data = Files.createTempDirectory("tend-bench-sealing");
        LocalStack.Builder builder = LocalStack.builder().dataDir(data).mongoBackend(LocalStack.MongoBackend.H2)
                .freePorts();
        if (!seal) {
            builder.env("TEND_KEYS_SEAL_RECORDS", "false");
        }
        try (LocalStack stack = builder.build()) {
            stack.start();
            String gateway = stack.gatewayUrl();
            String admin = stack.issuer().mintFor("adam");
            String code = BenchClient.newProgramme(gateway, admin, "Sealing benchmark");
            PlatformBenchmark.runJourneys(stack, gateway, code, "warm", Math.min(50, journeys), concurrency);
            return PlatformBenchmark.runJourneys(stack, gateway, code, "bench", journeys, concurrency);
        }
    }
}
