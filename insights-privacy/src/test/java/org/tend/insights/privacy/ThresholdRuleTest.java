package org.tend.insights.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tend.insights.privacy.Examples.*;

import org.junit.jupiter.api.Test;

/** Rule 1: nothing computed over 1 to k−1 participants is shown (k = 5 throughout). */
class ThresholdRuleTest {

    @Test
    void aCountOfOneToKMinusOneIsWithheldWhileZeroAndKAreShown() {
        MeasureLattice enrolments = MeasureLattice.builder("p1", "enrolled", Observation.Kind.COUNT)
                .figure(month(FINANCE, JAN), count(ids(0, 2)))
                .figure(month(FINANCE, FEB), count(Population.empty()))
                .figure(month(FINANCE, MAR), count(ids(10, 14)))
                .build();

        DisclosurePlan plan = exactPlan(5, enrolments);

        assertThat(plan.release(month(FINANCE, JAN)).orElseThrow().count()).isEqualTo(withheld(Rule.THRESHOLD));
        assertThat(plan.release(month(FINANCE, FEB)).orElseThrow().count()).isEqualTo(released(0));
        assertThat(plan.release(month(FINANCE, MAR)).orElseThrow().count()).isEqualTo(released(5));
    }

    @Test
    void aMeanOverFewerThanKParticipantsShowsNeitherItsSumNorItsCount() {
        MeasureLattice phq9 = MeasureLattice.builder("p1", "phq9-mean", Observation.Kind.SUM)
                .figure(month(FINANCE, JAN), new Observation.Sum(ids(0, 3), 40, 0, 27))
                .figure(month(FINANCE, FEB), new Observation.Sum(Population.empty(), 0, 0, 27))
                .build();

        DisclosurePlan plan = exactPlan(5, phq9);

        for (FigureKey key : plan.releases().keySet()) {
            FigureRelease release = plan.release(key).orElseThrow();
            assertThat(release.count()).as("%s count", key).isEqualTo(withheld(Rule.THRESHOLD));
            assertThat(release.sum()).as("%s sum", key).contains(withheld(Rule.THRESHOLD));
        }
    }

    @Test
    void aDistributionOverFewerThanKParticipantsShowsNoCellAndNoTotal() {
        MeasureLattice bands = MeasureLattice.builder("p1", "phq9-band", Observation.Kind.DISTRIBUTION)
                .figure(month(FINANCE, JAN), bands(ids(0, 1), ids(2, 3), Population.empty()))
                .build();

        FigureRelease release = exactPlan(5, bands).release(month(FINANCE, JAN)).orElseThrow();

        assertThat(release.count()).isEqualTo(withheld(Rule.THRESHOLD));
        assertThat(release.cells().values()).containsOnly(withheld(Rule.THRESHOLD));
    }

    @Test
    void aRateOverFewerThanKParticipantsIsWithheld() {
        MeasureLattice improved = MeasureLattice.builder("p1", "improved", Observation.Kind.RATE)
                .figure(month(FINANCE, JAN), new Observation.Rate(ids(0, 3), ids(0, 1)))
                .build();

        FigureRelease release = exactPlan(5, improved).release(month(FINANCE, JAN)).orElseThrow();

        assertThat(release.count()).isEqualTo(withheld(Rule.THRESHOLD));
        assertThat(release.cells()).containsEntry(Observation.Rate.MET, withheld(Rule.THRESHOLD));
    }
}
