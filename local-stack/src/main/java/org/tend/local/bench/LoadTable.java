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
     * "No growth with volume": per stored volume, the highest completed rate within the p99 target, and the p99 at the
     * highest arrival rate every volume ran; those p99s should differ by at most 25 % (the target). "n/a" with
     * fewer than two volumes.
     */
    static String volumeVerdict(List<Row> rows) {
        java.util.Map<Long, java.util.Map<Double, Row>> byVolume = new java.util.LinkedHashMap<>();
        for (Row row : rows) {
            byVolume.computeIfAbsent(row.storedEvents(), v -> new java.util.LinkedHashMap<>()).put(row.targetRate(), row);
        }
        if (byVolume.size() < 2) {
            return "n/a (one stored volume)";
        }
        java.util.Set<Double> common = null;
        for (java.util.Map<Double, Row> volume : byVolume.values()) {
            if (common == null) {
                common = new java.util.TreeSet<>(volume.keySet());
            } else {
                common.retainAll(volume.keySet());
            }
        }
        StringBuilder text = new StringBuilder();
        byVolume.forEach((stored, volume) -> text.append(String.format(Locale.ROOT,
                "%,d stored: best %.1f/s within p99 250 ms; ", stored, volume.values().stream()
                        .filter(r -> r.p99() <= P99_TARGET_MS).mapToDouble(Row::achievedRate).max().orElse(0))));
        if (common.isEmpty()) {
            return text.append("no arrival rate common to every volume: not compared").toString();
        }
        double rate = ((java.util.TreeSet<Double>) common).last();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (java.util.Map<Double, Row> volume : byVolume.values()) {
            min = Math.min(min, volume.get(rate).p99());
            max = Math.max(max, volume.get(rate).p99());
        }
        double growth = max / min - 1;
        text.append(String.format(Locale.ROOT, "p99 at %.0f/s from %s to %s: spread %.0f %% (target ≤ 25 %%): %s", rate,
                ms(min), ms(max), growth * 100, growth <= 0.25 ? "met" : "not met"));
        return text.toString();
    }

    static String ms(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return value >= 1000 ? String.format(Locale.ROOT, "%,.0f ms", value) : String.format(Locale.ROOT, "%.0f ms", value);
    }
}
