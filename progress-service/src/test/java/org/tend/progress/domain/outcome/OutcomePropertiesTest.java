package org.tend.progress.domain.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of change classification over every instrument and method of the clinical basis. */
class OutcomePropertiesTest {

    /** An instrument with one of its documented methods, and two scores in its range. */
    record Case(OutcomeMeasure measure, int first, int latest) {
    }

    @Provide
    Arbitrary<Case> cases() {
        List<OutcomeMeasure> variants = new ArrayList<>();
        for (OutcomeMeasure measure : OutcomeFixtures.ALL) {
            measure.methods().forEach(method -> variants.add(measure.using(method)));
        }
        return Arbitraries.of(variants).flatMap(m -> Combinators.combine(
                Arbitraries.integers().between(m.range().min(), m.range().max()),
                Arbitraries.integers().between(m.range().min(), m.range().max()))
                .as((first, latest) -> new Case(m, first, latest)));
    }

    /** Read backwards, an improvement is a deterioration of the same size, and no change stays no change. */
    @Property(tries = 2000)
    void classificationIsSymmetricUnderSwappingFirstAndLatest(@ForAll("cases") Case c) {
        Change forward = ChangeClassifier.classify(c.measure(), c.first(), c.latest());
        Change backward = ChangeClassifier.classify(c.measure(), c.latest(), c.first());

        assertThat(backward.classification()).isEqualTo(forward.classification().reversed());
        assertThat(backward.change()).isEqualTo(-forward.change());
        if (forward.rci() != null) {
            assertThat(backward.rci()).isEqualTo(-forward.rci());
        }
    }

    @Property(tries = 2000)
    void theChangeStaysWithinTheRange(@ForAll("cases") Case c) {
        Change change = ChangeClassifier.classify(c.measure(), c.first(), c.latest());

        assertThat(Math.abs(change.change())).isLessThanOrEqualTo(c.measure().range().width());
        assertThat(change.change()).isEqualTo(c.latest() - c.first());
    }

    /** Moving the latest score one point in the better direction never gives a worse classification. */
    @Property(tries = 2000)
    void aBetterLatestScoreNeverClassifiesWorse(@ForAll("cases") Case c) {
        OutcomeMeasure m = c.measure();
        int better = c.latest() + (m.direction() == Direction.LOWER_IS_BETTER ? -1 : 1);
        if (!m.range().contains(better)) {
            return;
        }
        assertThat(rank(ChangeClassifier.classify(m, c.first(), better).classification()))
                .isGreaterThanOrEqualTo(rank(ChangeClassifier.classify(m, c.first(), c.latest()).classification()));
    }

    private static int rank(ChangeClassification classification) {
        return switch (classification) {
            case RELIABLE_DETERIORATION -> 0;
            case NO_RELIABLE_CHANGE, NOT_CLASSIFIED -> 1;
            case RELIABLE_IMPROVEMENT -> 2;
        };
    }
}
