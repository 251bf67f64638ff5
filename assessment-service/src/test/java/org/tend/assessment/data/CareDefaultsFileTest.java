package org.tend.assessment.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tend.assessment.domain.programme.CareDefaults;
import org.tend.plumbing.data.DataFileException;

/** The shipped care defaults load; a file an administrator could not have set stops the start naming each fault. */
class CareDefaultsFileTest {

    static final InstrumentLibrary LIBRARY = InstrumentLibrary.loadFromClasspath("instruments/");

    @Test
    void theShippedDefaultsLoad() {
        CareDefaults defaults = CareDefaultsFile.load(CareDefaultsFile.FILE, LIBRARY);

        assertThat(defaults.settings().maxActiveGoals()).isEqualTo(3);
        assertThat(defaults.settings().reviewPeriod()).isEqualTo("P14D");
        assertThat(defaults.settings().scheduleVersion()).isEqualTo("default-v1");
        assertThat(defaults.settings().schedule()).extracting(i -> i.measure() + "/" + i.every() + "/" + i.applies())
                .containsExactly("phq-9/P14D/plan-active", "gad-7/P14D/plan-active", "who-5/P28D/enrolled",
                        "goal-rating/P7D/plan-active");
        assertThat(defaults.knownMeasures()).contains("phq-9", "k10", "goal-rating");
    }

    @Test
    void aScheduleNamingAnUnknownInstrumentOrOneTwiceIsRefused() {
        assertThatThrownBy(() -> CareDefaultsFile.load("bad-care/unknown-measure.yaml", LIBRARY))
                .isInstanceOfSatisfying(DataFileException.class, e -> {
                    assertThat(e.file()).isEqualTo("bad-care/unknown-measure.yaml");
                    assertThat(e.faults()).hasSize(2);
                    assertThat(e.faults().get(0)).startsWith("schedule.items[0].measure:").endsWith("(unknown)");
                    assertThat(e.faults().get(1)).startsWith("schedule.items[2].measure:").endsWith("(duplicate)");
                });
    }

    @Test
    void theSchemaRefusesWhatItCanSay() {
        assertThatThrownBy(() -> CareDefaultsFile.load("bad-care/monthly.yaml", LIBRARY))
                .isInstanceOfSatisfying(DataFileException.class, e -> assertThat(String.join("\n", e.faults()))
                        .contains("maxActiveGoals").contains("reviewPeriod"));
    }
}
