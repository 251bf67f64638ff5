package org.tend.goal.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.tend.goal.domain.GoalScales;
import org.tend.plumbing.data.DataFileException;

/** The shipped goal scales, and a faulty file refused with the field and the rule. */
class GoalScalesLoaderTest {

    @Test
    void theShippedScalesAreTheConventionalOnes() {
        GoalScales shipped = GoalScalesLoader.load(GoalScalesLoader.GOAL_SCALES);

        assertThat(shipped.gas().rho()).isEqualTo(0.3);
        assertThat(shipped.gboReliableChange()).isNull();
        assertThat(shipped.classifyGboChange(5)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "rho above one                 | bad-goal-scales/rho-above-one.yaml   | goalAttainmentScaling.rho: must have a maximum value of 1",
            "rho as text                   | bad-goal-scales/rho-as-text.yaml     | goalAttainmentScaling.rho: must be a number",
            "reliable change off the scale | bad-goal-scales/gbo-above-ten.yaml   | goalBasedOutcomes.reliableChange: must have a maximum value of 10",
            "no reliable change given      | bad-goal-scales/gbo-missing.yaml     | goalBasedOutcomes: must be a mapping, found nothing",
            "an unknown field              | bad-goal-scales/unknown-field.yaml   | goalAttainmentScaling.roh"})
    void aFaultyFileIsRefusedNamingTheFieldAndTheRule(String name, String resource, String fault) {
        DataFileException thrown = catchThrowableOfType(DataFileException.class,
                () -> GoalScalesLoader.load(resource));

        assertThat(thrown.file()).isEqualTo(resource);
        assertThat(thrown.faults()).anySatisfy(f -> assertThat(f).contains(fault));
    }
}
