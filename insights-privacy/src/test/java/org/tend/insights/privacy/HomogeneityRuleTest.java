package org.tend.insights.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tend.insights.privacy.Examples.*;

import org.junit.jupiter.api.Test;

/** Rule 3: a distribution in which all but fewer than k members share one category shows no cell (k = 5). */
class HomogeneityRuleTest {

    @Test
    void aCohortWhoseMembersAllShareABandShowsItsSizeButNoBand() {
        MeasureLattice bands = MeasureLattice.builder("p1", "phq9-band", Observation.Kind.DISTRIBUTION)
                .figure(month(FINANCE, JAN), bands(ids(0, 19), Population.empty(), Population.empty()))
                .build();

        FigureRelease release = exactPlan(5, bands).release(month(FINANCE, JAN)).orElseThrow();

        assertThat(release.count()).isEqualTo(released(20));
        assertThat(release.cells().values()).containsOnly(withheld(Rule.HOMOGENEITY));
    }

    @Test
    void allButFewerThanKInOneBandWithholdsEveryCellTheSmallOnesForThreshold() {
        MeasureLattice bands = MeasureLattice.builder("p1", "phq9-band", Observation.Kind.DISTRIBUTION)
                .figure(month(FINANCE, JAN), bands(ids(0, 17), ids(18, 19), Population.empty()))
                .build();

        FigureRelease release = exactPlan(5, bands).release(month(FINANCE, JAN)).orElseThrow();

        assertThat(release.count()).isEqualTo(released(20));
        assertThat(release.cells()).containsEntry("minimal", withheld(Rule.HOMOGENEITY))
                .containsEntry("mild", withheld(Rule.THRESHOLD))
                .containsEntry("moderate", withheld(Rule.HOMOGENEITY));
    }

    @Test
    void aRateOfAHundredPercentIsNotShown() {
        MeasureLattice improved = MeasureLattice.builder("p1", "improved", Observation.Kind.RATE)
                .figure(month(FINANCE, JAN), new Observation.Rate(ids(0, 11), ids(0, 11)))
                .build();

        FigureRelease release = exactPlan(5, improved).release(month(FINANCE, JAN)).orElseThrow();

        assertThat(release.count()).isEqualTo(released(12));
        assertThat(release.cells().values()).containsOnly(withheld(Rule.HOMOGENEITY));
    }

    @Test
    void aSumWithAllButFewerThanKMembersAtTheBottomOfItsRangeIsNotShown() {
        // Ten PHQ-9 totals (0–27) summing to 3: at most three members scored above 0, so at least seven scored 0.
        MeasureLattice phq9 = MeasureLattice.builder("p1", "phq9-mean", Observation.Kind.SUM)
                .figure(month(FINANCE, JAN), new Observation.Sum(ids(0, 9), 3, 0, 27))
                .figure(month(SALES, JAN), new Observation.Sum(ids(100, 109), 60, 0, 27))
                .build();

        DisclosurePlan plan = exactPlan(5, phq9);

        assertThat(plan.release(month(FINANCE, JAN)).orElseThrow().count()).isEqualTo(released(10));
        assertThat(plan.release(month(FINANCE, JAN)).orElseThrow().sum()).contains(withheld(Rule.HOMOGENEITY));
        assertThat(plan.release(month(SALES, JAN)).orElseThrow().sum()).contains(released(60));
    }
}
