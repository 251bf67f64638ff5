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
        assertThat(LoadTable.volumeVerdict(rows)).contains("0 stored: 201.0/s").contains("10,000 stored: 0.0/s")
                .endsWith("not met");
    }
}
