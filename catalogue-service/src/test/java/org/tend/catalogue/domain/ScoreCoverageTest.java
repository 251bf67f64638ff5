package org.tend.catalogue.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScoreCoverageTest {

    private static final InstrumentScale GAD7 = new InstrumentScale("gad-7", "GAD-7", 0, 21);

    /** Ranges as "min-max" separated by spaces, e.g. "0-4 5-21". */
    private static List<SteppedCareRule> rules(String ranges) {
        return Arrays.stream(ranges.split(" ")).map(range -> {
            String[] ends = range.split("-");
            return Fixtures.rule("r" + ends[0] + "_" + ends[1], "gad-7", Integer.parseInt(ends[0]),
                    Integer.parseInt(ends[1]), SteppedCareLevel.STEP_2);
        }).toList();
    }

    @ParameterizedTest(name = "[{0}] → {1}")
    @CsvSource(delimiter = '|', value = {
            "0-21                | ",
            "0-4 5-9 10-14 15-21 | ",
            "15-21 0-4 10-14 5-9 | ",
            "0-4 6-21            | gap in gad-7: totals 5 match no rule",
            "0-4 8-21            | gap in gad-7: totals 5..7 match no rule",
            "1-21                | gap in gad-7: totals 0 match no rule",
            "0-20                | gap in gad-7: totals 21 match no rule",
            "0-4 4-21            | overlap in gad-7: rules r0_4 and r4_21 both match 4",
            "0-10 2-3 11-21      | overlap in gad-7: rules r0_10 and r2_3 both match 2..3",
            "0-4 5-22            | rule r5_22 (5..22) reaches outside the score range of gad-7 (0..21)"})
    void findsEveryGapOverlapAndOverreach(String ranges, String expectedFault) {
        List<String> faults = ScoreCoverage.faults(GAD7, rules(ranges.strip()));

        if (expectedFault == null) {
            assertThat(faults).isEmpty();
        } else {
            assertThat(faults).containsExactly(expectedFault);
        }
    }

    @Test
    void anInstrumentWithoutRulesIsOneFault() {
        assertThat(ScoreCoverage.faults(GAD7, List.of()))
                .containsExactly("instrument gad-7 has no rules (score range 0..21 is not covered)");
    }
}
