package org.tend.local.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The load benchmark's result table, in the shape of issue 9's, beside the targets. Pure formatting. */
final class LoadTable {

    /** One step: a stored volume at one arrival rate. Latencies in ms; lag p99 NaN when nothing was probed. */
    record Row(long storedEvents, double targetRate, double achievedRate, double p50, double p99, double max,
               double lagP99, long requests, long errors) {
    }

    static final double P99_TARGET_MS = 250.0;
    static final double LAG_P99_TARGET_MS = 250.0;
    static final double RATE_TARGET = 200.0;

    private LoadTable() {
    }

    static String markdown(List<Row> rows) {
        List<String> lines = new ArrayList<>();
        lines.add("| stored events | target assessments/s | completed assessments/s | p50 | p99 | max | lag p99 | errors"
                + " | rate ≥ 200/s at p99 ≤ 250 ms, lag p99 ≤ 250 ms |");
        lines.add("|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (Row row : rows) {
            lines.add(String.format(Locale.ROOT, "| %,d | %.0f | %.1f | %s | %s | %s | %s | %,d of %,d | %s |",
                    row.storedEvents(), row.targetRate(), row.achievedRate(), ms(row.p50()), ms(row.p99()),
                    ms(row.max()), ms(row.lagP99()), row.errors(), row.requests(), verdict(row)));
        }
        return String.join("\n", lines) + "\n";
    }

    static String verdict(Row row) {
        boolean latency = row.p99() <= P99_TARGET_MS;
        boolean lag = Double.isNaN(row.lagP99()) || row.lagP99() <= LAG_P99_TARGET_MS;
        boolean rate = row.achievedRate() >= RATE_TARGET;
        if (latency && lag && rate) {
            return "met";
        }
        List<String> missed = new ArrayList<>();
        if (!rate) {
            missed.add("rate");
        }
        if (!latency) {
            missed.add("p99");
        }
        if (!lag) {
            missed.add("lag");
        }
        return "not met (" + String.join(", ", missed) + ")";
    }

    /**
     * The highest achieved rate per stored volume among rows within the p99 target, and whether those differ by at
     * most 25 % (the "no growth with volume"); "n/a" with fewer than two volumes.
     */
    static String volumeVerdict(List<Row> rows) {
        java.util.Map<Long, Double> best = new java.util.LinkedHashMap<>();
        for (Row row : rows) {
            double within = row.p99() <= P99_TARGET_MS ? row.achievedRate() : 0;
            best.merge(row.storedEvents(), within, Math::max);
        }
        if (best.size() < 2) {
            return "n/a (one stored volume)";
        }
        double min = best.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = best.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double spread = max == 0 ? 0 : (max - min) / max;
        StringBuilder text = new StringBuilder();
        best.forEach((stored, rate) -> text.append(String.format(Locale.ROOT, "%,d stored: %.1f/s; ", stored, rate)));
        text.append(String.format(Locale.ROOT, "spread %.0f %% (target ≤ 25 %%): %s", spread * 100,
                spread <= 0.25 && max > 0 ? "met" : "not met"));
        return text.toString();
    }

    static String ms(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return value >= 1000 ? String.format(Locale.ROOT, "%,.0f ms", value) : String.format(Locale.ROOT, "%.0f ms", value);
    }
}
