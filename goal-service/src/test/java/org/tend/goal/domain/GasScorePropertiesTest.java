package org.tend.goal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/** What the GAS T-score means, over any goals (1–6, weights 1–10, levels −2…+2) and any ρ in 0…1. */
class GasScorePropertiesTest {

    @Provide
    Arbitrary<List<GasScore.WeightedLevel>> goals() {
        Arbitrary<GasScore.WeightedLevel> goal = Combinators.combine(
                Arbitraries.integers().between(GasScore.MIN_WEIGHT, GasScore.MAX_WEIGHT),
                Arbitraries.integers().between(GasScore.MIN_LEVEL, GasScore.MAX_LEVEL))
                .as(GasScore.WeightedLevel::new);
        return goal.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property
    void everyGoalMetExactlyAsExpectedScores50(@ForAll("goals") List<GasScore.WeightedLevel> goals,
                                              @ForAll @DoubleRange(min = 0, max = 1) double rho) {
        List<GasScore.WeightedLevel> asExpected = goals.stream()
                .map(g -> new GasScore.WeightedLevel(g.weight(), GasScore.EXPECTED_LEVEL)).toList();
        assertThat(new GasScore(rho).tScore(asExpected)).isEqualTo(50.0);
    }

    @Property
    void raisingAnyOneGoalsLevelRaisesTheScore(@ForAll("goals") List<GasScore.WeightedLevel> goals,
                                               @ForAll @DoubleRange(min = 0, max = 1) double rho) {
        GasScore gas = new GasScore(rho);
        double before = gas.tScore(goals);
        for (int i = 0; i < goals.size(); i++) {
            GasScore.WeightedLevel goal = goals.get(i);
            if (goal.level() == GasScore.MAX_LEVEL) {
                continue;
            }
            List<GasScore.WeightedLevel> better = new ArrayList<>(goals);
            better.set(i, new GasScore.WeightedLevel(goal.weight(), goal.level() + 1));
            assertThat(gas.tScore(better)).as("goal %d one level higher", i).isGreaterThan(before);
        }
    }

    @Property
    void negatingEveryLevelMirrorsTheScoreAround50(@ForAll("goals") List<GasScore.WeightedLevel> goals,
                                                   @ForAll @DoubleRange(min = 0, max = 1) double rho) {
        GasScore gas = new GasScore(rho);
        List<GasScore.WeightedLevel> mirrored = goals.stream()
                .map(g -> new GasScore.WeightedLevel(g.weight(), -g.level())).toList();
        assertThat(gas.tScore(mirrored) - 50).isCloseTo(-(gas.tScore(goals) - 50), within(1e-9));
    }

    @Property
    void theOrderOfTheGoalsDoesNotMatter(@ForAll("goals") List<GasScore.WeightedLevel> goals) {
        List<GasScore.WeightedLevel> reversed = new ArrayList<>(goals);
        Collections.reverse(reversed);
        assertThat(GasScore.CONVENTIONAL.tScore(reversed))
                .isCloseTo(GasScore.CONVENTIONAL.tScore(goals), within(1e-9));
    }

    /** The T-score stays within the bounds of all goals at −2 and all at +2. */
    @Property
    void theScoreStaysBetweenTheExtremes(@ForAll("goals") List<GasScore.WeightedLevel> goals) {
        double lowest = GasScore.CONVENTIONAL.tScore(goals.stream()
                .map(g -> new GasScore.WeightedLevel(g.weight(), -2)).toList());
        double highest = GasScore.CONVENTIONAL.tScore(goals.stream()
                .map(g -> new GasScore.WeightedLevel(g.weight(), 2)).toList());

        assertThat(GasScore.CONVENTIONAL.tScore(goals)).isBetween(lowest, highest);
    }
}
