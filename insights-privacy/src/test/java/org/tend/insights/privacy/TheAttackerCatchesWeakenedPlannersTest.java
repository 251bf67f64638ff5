package org.tend.insights.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The attacker's checks can fail: against planners with a rule switched off, over the same kind of random programmes
 * the properties use, it finds the leaks each rule exists to stop. Seeds are fixed so the test is reproducible.
 */
class TheAttackerCatchesWeakenedPlannersTest {

    private static Set<String> leakKindsFound(PrivacyPlanner planner, int k) {
        Set<String> kinds = new TreeSet<>();
        for (long seed = 1; seed <= 40; seed++) {
            SimulatedProgramme programme = SimulatedProgramme.random(seed, 20 + (int) (seed * 7 % 60), 3, 6, 0.15,
                    true);
            for (String measure : SimulatedProgramme.MEASURES) {
                MeasureLattice lattice = programme.lattice(measure);
                DisclosurePlan plan = planner.plan(lattice);
                Attacker.attack(lattice, plan, plan.releases(), k, true).forEach(leak -> kinds.add(leak.kind()));
            }
        }
        return kinds;
    }

    @Test
    void aThresholdOnlyEngineLeaksByDifferencingMarginsRemaindersAndHomogeneity() {
        assertThat(leakKindsFound(WeakenedPlanner.thresholdOnly(5), 5))
                .contains("consecutive", "margin", "differencing", "recovered", "homogeneity");
    }

    @Test
    void withoutComplementarySuppressionWithheldValuesAreRecovered() {
        assertThat(leakKindsFound(new WeakenedPlanner(5, WeakenedPlanner.Stage.COMPLEMENTARY), 5))
                .contains("recovered");
    }

    @Test
    void withoutTheDifferencingRuleConsecutivePeriodsGiveAwayNewcomers() {
        assertThat(leakKindsFound(new WeakenedPlanner(5, WeakenedPlanner.Stage.DIFFERENCING), 5))
                .contains("consecutive");
    }

    @Test
    void withoutTheHomogeneityRuleADistributionTellsEveryMembersBand() {
        assertThat(leakKindsFound(new WeakenedPlanner(5, WeakenedPlanner.Stage.HOMOGENEITY), 5))
                .contains("homogeneity");
    }

    @Test
    void withoutDifferencingOfRemaindersAMarginLessAnEarlierFigureGivesAwayASmallCohort() {
        // The worked example of ComplementaryRuleTest: programme − finance = sales + ops, three from sales's January.
        MeasureLattice active = MeasureLattice.builder("p1", "active", Observation.Kind.COUNT)
                .figure(Examples.month(Examples.PROGRAMME, Examples.JAN),
                        Examples.count(Examples.join(Examples.ids(0, 29), Examples.ids(40, 51))))
                .figure(Examples.month(Examples.FINANCE, Examples.JAN), Examples.count(Examples.ids(0, 29)))
                .figure(Examples.month(Examples.SALES, Examples.JAN), Examples.count(Examples.ids(40, 51)))
                .figure(Examples.month(Examples.PROGRAMME, Examples.FEB), Examples.count(Examples.join(
                        Examples.ids(0, 29), Examples.ids(40, 54), Examples.ids(60, 64))))
                .figure(Examples.month(Examples.FINANCE, Examples.FEB),
                        Examples.count(Examples.join(Examples.ids(0, 29), Examples.ids(60, 64))))
                .figure(Examples.month(Examples.SALES, Examples.FEB), Examples.count(Examples.ids(40, 51)))
                .figure(Examples.month(Examples.OPS, Examples.FEB), Examples.count(Examples.ids(52, 54)))
                .build();

        DisclosurePlan weak = new WeakenedPlanner(5, WeakenedPlanner.Stage.DERIVED_DIFFERENCING).plan(active);
        DisclosurePlan full = new PrivacyPlanner(PrivacySettings.exact(5)).plan(active);

        assertThat(Attacker.attack(active, weak, weak.releases(), 5, true))
                .extracting(Attacker.Leak::kind).contains("remainder-differencing");
        assertThat(Attacker.attack(active, full, full.releases(), 5, true)).isEmpty();
    }
}
