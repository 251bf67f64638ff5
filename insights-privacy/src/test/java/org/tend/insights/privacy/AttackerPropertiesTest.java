package org.tend.insights.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The planner against an attacker ({@link Attacker}) over random programmes: random cohorts, enrolment months,
 * members moving department between months, every measure the simulated service offers, and random sequences of every
 * question the API allows (measure × scope × period).
 */
class AttackerPropertiesTest {

    @Property(tries = 80)
    void noSequenceOfQuestionsPinsDownAGroupSmallerThanK(
            @ForAll long seed, @ForAll @IntRange(min = 5, max = 7) int k,
            @ForAll @IntRange(min = 8, max = 90) int participants, @ForAll @IntRange(min = 2, max = 4) int cohorts,
            @ForAll @IntRange(min = 2, max = 7) int months, @ForAll @DoubleRange(min = 0, max = 0.3) double moves,
            @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 1_000_000) Integer> questions) {
        SimulatedProgramme programme = SimulatedProgramme.random(seed, participants, cohorts, months, moves, true);
        PrivacyPlanner planner = new PrivacyPlanner(PrivacySettings.exact(k));

        for (String measure : SimulatedProgramme.MEASURES) {
            MeasureLattice lattice = programme.lattice(measure);
            DisclosurePlan plan = planner.plan(lattice);
            DisclosurePlan again = planner.plan(lattice);
            List<FigureKey> keys = new ArrayList<>(lattice.figures().keySet());
            List<FigureKey> asked = questions.stream().map(q -> keys.get(q % keys.size())).toList();
            for (FigureKey key : asked) {
                assertThat(again.release(key)).as("the same question, the same answer").isEqualTo(plan.release(key));
            }

            assertThat(Attacker.attack(lattice, plan, Attacker.answers(plan, asked), k, true))
                    .as("%s, from the questions asked", measure).isEmpty();
            assertThat(Attacker.attack(lattice, plan, plan.releases(), k, true))
                    .as("%s, from every answer", measure).isEmpty();
        }
    }

    /**
     * Found by the property above: a member leaves a small cohort in April, and the cohort's to-date sum in March (over
     * that one member, withheld) equals April's to-date plus April's sum (both over nobody) only because the member's
     * scores add up to 0. The attacker knows who is where, so it cannot take that for a relation; an attacker that
     * did used the very value it was after.
     */
    @net.jqwik.api.Example
    void aMemberWhoLeftTheCohortMakesNoRelationOutOfACoincidence() {
        noSequenceOfQuestionsPinsDownAGroupSmallerThanK(-292, 5, 8, 4, 5, 0.08, List.of());
        noSequenceOfQuestionsPinsDownAGroupSmallerThanK(-293, 7, 23, 4, 4, 0.08,
                List.of(1551, 110960, 492078, 117133, 159471, 22, 29554));
    }

    @Property(tries = 40)
    void everyReleasedValueIsTheTrueValue(
            @ForAll long seed, @ForAll @IntRange(min = 5, max = 10) int k,
            @ForAll @IntRange(min = 8, max = 120) int participants, @ForAll @IntRange(min = 2, max = 5) int cohorts,
            @ForAll @IntRange(min = 2, max = 7) int months, @ForAll @DoubleRange(min = 0, max = 0.3) double moves) {
        SimulatedProgramme programme = SimulatedProgramme.random(seed, participants, cohorts, months, moves, true);
        for (String measure : SimulatedProgramme.MEASURES) {
            MeasureLattice lattice = programme.lattice(measure);
            DisclosurePlan plan = new PrivacyPlanner(PrivacySettings.exact(k)).plan(lattice);
            lattice.figures().forEach((key, o) -> {
                FigureRelease r = plan.release(key).orElseThrow();
                assertThat(r.kind()).isEqualTo(o.kind());
                check(r.count(), o.members().size(), key + " count");
                if (o instanceof Observation.Sum s) {
                    check(r.sum().orElseThrow(), s.total(), key + " sum");
                }
                Map<String, Population> cells = o instanceof Observation.Distribution d ? d.cells()
                        : o instanceof Observation.Rate rate ? rate.cells() : Map.of();
                assertThat(r.cells().keySet()).containsExactlyElementsOf(cells.keySet());
                cells.forEach((category, cell) -> check(r.cells().get(category), cell.size(), key + " " + category));
            });
        }
    }

    private static void check(Disclosure d, long truth, String what) {
        if (d instanceof Disclosure.Released r) {
            assertThat(r.value()).as(what).isEqualTo(truth);
            assertThat(r.noisy()).as(what).isFalse();
        } else {
            assertThat(((Disclosure.Withheld) d).rule()).as(what).isNotNull();
        }
    }

    /** Not absurdly eager: everyone enrols in the first month, nobody moves, every cohort has at least 2k members. */
    @Property(tries = 40)
    void aStableProgrammeOfLargeCohortsIsShownInFull(
            @ForAll long seed, @ForAll @IntRange(min = 5, max = 10) int k, @ForAll @IntRange(min = 2, max = 5) int cohorts,
            @ForAll @IntRange(min = 1, max = 9) int months) {
        SimulatedProgramme programme;
        long attempt = seed;
        do {
            programme = SimulatedProgramme.random(attempt++, cohorts * 4 * k, cohorts, months, 0, false);
        } while (!everyCohortHasAtLeast(programme, 2 * k));

        for (String measure : List.of("enrolments", "active", "score")) {
            DisclosurePlan plan = new PrivacyPlanner(PrivacySettings.exact(k)).plan(programme.lattice(measure));
            assertThat(plan.releases().values()).as(measure).allSatisfy(r -> {
                assertThat(r.count().isReleased()).as("%s count", r.key()).isTrue();
                r.sum().ifPresent(s -> assertThat(s.isReleased()).as("%s sum", r.key()).isTrue());
            });
        }
    }

    private static boolean everyCohortHasAtLeast(SimulatedProgramme programme, int size) {
        int[] members = new int[programme.cohorts];
        for (int p = 0; p < programme.participants; p++) {
            members[programme.department[p][0]]++;
        }
        for (int m : members) {
            if (m < size) {
                return false;
            }
        }
        return true;
    }

    /**
     * A plan of the first m months decides them exactly as a plan made months later, except the figures the later
     * plan says it reached back to (rare; the statistics show how rare).
     */
    @Property(tries = 40)
    void aLaterPlanDecidesTheEarlierMonthsAsTheEarlierPlanDid(
            @ForAll long seed, @ForAll @IntRange(min = 5, max = 7) int k,
            @ForAll @IntRange(min = 8, max = 90) int participants, @ForAll @IntRange(min = 2, max = 4) int cohorts,
            @ForAll @IntRange(min = 3, max = 7) int months, @ForAll @IntRange(min = 1, max = 6) int earlier,
            @ForAll @DoubleRange(min = 0, max = 0.3) double moves) {
        SimulatedProgramme later = SimulatedProgramme.random(seed, participants, cohorts, months, moves, true);
        SimulatedProgramme sooner = later.truncated(Math.min(earlier, months - 1));
        PrivacyPlanner planner = new PrivacyPlanner(PrivacySettings.exact(k));
        for (String measure : SimulatedProgramme.MEASURES) {
            DisclosurePlan before = planner.plan(sooner.lattice(measure));
            DisclosurePlan after = planner.plan(later.lattice(measure));
            Statistics.label("reached back").collect(!after.reachedBack().isEmpty());
            before.releases().forEach((key, release) -> {
                if (!after.reachedBack().contains(key)) {
                    assertThat(after.release(key)).as("%s %s", measure, key).contains(release);
                }
            });
        }
    }
}
