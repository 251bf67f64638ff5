package org.tend.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadBenchmarkPartsTest {

    @Test
    void arrivalsAreDueOnAFixedScheduleFromTheStepStart() {
        OpenModelSchedule schedule = new OpenModelSchedule(1_000L, 4.0);
        assertThat(schedule.intendedStart(0)).isEqualTo(1_000L);
        assertThat(schedule.intendedStart(1)).isEqualTo(1_000L + 250_000_000L);
        assertThat(schedule.intendedStart(8)).isEqualTo(1_000L + 2_000_000_000L);
        assertThat(schedule.arrivalsIn(2.0)).isEqualTo(8);
        assertThat(new OpenModelSchedule(0, 3.0).arrivalsIn(1.0)).isEqualTo(3);
        assertThat(new OpenModelSchedule(0, 2.5).arrivalsIn(1.0)).isEqualTo(3);
    }

    @Test
    void tableSaysWhichTargetEachRowMisses() {
        List<LoadTable.Row> rows = List.of(
                new LoadTable.Row(0, 200, 201, 40, 240, 400, 120, 10_000, 0),
                new LoadTable.Row(0, 300, 180, 900, 2_400, 3_100, Double.NaN, 12_000, 12),
                new LoadTable.Row(10_000, 200, 190, 60, 260, 500, 300, 9_000, 3));
        String table = LoadTable.markdown(rows);
        assertThat(table.lines()).hasSize(5);
        assertThat(table).contains("| 0 | 200 | 201.0 | 40 ms | 240 ms | 400 ms | 120 ms | 0 of 10,000 | met |");
        assertThat(table).contains("| 2,400 ms | 3,100 ms | – | 12 of 12,000 | not met (rate, p99) |");
        assertThat(table).contains("| 10,000 | 200 | 190.0 |").contains("not met (rate, p99, lag) |");
        assertThat(LoadTable.volumeVerdict(rows)).contains("0 stored: best 201.0/s")
                .contains("10,000 stored: best 0.0/s").endsWith("p99 at 200/s from 240 ms to 260 ms: spread 8 %"
                        + " (target ≤ 25 %): met");
    }

    @Test
    void eventStoreCopiesTakeANewAggregateIdEverywhereNewEventIdsAndAnEarlierTimestamp() {
        org.bson.Document event = new org.bson.Document("_id", "x").append("aggregateIdentifier", "agg-1")
                .append("sequenceNumber", 0L).append("type", "Assessment")
                .append("timestamp", "2026-12-03T19:00:00Z").append("eventIdentifier", "e-1")
                .append("payloadType", "org.tend.AssessmentStarted")
                .append("payload", "{\"assessmentId\":\"agg-1\",\"score\":4}").append("metaData", "{}");
        List<org.bson.Document> copies = EventStoreSeed.copy(List.of(event), "agg-2", java.time.Duration.ofDays(30));
        assertThat(copies).hasSize(1);
        org.bson.Document copy = copies.get(0);
        assertThat(copy).doesNotContainKey("_id");
        assertThat(copy.getString("aggregateIdentifier")).isEqualTo("agg-2");
        assertThat(copy.getLong("sequenceNumber")).isZero();
        assertThat(copy.getString("eventIdentifier")).isNotEqualTo("e-1");
        assertThat(copy.getString("timestamp")).isEqualTo("2026-11-03T19:00:00Z");
        assertThat(copy.getString("payload")).isEqualTo("{\"assessmentId\":\"agg-2\",\"score\":4}");
        assertThat(copy.getString("payloadType")).isEqualTo("org.tend.AssessmentStarted");
    }

    /** The benchmark runs the deployment's JVM options: the argument file read as java reads it, comments and all. */
    @Test
    void theServicesRunTheDeploymentsJvmOptions() {
        assertThat(LoadBenchmark.jvmOptions(List.of("# a comment", "", "-XX:+UseParallelGC  # why", "  -Xms1g -Xmx1g")))
                .containsExactly("-XX:+UseParallelGC", "-Xms1g", "-Xmx1g");
        List<String> deployed = LoadBenchmark.deploymentJvmOptions();
        assertThat(deployed).contains("-XX:+UseParallelGC").anyMatch(option -> option.startsWith("-Xmx"))
                .noneMatch(option -> option.contains("TieredStopAtLevel") || option.contains("UseSerialGC"));
    }
}
