package org.tend.insights.privacy;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Prints how long a plan takes for a programme of the size the service must handle (50,000 participants, 7 cohorts,
 * 24 months: 8 scopes × 56 periods = 448 figures per measure), and how long answering a question from a plan takes.
 * Not a test: run it by hand (docs/insights-privacy.md, Performance).
 */
public final class PlanBenchmark {

    private PlanBenchmark() {
    }

    public static void main(String[] args) {
        int participants = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        SimulatedProgramme programme = SimulatedProgramme.random(42, participants, 7, 24, 0.02, true);
        System.out.printf(Locale.ROOT, "programme: %,d participants, %d cohorts, %d months%n", participants,
                programme.cohorts, programme.months);
        for (String measure : SimulatedProgramme.MEASURES) {
            long t0 = System.nanoTime();
            MeasureLattice lattice = programme.lattice(measure);
            long built = System.nanoTime() - t0;
            for (PrivacySettings settings : List.of(PrivacySettings.defaults(), new PrivacySettings(10,
                    PrivacySettings.Noise.on(Epsilon.of("0.1"), Epsilon.of("5"))))) {
                PrivacyPlanner planner = new PrivacyPlanner(settings);
                long[] times = new long[7];
                DisclosurePlan plan = null;
                for (int i = 0; i < times.length; i++) {
                    long s = System.nanoTime();
                    plan = planner.plan(lattice);
                    times[i] = System.nanoTime() - s;
                }
                Arrays.sort(times, 2, times.length);
                long withheld = plan.releases().values().stream().filter(r -> !r.count().isReleased()).count();
                System.out.printf(Locale.ROOT,
                        "%-10s %-5s figures %d, withheld %d, reached back %d; lattice %.0f ms; plan: first %.0f ms,"
                                + " median of the next 5 %.0f ms%n",
                        measure, settings.noiseMode() ? "noisy" : "exact", lattice.figures().size(), withheld,
                        plan.reachedBack().size(), built / 1e6, times[0] / 1e6, times[4] / 1e6);
                answerLatency(plan);
            }
        }
    }

    private static void answerLatency(DisclosurePlan plan) {
        BudgetedAnswers answers = new BudgetedAnswers(plan, new InMemoryPrivacyBudget());
        List<FigureKey> keys = new ArrayList<>(plan.releases().keySet());
        Random random = new Random(1);
        int n = 200_000;
        long[] latencies = new long[n];
        for (int i = 0; i < n; i++) {
            FigureKey key = keys.get(random.nextInt(keys.size()));
            String user = "hr-" + random.nextInt(50);
            long s = System.nanoTime();
            answers.answer(user, YearMonth.of(2028, 1), key);
            latencies[i] = System.nanoTime() - s;
        }
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "           answers: p50 %.1f µs, p99 %.1f µs, max %.1f µs over %,d questions%n",
                latencies[n / 2] / 1e3, latencies[n * 99 / 100] / 1e3, latencies[n - 1] / 1e3, n);
    }
}
