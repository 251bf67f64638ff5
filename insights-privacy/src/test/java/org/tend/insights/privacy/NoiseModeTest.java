package org.tend.insights.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tend.insights.privacy.Examples.*;

import java.time.YearMonth;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Noise mode: noisy counts and sums, a budget per HR user per month, and the rules that still hold (k = 5). */
class NoiseModeTest {

    private static final PrivacySettings NOISY =
            new PrivacySettings(5, PrivacySettings.Noise.on(Epsilon.of("0.5"), Epsilon.of("1.2")));
    private static final YearMonth NOW = YearMonth.of(2026, 4);

    private static MeasureLattice enrolled() {
        return MeasureLattice.builder("p1", "enrolled", Observation.Kind.COUNT)
                .figure(toDate(PROGRAMME, JAN), count(ids(0, 19)))
                .figure(toDate(PROGRAMME, FEB), count(ids(0, 22)))
                .figure(toDate(PROGRAMME, MAR), count(ids(0, 29)))
                .figure(month(FINANCE, MAR), count(ids(0, 2)))
                .build();
    }

    private static PrivacyPlanner planner() {
        return new PrivacyPlanner(NOISY, new DiscreteLaplace(new SplittableRandom(5)));
    }

    @Test
    void everyReleasedValueIsNoisyAndAFewNewcomersReleaseWithNoiseInsteadOfBeingWithheld() {
        DisclosurePlan plan = planner().plan(enrolled());

        Disclosure february = plan.release(toDate(PROGRAMME, FEB)).orElseThrow().count();
        assertThat(february.isReleased()).isTrue();
        assertThat(((Disclosure.Released) february).noisy()).isTrue();
        // The threshold still holds: three are never shown, with or without noise.
        assertThat(plan.release(month(FINANCE, MAR)).orElseThrow().count()).isEqualTo(withheld(Rule.THRESHOLD));
    }

    @Test
    void eachFigureCostsItsEpsilonOnceAndTheBudgetRefusesWhenSpent() {
        DisclosurePlan plan = planner().plan(enrolled());
        BudgetedAnswers answers = new BudgetedAnswers(plan, new InMemoryPrivacyBudget());

        BudgetedAnswers.Answer jan = answers.answer("hana", NOW, toDate(PROGRAMME, JAN)).orElseThrow();
        BudgetedAnswers.Answer janAgain = answers.answer("hana", NOW, toDate(PROGRAMME, JAN)).orElseThrow();
        BudgetedAnswers.Answer feb = answers.answer("hana", NOW, toDate(PROGRAMME, FEB)).orElseThrow();
        BudgetedAnswers.Answer withheldAnyway = answers.answer("hana", NOW, month(FINANCE, MAR)).orElseThrow();
        BudgetedAnswers.Answer mar = answers.answer("hana", NOW, toDate(PROGRAMME, MAR)).orElseThrow();

        assertThat(jan.spent()).isEqualTo(Epsilon.of("0.5"));
        assertThat(jan.remaining()).contains(Epsilon.of("0.7"));
        assertThat(janAgain.spent()).isEqualTo(Epsilon.ZERO);
        assertThat(janAgain.release()).isEqualTo(jan.release());
        assertThat(feb.remaining()).contains(Epsilon.of("0.2"));
        assertThat(withheldAnyway.spent()).isEqualTo(Epsilon.ZERO);
        assertThat(mar.release().count()).isEqualTo(withheld(Rule.BUDGET));
        assertThat(mar.spent()).isEqualTo(Epsilon.ZERO);

        // Another user, or the same user next month, has a budget of their own.
        assertThat(answers.answer("omar", NOW, toDate(PROGRAMME, MAR)).orElseThrow().release().count().isReleased())
                .isTrue();
        assertThat(answers.answer("hana", NOW.plusMonths(1), toDate(PROGRAMME, MAR)).orElseThrow().release()
                .count().isReleased()).isTrue();
    }

    @Test
    void aNewPlanKeepsTheNoiseOfEveryValueThatDidNotChange() {
        DisclosurePlan first = planner().plan(enrolled());
        DisclosurePlan second = new PrivacyPlanner(NOISY, new DiscreteLaplace(new SplittableRandom(99)))
                .plan(enrolled(), first.noiseState());

        assertThat(second.releases()).isEqualTo(first.releases());
    }

    @Test
    void exactModeAnswersCostNothing() {
        DisclosurePlan plan = exactPlan(5, enrolled());
        BudgetedAnswers.Answer answer = new BudgetedAnswers(plan, new InMemoryPrivacyBudget())
                .answer("hana", NOW, toDate(PROGRAMME, JAN)).orElseThrow();

        assertThat(answer.release().count()).isEqualTo(released(20));
        assertThat(answer.spent()).isEqualTo(Epsilon.ZERO);
        assertThat(answer.remaining()).isEmpty();
    }
}
