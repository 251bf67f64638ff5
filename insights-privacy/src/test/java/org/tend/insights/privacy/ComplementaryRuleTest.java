package org.tend.insights.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tend.insights.privacy.Examples.*;

import org.junit.jupiter.api.Test;

/** Rule 2: no total, margin or sum of released values recovers a withheld one (k = 5). */
class ComplementaryRuleTest {

    @Test
    void aSmallCellTakesTheNextSmallestCellWithItSoTheTotalDoesNotGiveItAway() {
        MeasureLattice bands = MeasureLattice.builder("p1", "phq9-band", Observation.Kind.DISTRIBUTION)
                .figure(month(FINANCE, JAN), bands(ids(0, 9), ids(10, 12), ids(13, 19)))
                .build();

        FigureRelease release = exactPlan(5, bands).release(month(FINANCE, JAN)).orElseThrow();

        // 20 − 10 leaves mild + moderate = 10 together, neither alone.
        assertThat(release.count()).isEqualTo(released(20));
        assertThat(release.cells()).containsEntry("minimal", released(10))
                .containsEntry("mild", withheld(Rule.THRESHOLD))
                .containsEntry("moderate", withheld(Rule.COMPLEMENTARY));
    }

    @Test
    void aSmallCohortTakesAnotherCohortWithItSoTheProgrammeDoesNotGiveItAway() {
        MeasureLattice enrolled = MeasureLattice.builder("p1", "enrolled", Observation.Kind.COUNT)
                .figure(month(PROGRAMME, JAN), count(ids(0, 39)))
                .figure(month(FINANCE, JAN), count(ids(0, 19)))
                .figure(month(SALES, JAN), count(ids(20, 36)))
                .figure(month(OPS, JAN), count(ids(37, 39)))
                .build();

        DisclosurePlan plan = exactPlan(5, enrolled);

        assertThat(plan.release(month(PROGRAMME, JAN)).orElseThrow().count()).isEqualTo(released(40));
        assertThat(plan.release(month(FINANCE, JAN)).orElseThrow().count()).isEqualTo(released(20));
        assertThat(plan.release(month(SALES, JAN)).orElseThrow().count()).isEqualTo(withheld(Rule.COMPLEMENTARY));
        assertThat(plan.release(month(OPS, JAN)).orElseThrow().count()).isEqualTo(withheld(Rule.THRESHOLD));
    }

    @Test
    void aSmallMonthTakesTheLastMonthOfItsQuarterWithIt() {
        MeasureLattice enrolments = MeasureLattice.builder("p1", "enrolments", Observation.Kind.COUNT)
                .figure(month(PROGRAMME, JAN), count(ids(0, 2)))
                .figure(month(PROGRAMME, FEB), count(ids(3, 12)))
                .figure(month(PROGRAMME, MAR), count(ids(13, 24)))
                .figure(quarter1(PROGRAMME), count(ids(0, 24)))
                .build();

        DisclosurePlan plan = exactPlan(5, enrolments);

        // The quarter less February and March would be January's three; March goes too, never the earlier February.
        assertThat(plan.release(quarter1(PROGRAMME)).orElseThrow().count()).isEqualTo(released(25));
        assertThat(plan.release(month(PROGRAMME, JAN)).orElseThrow().count()).isEqualTo(withheld(Rule.THRESHOLD));
        assertThat(plan.release(month(PROGRAMME, FEB)).orElseThrow().count()).isEqualTo(released(10));
        assertThat(plan.release(month(PROGRAMME, MAR)).orElseThrow().count())
                .isEqualTo(withheld(Rule.COMPLEMENTARY));
    }

    @Test
    void aProgrammeWithheldForDifferencingIsNotRecoverableFromItsCohorts() {
        // Five members swap departments and one newcomer joins sales: each cohort changes by ten or more, the
        // programme by one.
        MeasureLattice enrolled = MeasureLattice.builder("p1", "active", Observation.Kind.COUNT)
                .figure(month(PROGRAMME, JAN), count(ids(0, 19)))
                .figure(month(FINANCE, JAN), count(ids(0, 9)))
                .figure(month(SALES, JAN), count(ids(10, 19)))
                .figure(month(PROGRAMME, FEB), count(ids(0, 20)))
                .figure(month(FINANCE, FEB), count(join(ids(0, 4), ids(10, 14))))
                .figure(month(SALES, FEB), count(join(ids(5, 9), ids(15, 20))))
                .build();

        DisclosurePlan plan = exactPlan(5, enrolled);

        assertThat(plan.release(month(PROGRAMME, FEB)).orElseThrow().count())
                .isEqualTo(withheld(Rule.DIFFERENCING));
        // Finance + sales would give the programme back: the smaller cohort goes too.
        assertThat(plan.release(month(FINANCE, FEB)).orElseThrow().count())
                .isEqualTo(withheld(Rule.COMPLEMENTARY));
        assertThat(plan.release(month(SALES, FEB)).orElseThrow().count()).isEqualTo(released(11));
    }

    @Test
    void aRemainderThatEqualsAnEarlierFigureUpToAFewMembersIsBrokenUp() {
        // February: three newcomers form ops, five join finance, sales keeps its twelve. Ops is withheld, and sales
        // with it; but programme − finance would then be sales + ops, 15 members, three apart from sales's January.
        MeasureLattice active = MeasureLattice.builder("p1", "active", Observation.Kind.COUNT)
                .figure(month(PROGRAMME, JAN), count(join(ids(0, 29), ids(40, 51))))
                .figure(month(FINANCE, JAN), count(ids(0, 29)))
                .figure(month(SALES, JAN), count(ids(40, 51)))
                .figure(month(PROGRAMME, FEB), count(join(ids(0, 29), ids(40, 54), ids(60, 64))))
                .figure(month(FINANCE, FEB), count(join(ids(0, 29), ids(60, 64))))
                .figure(month(SALES, FEB), count(ids(40, 51)))
                .figure(month(OPS, FEB), count(ids(52, 54)))
                .build();

        DisclosurePlan plan = exactPlan(5, active);

        assertThat(plan.release(month(SALES, JAN)).orElseThrow().count()).isEqualTo(released(12));
        assertThat(plan.release(month(PROGRAMME, FEB)).orElseThrow().count()).isEqualTo(released(50));
        assertThat(plan.release(month(OPS, FEB)).orElseThrow().count()).isEqualTo(withheld(Rule.THRESHOLD));
        assertThat(plan.release(month(SALES, FEB)).orElseThrow().count()).isEqualTo(withheld(Rule.COMPLEMENTARY));
        assertThat(plan.release(month(FINANCE, FEB)).orElseThrow().count())
                .isEqualTo(withheld(Rule.COMPLEMENTARY));
    }
}
