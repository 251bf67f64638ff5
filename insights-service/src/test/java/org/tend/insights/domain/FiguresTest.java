package org.tend.insights.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tend.insights.privacy.DisclosurePlan;
import org.tend.insights.privacy.FigureKey;
import org.tend.insights.privacy.Period;
import org.tend.insights.privacy.PrivacyPlanner;
import org.tend.insights.privacy.Scope;

/**
 * The figures of a small programme, each computed by hand here (independently of {@link Lattices}), and the rule that
 * withholds each withheld one, planned by the privacy planner as the service plans them. k = 5.
 */
class FiguresTest {

    static final String PROGRAMME = "3f2c8a9e-5b1d-4c7a-9e3f-1a2b3c4d5e6f";
    static final int K = 5;
    static final YearMonth JAN = YearMonth.of(2026, 1);
    static final YearMonth FEB = YearMonth.of(2026, 2);
    static final YearMonth MAR = YearMonth.of(2026, 3);

    static Instant at(YearMonth month, int day) {
        return month.atDay(day).atTime(9, 0).toInstant(java.time.ZoneOffset.UTC);
    }

    static String pid(int i) {
        return String.format("p_%026d", i).replace('0', 'a').replace('1', 'b').replace('2', 'c').replace('3', 'd')
                .replace('4', 'e').replace('5', 'f').replace('6', 'g').replace('7', 'h').replace('8', 'i')
                .replace('9', 'j');
    }

    /** A participant enrolled in a department, with PHQ-9 scores (band by score) at the given days. */
    static ParticipantFacts participant(int i, String department, Instant enrolled, List<Object[]> phq9,
                                        List<InsightEvent.OutcomeAssessed> outcomes,
                                        List<InsightEvent.GoalSet> goals) {
        List<InsightEvent.AssessmentCompleted> assessments = new ArrayList<>();
        int n = 0;
        for (Object[] a : phq9) {
            int score = (Integer) a[1];
            String band = score < 5 ? "minimal" : score < 10 ? "mild" : score < 15 ? "moderate" : "severe";
            assessments.add(new InsightEvent.AssessmentCompleted("a-" + i + "-" + n++, pid(i), PROGRAMME, "phq-9",
                    score, new InsightEvent.ScoreRange(0, 27), band, (Instant) a[0]));
        }
        return new ParticipantFacts(new InsightEvent.ParticipantEnrolled(pid(i), PROGRAMME,
                new InsightEvent.Cohort(department), enrolled), assessments, goals, List.of(), List.of(), outcomes);
    }

    static ProgrammeFacts programme(List<ParticipantFacts> participants) {
        return new ProgrammeFacts(new InsightEvent.ProgrammeCreated(PROGRAMME, "org", K, at(JAN, 1)), participants,
                Map.of());
    }

    static Map<String, DisclosurePlan> plan(ProgrammeFacts facts, YearMonth lastClosed) {
        Lattices.Built built = Lattices.build(facts, InsightSettings.defaults(), lastClosed);
        PrivacyPlanner planner = new PrivacyPlanner(InsightSettings.defaults().privacy(K));
        Map<String, DisclosurePlan> plans = new java.util.LinkedHashMap<>();
        built.lattices().forEach((id, lattice) -> plans.put(id, planner.plan(lattice)));
        return plans;
    }

    static FigureView view(ProgrammeFacts facts, Map<String, DisclosurePlan> plans, String measure, Scope scope,
                           Period period) {
        Lattices.Built built = Lattices.build(facts, InsightSettings.defaults(), MAR);
        Measure m = built.measures().stream().filter(x -> x.id().equals(measure)).findFirst().orElseThrow();
        return FigureViews.view(m, plans.get(measure).release(FigureKey.of(scope, period)),
                plans.get(measure).release(FigureKey.of(scope, Period.toDate(period.last()))), null, null, K);
    }

    /** Twelve in finance and three in ops enrol in January; every one of them is measured once on PHQ-9. */
    static List<ParticipantFacts> twelveAndThree() {
        List<ParticipantFacts> all = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            String department = i < 12 ? "finance" : "ops";
            // finance: 6 moderate (12), 6 mild (7); ops: all severe (18)
            int score = i < 6 ? 12 : i < 12 ? 7 : 18;
            all.add(participant(i, department, at(JAN, 2 + i), List.<Object[]>of(new Object[] {at(JAN, 20), score}),
                    List.of(), List.of()));
        }
        return all;
    }

    /**
     * A withdrawal of consent leaves the participant out from the next period on: every figure of a period that had
     * begun by then is exactly what it was without the withdrawal (nothing released changes), and every later one
     * leaves them out.
     */
    @Test
    void aWithdrawalLeavesTheParticipantOutFromTheNextPeriodOnAndChangesNoEarlierFigure() {
        List<ParticipantFacts> before = twelveAndThree();
        List<ParticipantFacts> after = new ArrayList<>(before);
        ParticipantFacts p0 = before.get(0);
        Instant withdrawn = at(FEB, 10);
        after.set(0, new ParticipantFacts(p0.enrolment(), p0.assessments(), p0.goals(), p0.ratings(),
                p0.recommendations(), p0.outcomes(), List.of(new InsightEvent.ConsentWithdrawn(p0.participantId(),
                PROGRAMME, withdrawn))));
        Lattices.Built without = Lattices.build(programme(before), InsightSettings.defaults(), MAR);
        Lattices.Built with = Lattices.build(programme(after), InsightSettings.defaults(), MAR);

        int same = 0;
        int changed = 0;
        for (String measure : without.lattices().keySet()) {
            var a = without.lattices().get(measure).figures();
            var b = with.lattices().get(measure).figures();
            assertThat(b.keySet()).isEqualTo(a.keySet());
            for (FigureKey key : a.keySet()) {
                Period period = key.period();
                YearMonth begins = period.kind() == Period.Kind.TO_DATE ? period.last() : period.first();
                if (begins.isAfter(FEB)) {
                    if (!a.get(key).equals(b.get(key))) {
                        changed++;
                    }
                } else {
                    assertThat(b.get(key)).as(measure + " " + key).isEqualTo(a.get(key));
                    same++;
                }
            }
        }
        assertThat(same).isPositive();
        assertThat(changed).isPositive();
        // To date at the end of March: 14 enrolled, not 15; to date at the end of February still 15.
        var enrolled = with.lattices().get("enrolled").figures();
        assertThat(enrolled.get(FigureKey.of(Scope.programme(), Period.toDate(MAR))).members().size()).isEqualTo(14);
        assertThat(enrolled.get(FigureKey.of(Scope.programme(), Period.toDate(FEB))).members().size()).isEqualTo(15);
        assertThat(enrolled.get(FigureKey.of(Scope.cohort("finance"), Period.toDate(MAR))).members().size())
                .isEqualTo(11);
    }

    @Test
    void enrolmentsAreCountedPerCohortAndTheSmallCohortIsWithheldWithItsComplement() {
        ProgrammeFacts facts = programme(twelveAndThree());
        Map<String, DisclosurePlan> plans = plan(facts, MAR);
        // By hand: January enrolled 15 = finance 12 + ops 3.
        FigureView programme = view(facts, plans, "enrolled", Scope.programme(), Period.month(JAN));
        assertThat(programme.participants()).isEqualTo(Shown.released(15, false));
        FigureView ops = view(facts, plans, "enrolled", Scope.cohort("ops"), Period.month(JAN));
        assertThat(ops.participants().rule()).isEqualTo("threshold");
        assertThat(ops.participants().value()).isNull();
        assertThat(ops.participants().explanation()).contains("Fewer than 5 people");
        // Finance is all but three of the programme: 15 − 12 would give ops back, so finance gives way.
        FigureView finance = view(facts, plans, "enrolled", Scope.cohort("finance"), Period.month(JAN));
        assertThat(finance.participants().rule()).isEqualTo("differencing");
        // Nobody enrolled in February: a zero is shown.
        assertThat(view(facts, plans, "enrolled", Scope.programme(), Period.month(FEB)).participants())
                .isEqualTo(Shown.released(0, false));
        // To date at the end of January is January itself.
        assertThat(programme.enrolledToDate()).isEqualTo(Shown.released(15, false));
    }

    @Test
    void bandDistributionsShowCellsOfKOrMoreAndWithholdAHomogeneousCohort() {
        ProgrammeFacts facts = programme(twelveAndThree());
        Map<String, DisclosurePlan> plans = plan(facts, MAR);
        FigureView all = view(facts, plans, "phq9-bands-latest", Scope.programme(), Period.month(JAN));
        // By hand: mild 6, moderate 6, severe 3 (ops), minimal 0; categories in the order of the scale.
        assertThat(all.cells()).extracting(FigureView.Cell::category)
                .containsExactly("mild", "moderate", "severe");
        assertThat(all.participants()).isEqualTo(Shown.released(15, false));
        assertThat(all.cells().get(2).count().rule()).isEqualTo("threshold");
        // Either mild or moderate must go too, or 15 − 6 − 6 gives severe back.
        assertThat(all.cells().subList(0, 2)).extracting(c -> c.count().rule()).contains("complementary");
        // Ops alone: three people, all severe.
        FigureView ops = view(facts, plans, "phq9-bands-latest", Scope.cohort("ops"), Period.month(JAN));
        assertThat(ops.participants().rule()).isEqualTo("threshold");
        assertThat(ops.cells()).allSatisfy(c -> assertThat(c.count().shown()).isFalse());
    }

    @Test
    void aDistributionWhoseMembersAllButFewerThanKShareOneBandIsNotShownCellByCell() {
        List<ParticipantFacts> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int score = i < 18 ? 2 : 7; // 18 minimal, 2 mild
            all.add(participant(i, "finance", at(JAN, 2), List.<Object[]>of(new Object[] {at(JAN, 20), score}),
                    List.of(), List.of()));
        }
        ProgrammeFacts facts = programme(all);
        Map<String, DisclosurePlan> plans = plan(facts, MAR);
        FigureView finance = view(facts, plans, "phq9-bands-entry", Scope.cohort("finance"), Period.month(JAN));
        assertThat(finance.participants()).isEqualTo(Shown.released(20, false));
        assertThat(finance.cells().get(0).category()).isEqualTo("minimal");
        assertThat(finance.cells().get(0).count().rule()).isEqualTo("homogeneity");
        assertThat(finance.cells().get(1).count().rule()).isEqualTo("threshold");
    }

    @Test
    void aToDateFigureThatGrewByFewerThanKIsWithheldForDifferencing() {
        List<ParticipantFacts> all = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            all.add(participant(i, "finance", i < 20 ? at(JAN, 5) : at(FEB, 5), List.of(), List.of(), List.of()));
        }
        ProgrammeFacts facts = programme(all);
        Map<String, DisclosurePlan> plans = plan(facts, MAR);
        FigureView january = view(facts, plans, "enrolled", Scope.programme(), Period.month(JAN));
        assertThat(january.enrolledToDate()).isEqualTo(Shown.released(20, false));
        FigureView february = view(facts, plans, "enrolled", Scope.programme(), Period.month(FEB));
        // 23 − 20 would be February's three.
        assertThat(february.enrolledToDate().rule()).isEqualTo("differencing");
        assertThat(february.participants().rule()).isEqualTo("threshold");
    }

    @Test
    void outcomeRatesComeFromProgressClassesAsOfThePeriodsEnd() {
        List<ParticipantFacts> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // Everyone a case at first; 8 recovered by February, 4 not. Recovery is over cases only.
            boolean recovered = i < 8;
            InsightEvent.TalkingTherapies tt = new InsightEvent.TalkingTherapies(true, recovered, false,
                    recovered ? "met" : "not-met", recovered ? "met" : "not-met");
            InsightEvent.OutcomeAssessed outcome = new InsightEvent.OutcomeAssessed(pid(i), PROGRAMME, "b-" + i,
                    at(FEB, 10), List.of(new InsightEvent.MeasureOutcome("phq-9", 2, "reliable-improvement")), tt);
            all.add(participant(i, "finance", at(JAN, 2), List.of(), List.of(outcome), List.of()));
        }
        ProgrammeFacts facts = programme(all);
        Map<String, DisclosurePlan> plans = plan(facts, MAR);
        FigureView recovery = view(facts, plans, "recovery", Scope.programme(), Period.month(FEB));
        // By hand: 12 cases, 8 met → 66.7 %; but 4 not met is below k: the met cell would give it back.
        assertThat(recovery.participants()).isEqualTo(Shown.released(12, false));
        assertThat(recovery.met().shown()).isFalse();
        assertThat(recovery.percent().shown()).isFalse();
        // Nobody was assessed in January: a rate over fewer than k (here none) is withheld whole.
        assertThat(view(facts, plans, "recovery", Scope.programme(), Period.month(JAN)).participants().rule())
                .isEqualTo("threshold");
    }

    @Test
    void aRateOverMembersWithKOrMoreInEachCellIsShownAsAPercentage() {
        List<ParticipantFacts> all = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            boolean improved = i < 10;
            InsightEvent.TalkingTherapies tt = new InsightEvent.TalkingTherapies(true, improved, false,
                    "not-met", "not-met");
            all.add(participant(i, "finance", at(JAN, 2), List.of(), List.of(new InsightEvent.OutcomeAssessed(
                    pid(i), PROGRAMME, "b-" + i, at(FEB, 10), List.of(), tt)), List.of()));
        }
        ProgrammeFacts facts = programme(all);
        Map<String, DisclosurePlan> plans = plan(facts, MAR);
        FigureView ri = view(facts, plans, "reliable-improvement", Scope.programme(), Period.month(FEB));
        assertThat(ri.participants()).isEqualTo(Shown.released(16, false));
        assertThat(ri.met()).isEqualTo(Shown.released(10, false));
        assertThat(ri.percent()).isEqualTo(Shown.released(new java.math.BigDecimal("62.5"), false));
    }

    @Test
    void theMeanIsTheReleasedSumOverTheReleasedCount() {
        List<ParticipantFacts> all = new ArrayList<>();
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            int score = 40 + 4 * i;
            sum += score;
            all.add(new ParticipantFacts(new InsightEvent.ParticipantEnrolled(pid(i), PROGRAMME,
                    new InsightEvent.Cohort("finance"), at(JAN, 2)), List.of(new InsightEvent.AssessmentCompleted(
                    "w-" + i, pid(i), PROGRAMME, "who-5", score, new InsightEvent.ScoreRange(0, 100),
                    score <= 50 ? "poor-wellbeing" : "no-indication", at(JAN, 15))), List.of(), List.of(), List.of(),
                    List.of()));
        }
        ProgrammeFacts facts = programme(all);
        Map<String, DisclosurePlan> plans = plan(facts, MAR);
        FigureView mean = view(facts, plans, "who5-mean", Scope.programme(), Period.month(JAN));
        assertThat(mean.participants()).isEqualTo(Shown.released(10, false));
        assertThat(mean.mean()).isEqualTo(Shown.released(new java.math.BigDecimal(sum).divide(
                java.math.BigDecimal.TEN, 1, java.math.RoundingMode.HALF_EVEN), false));
    }

    @Test
    void periodsAreTheClosedMonthsTheirQuartersAndToDate() {
        assertThat(Lattices.months(at(FEB, 14), MAR)).containsExactly(JAN, FEB, MAR);
        assertThat(Lattices.periods(List.of(JAN, FEB, MAR))).contains(Period.quarterOf(JAN), Period.toDate(FEB))
                .hasSize(7);
        assertThat(Lattices.periods(List.of(JAN, FEB))).doesNotContain(Period.quarterOf(JAN));
        assertThat(Optional.of(Lattices.NOT_STATED)).contains("not-stated");
    }
}
