package org.tend.insights.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tend.insights.privacy.Examples.*;

import org.junit.jupiter.api.Test;

/** Rule 4: of two figures whose populations differ by 1 to k−1 participants, the later is withheld (k = 5). */
class DifferencingRuleTest {

    @Test
    void aToDateFigureThatGrewByFewerThanKSinceTheLastReleasedOneIsWithheld() {
        MeasureLattice enrolled = MeasureLattice.builder("p1", "enrolled", Observation.Kind.COUNT)
                .figure(toDate(PROGRAMME, JAN), count(ids(0, 19)))
                .figure(toDate(PROGRAMME, FEB), count(ids(0, 22)))
                .figure(toDate(PROGRAMME, MAR), count(ids(0, 29)))
                .build();

        DisclosurePlan plan = exactPlan(5, enrolled);

        assertThat(plan.release(toDate(PROGRAMME, JAN)).orElseThrow().count()).isEqualTo(released(20));
        // 23 − 20 would be the three who enrolled in February.
        assertThat(plan.release(toDate(PROGRAMME, FEB)).orElseThrow().count())
                .isEqualTo(withheld(Rule.DIFFERENCING));
        // 30 − 20 covers ten: far enough from the last released figure.
        assertThat(plan.release(toDate(PROGRAMME, MAR)).orElseThrow().count()).isEqualTo(released(30));
    }

    @Test
    void aDepartmentThatGainedOneMemberIsWithheldTheMonthAfter() {
        MeasureLattice phq9 = MeasureLattice.builder("p1", "phq9-mean", Observation.Kind.SUM)
                .figure(month(FINANCE, JAN), new Observation.Sum(ids(0, 11), 120, 0, 27))
                .figure(month(FINANCE, FEB), new Observation.Sum(ids(0, 12), 147, 0, 27))
                .build();

        DisclosurePlan plan = exactPlan(5, phq9);

        // Released, the two sums would give the newcomer's score: 147 − 120 = 27.
        assertThat(plan.release(month(FINANCE, JAN)).orElseThrow().sum()).contains(released(120));
        assertThat(plan.release(month(FINANCE, FEB)).orElseThrow().sum()).contains(withheld(Rule.DIFFERENCING));
        assertThat(plan.release(month(FINANCE, FEB)).orElseThrow().count()).isEqualTo(withheld(Rule.DIFFERENCING));
    }

    @Test
    void aStablePopulationIsShownEveryMonth() {
        MeasureLattice active = MeasureLattice.builder("p1", "active", Observation.Kind.COUNT)
                .figure(month(FINANCE, JAN), count(ids(0, 11)))
                .figure(month(FINANCE, FEB), count(ids(0, 11)))
                .figure(month(FINANCE, MAR), count(ids(0, 11)))
                .build();

        assertThat(exactPlan(5, active).releases().values()).allSatisfy(r -> assertThat(r.count()).isEqualTo(released(12)));
    }

    @Test
    void aCohortThatIsAllButFewerThanKOfTheProgrammeGivesWayToTheProgramme() {
        MeasureLattice enrolled = MeasureLattice.builder("p1", "enrolled", Observation.Kind.COUNT)
                .figure(month(PROGRAMME, JAN), count(ids(0, 24)))
                .figure(month(FINANCE, JAN), count(ids(0, 21)))
                .figure(month(SALES, JAN), count(ids(22, 24)))
                .build();

        DisclosurePlan plan = exactPlan(5, enrolled);

        assertThat(plan.release(month(PROGRAMME, JAN)).orElseThrow().count()).isEqualTo(released(25));
        assertThat(plan.release(month(FINANCE, JAN)).orElseThrow().count()).isEqualTo(withheld(Rule.DIFFERENCING));
        assertThat(plan.release(month(SALES, JAN)).orElseThrow().count()).isEqualTo(withheld(Rule.THRESHOLD));
    }

    @Test
    void aDistributionCellThatGainedAMemberIsWithheldWithItsComplement() {
        MeasureLattice bands = MeasureLattice.builder("p1", "phq9-band", Observation.Kind.DISTRIBUTION)
                .figure(month(FINANCE, JAN), bands(ids(0, 9), ids(10, 19), ids(20, 29)))
                .figure(month(FINANCE, FEB), bands(ids(0, 8), ids(9, 19), ids(20, 29)))
                .build();

        FigureRelease feb = exactPlan(5, bands).release(month(FINANCE, FEB)).orElseThrow();

        // Participant 9 moved from minimal to mild: both cells differ from January's by one.
        assertThat(feb.count()).isEqualTo(released(30));
        assertThat(feb.cells()).containsEntry("minimal", withheld(Rule.DIFFERENCING))
                .containsEntry("mild", withheld(Rule.DIFFERENCING))
                .containsEntry("moderate", released(10));
    }
}
