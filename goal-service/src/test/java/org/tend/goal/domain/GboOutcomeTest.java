package org.tend.goal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GBO outcome = last rating − first rating (Law &amp; Jacob 2015), none until there are two ratings. */
class GboOutcomeTest {

    @ParameterizedTest(name = "ratings [{0}] → change {1}")
    @CsvSource(delimiter = ';', nullValues = "none", value = {
            "''; none",
            "4; none",
            "2 5; 3",
            "2 5 4; 2",
            "7 3; -4",
            "0 10; 10",
            "10 0; -10",
            "5 9 1 5; 0",
    })
    void changeIsLastMinusFirst(String ratings, Integer expected) {
        List<Integer> values = ratings.isBlank() ? List.of()
                : Arrays.stream(ratings.split(" ")).map(Integer::valueOf).toList();
        assertThat(GboOutcome.change(values)).isEqualTo(Optional.ofNullable(expected));
    }

    @ParameterizedTest(name = "{0} on the scale: {1}")
    @CsvSource({"-1, false", "0, true", "5, true", "10, true", "11, false"})
    void theScaleRunsFrom0To10(int rating, boolean valid) {
        assertThat(GboOutcome.isValidRating(rating)).isEqualTo(valid);
    }
}
