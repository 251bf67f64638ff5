package org.tend.progress.domain.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tend.progress.domain.outcome.OutcomeFixtures;
import org.tend.progress.domain.review.ReviewFacts.CheckIn;
import org.tend.progress.domain.review.ReviewFacts.Measure;
import org.tend.progress.domain.review.ReviewFacts.Plan;
import org.tend.progress.domain.review.ReviewRule.NoCheckIn;
import org.tend.progress.domain.review.ReviewRule.NoReliableImprovement;
import org.tend.progress.domain.review.ReviewRule.ReliableDeterioration;

/** The "is it working?" rules, judged at a given instant over a participant's facts. */
class ReviewPolicyTest {

    static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
    static final String NO_IMPROVEMENT_REASON = "No reliable improvement on {instrument} for the {intervention} plan:"
            + " {baseline} at baseline ({baselineDate}), {latest} now ({latestDate}), a change of {change} after"
            + " {weeksSincePlan} weeks and {measuresSincePlan} measures since the plan started on {planStart};"
            + " reliable improvement needs {needed} (review after {weeks} weeks or {measures} measures).";
    static final NoReliableImprovement PHQ9_NO_IMPROVEMENT = new NoReliableImprovement(
            "phq-9-no-reliable-improvement", "phq-9", 6, 4, true, new ReasonTemplate(NO_IMPROVEMENT_REASON));
    static final ReliableDeterioration DETERIORATION = new ReliableDeterioration("reliable-deterioration",
            new ReasonTemplate("{instrument} has reliably deteriorated: {first} on {firstDate}, {latest} on"
                    + " {latestDate}, a change of {change} ({rule})."));
    static final NoCheckIn NO_CHECK_IN = new NoCheckIn("no-check-in", 3, new ReasonTemplate(
            "No check-in for {weeksSince} weeks: the last check-in ({lastCheckInKind}) was on {lastCheckIn};"
                    + " expected every {weeks} weeks."));

    static Instant day(int d) {
        return T0.plusSeconds(86_400L * d);
    }

    /** Measures as (day, score) pairs. */
    static List<Measure> measures(int... dayScore) {
        List<Measure> measures = new ArrayList<>();
        for (int i = 0; i < dayScore.length; i += 2) {
            measures.add(new Measure(day(dayScore[i]), dayScore[i + 1]));
        }
        return measures;
    }

    static Plan cbt(int setDay) {
        return new Plan("g-cbt-" + setDay, "cbt", "Cognitive behavioural therapy", day(setDay));
    }

    static ReviewFacts facts(Map<String, List<Measure>> measures, List<Plan> plans, List<CheckIn> checkIns) {
        return new ReviewFacts(measures, plans, checkIns);
    }

    static List<ReviewFlag> judge(ReviewRule rule, ReviewFacts facts, int nowDay) {
        return new ReviewPolicy("test", List.of(rule)).evaluate(facts, OutcomeFixtures.MEASURES, day(nowDay));
    }

    // ---------------------------------------------------------------- no reliable improvement

    static Stream<Arguments> noReliableImprovement() {
        return Stream.of(
                // name, PHQ-9 measures (day, score…), plan day, now day, flagged, since day
                Arguments.of("six weeks after the start, 16 → 13", measures(0, 16, 14, 14, 28, 13), 7, 49, true, 49),
                Arguments.of("a day before six weeks, two measures", measures(0, 16, 14, 14, 28, 13), 7, 48, false, 0),
                Arguments.of("four measures since the start come before six weeks",
                        measures(0, 16, 14, 15, 21, 14, 28, 14, 35, 13), 7, 36, true, 35),
                Arguments.of("three measures, five weeks: not yet", measures(0, 16, 14, 15, 21, 14, 28, 14), 7, 42,
                        false, 0),
                Arguments.of("a fall of 6 is reliable improvement", measures(0, 16, 14, 12, 49, 10), 7, 50, false, 0),
                Arguments.of("a fall of 5 is not", measures(0, 16, 14, 12, 49, 11), 7, 50, true, 49),
                Arguments.of("an improvement that was lost counts from the measure that lost it",
                        measures(0, 16, 14, 10, 21, 9, 28, 8, 56, 15), 7, 57, true, 56),
                Arguments.of("reliable deterioration is no improvement either", measures(0, 12, 20, 19), 7, 50,
                        true, 49),
                Arguments.of("a baseline below caseness (9) is not judged", measures(0, 9, 14, 9, 28, 9), 7, 60,
                        false, 0),
                Arguments.of("a baseline at caseness (10) is", measures(0, 10, 14, 9, 28, 9), 7, 60, true, 49),
                Arguments.of("the baseline is the last measure at or before the start",
                        measures(0, 8, 7, 16, 21, 15), 7, 50, true, 49),
                Arguments.of("without one before, the first measure after the start",
                        measures(10, 16, 20, 15), 7, 50, true, 49),
                Arguments.of("nothing after the baseline yet", measures(0, 16), 7, 90, false, 0),
                Arguments.of("only measures before the plan", measures(0, 16, 3, 15), 7, 90, false, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noReliableImprovement")
    void noReliableImprovement(String name, List<Measure> phq9, int planDay, int nowDay, boolean flagged,
                               int sinceDay) {
        List<ReviewFlag> flags = judge(PHQ9_NO_IMPROVEMENT, facts(Map.of("phq-9", phq9), List.of(cbt(planDay)),
                List.of()), nowDay);

        if (!flagged) {
            assertThat(flags).isEmpty();
            return;
        }
        assertThat(flags).singleElement().satisfies(flag -> {
            assertThat(flag.ruleId()).isEqualTo("phq-9-no-reliable-improvement");
            assertThat(flag.kind()).isEqualTo("no-reliable-improvement");
            assertThat(flag.instrumentId()).isEqualTo("phq-9");
            assertThat(flag.planInterventionId()).isEqualTo("cbt");
            assertThat(flag.goalId()).isEqualTo("g-cbt-" + planDay);
            assertThat(flag.since()).isEqualTo(day(sinceDay));
        });
    }

    @Test
    void theReasonNamesTheNumbers() {
        List<ReviewFlag> flags = judge(PHQ9_NO_IMPROVEMENT, facts(Map.of("phq-9", measures(0, 16, 14, 14, 28, 13)),
                List.of(cbt(7)), List.of()), 49);

        assertThat(flags.get(0).reason()).isEqualTo("No reliable improvement on PHQ-9 for the Cognitive behavioural"
                + " therapy plan: 16 at baseline (2025-03-03), 13 now (2025-03-31), a change of -3 after 6 weeks and 2"
                + " measures since the plan started on 2025-03-10; reliable improvement needs a fall of 6 or more"
                + " points (review after 6 weeks or 4 measures).");
    }

    @Test
    void withoutTheCasenessConditionALowBaselineIsJudgedToo() {
        NoReliableImprovement everyPlan = new NoReliableImprovement("every-plan", "phq-9", 6, 4, false,
                new ReasonTemplate("{baseline} → {latest}"));

        List<ReviewFlag> flags = judge(everyPlan, facts(Map.of("phq-9", measures(0, 9, 14, 9, 28, 9)),
                List.of(cbt(7)), List.of()), 60);

        assertThat(flags).extracting(ReviewFlag::reason).containsExactly("9 → 9");
    }

    @Test
    void severalGoalsForOneInterventionAreOnePlanFromTheFirst() {
        Plan second = new Plan("g-cbt-second", "cbt", "Cognitive behavioural therapy", day(9));
        Plan mbsr = new Plan("g-mbsr", "mbsr", null, day(8));

        List<ReviewFlag> flags = judge(PHQ9_NO_IMPROVEMENT, facts(Map.of("phq-9", measures(0, 16, 14, 14, 28, 13)),
                List.of(second, cbt(7), mbsr), List.of()), 60);

        assertThat(flags).extracting(ReviewFlag::goalId).containsExactly("g-cbt-7", "g-mbsr");
        // An intervention the catalogue has not named yet is named by its id.
        assertThat(flags.get(1).reason()).contains("for the mbsr plan");
    }

    @Test
    void anInstrumentNeverMeasuredRaisesNothing() {
        assertThat(judge(PHQ9_NO_IMPROVEMENT, facts(Map.of("gad-7", measures(0, 16, 14, 14)), List.of(cbt(7)),
                List.of()), 90)).isEmpty();
    }

    // ---------------------------------------------------------------- reliable deterioration

    static Stream<Arguments> deterioration() {
        return Stream.of(
                // name, instrument, measures, flagged, since day
                Arguments.of("PHQ-9 8 → 14 (rise of 6)", "phq-9", measures(0, 8, 14, 14), true, 14),
                Arguments.of("PHQ-9 8 → 13 (rise of 5)", "phq-9", measures(0, 8, 14, 13), false, 0),
                Arguments.of("GAD-7 5 → 9 (rise of 4)", "gad-7", measures(0, 5, 10, 9), true, 10),
                Arguments.of("since the start of the latest deteriorated run", "phq-9",
                        measures(0, 8, 7, 15, 14, 10, 21, 16, 28, 17), true, 21),
                Arguments.of("WHO-5 60 → 50 (down 10)", "who-5", measures(0, 60, 14, 50), true, 14),
                Arguments.of("WHO-5 60 → 52", "who-5", measures(0, 60, 14, 52), false, 0),
                Arguments.of("K10 rises but is not classified", "k10", measures(0, 15, 14, 40), false, 0),
                Arguments.of("one measure", "phq-9", measures(0, 27), false, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deterioration")
    void reliableDeterioration(String name, String instrumentId, List<Measure> measures, boolean flagged,
                               int sinceDay) {
        List<ReviewFlag> flags = judge(DETERIORATION, facts(Map.of(instrumentId, measures), List.of(), List.of()),
                60);

        if (!flagged) {
            assertThat(flags).isEmpty();
            return;
        }
        assertThat(flags).singleElement().satisfies(flag -> {
            assertThat(flag.ruleId()).isEqualTo("reliable-deterioration");
            assertThat(flag.instrumentId()).isEqualTo(instrumentId);
            assertThat(flag.planInterventionId()).isNull();
            assertThat(flag.since()).isEqualTo(day(sinceDay));
        });
    }

    @Test
    void theDeteriorationReasonNamesScoresAndRule() {
        List<ReviewFlag> flags = judge(DETERIORATION, facts(Map.of("phq-9", measures(0, 8, 14, 14)), List.of(),
                List.of()), 20);

        assertThat(flags.get(0).reason()).isEqualTo("PHQ-9 has reliably deteriorated: 8 on 2025-03-03, 14 on"
                + " 2025-03-17, a change of +6 (NHS Talking Therapies: on PHQ-9 a fall of 6 or more points is reliable"
                + " improvement, a rise of as much reliable deterioration (threshold 6)).");
    }

    // ---------------------------------------------------------------- no check-in

    static Stream<Arguments> noCheckIn() {
        return Stream.of(
                // name, plan days, check-ins (day, kind), now day, flagged, since day, last kind
                Arguments.of("20 days after the last assessment", List.of(0), List.of(checkIn(7, "assessment")), 27,
                        false, 0, null),
                Arguments.of("21 days after the last assessment", List.of(0), List.of(checkIn(7, "assessment")), 28,
                        true, 28, "assessment"),
                Arguments.of("a goal rating is a check-in", List.of(0),
                        List.of(checkIn(7, "assessment"), checkIn(25, "goal rating")), 45, false, 0, null),
                Arguments.of("an attainment rating is a check-in", List.of(0),
                        List.of(checkIn(7, "assessment"), checkIn(25, "attainment rating")), 46, true, 46,
                        "attainment rating"),
                Arguments.of("a newer plan restarts the clock", List.of(0, 20), List.of(checkIn(3, "assessment")),
                        40, false, 0, null),
                Arguments.of("… for three weeks", List.of(0, 20), List.of(checkIn(3, "assessment")), 41, true, 41,
                        "plan start"),
                Arguments.of("no plan, no flag", List.of(), List.of(checkIn(0, "assessment")), 365, false, 0, null));
    }

    static CheckIn checkIn(int day, String kind) {
        return new CheckIn(day(day), kind);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noCheckIn")
    void noCheckIn(String name, List<Integer> planDays, List<CheckIn> checkIns, int nowDay, boolean flagged,
                   int sinceDay, String lastKind) {
        List<Plan> plans = planDays.stream().map(d -> new Plan("g" + d, "i" + d, null, day(d))).toList();

        List<ReviewFlag> flags = judge(NO_CHECK_IN, facts(Map.of(), plans, checkIns), nowDay);

        if (!flagged) {
            assertThat(flags).isEmpty();
            return;
        }
        assertThat(flags).singleElement().satisfies(flag -> {
            assertThat(flag.ruleId()).isEqualTo("no-check-in");
            assertThat(flag.since()).isEqualTo(day(sinceDay));
            assertThat(flag.goalId()).isNull();
            assertThat(flag.reason()).contains("(" + lastKind + ")");
        });
    }

    @Test
    void theCheckInReasonNamesTheWeeks() {
        List<ReviewFlag> flags = judge(NO_CHECK_IN, facts(Map.of(), List.of(cbt(0)),
                List.of(checkIn(7, "assessment"))), 36);

        assertThat(flags.get(0).reason()).isEqualTo("No check-in for 4 weeks: the last check-in (assessment) was on"
                + " 2025-03-10; expected every 3 weeks.");
    }

    // ---------------------------------------------------------------- together

    @Test
    void flagsComeInRuleOrderAndTheSameFactsGiveTheSameFlags() {
        Map<String, List<Measure>> measured = new LinkedHashMap<>();
        measured.put("who-5", measures(0, 60, 14, 40));
        measured.put("phq-9", measures(0, 12, 14, 19));
        ReviewPolicy policy = new ReviewPolicy("test", List.of(NO_CHECK_IN, PHQ9_NO_IMPROVEMENT, DETERIORATION));
        ReviewFacts facts = facts(measured, List.of(cbt(7)), List.of(checkIn(14, "assessment")));

        List<ReviewFlag> flags = policy.evaluate(facts, OutcomeFixtures.MEASURES, day(60));

        assertThat(flags).extracting(ReviewFlag::ruleId).containsExactly("no-check-in",
                "phq-9-no-reliable-improvement", "reliable-deterioration", "reliable-deterioration");
        assertThat(flags.subList(2, 4)).extracting(ReviewFlag::instrumentId).containsExactly("phq-9", "who-5");
        assertThat(policy.evaluate(facts, OutcomeFixtures.MEASURES, day(60))).isEqualTo(flags);
        assertThat(ReviewPolicy.NONE.evaluate(facts, OutcomeFixtures.MEASURES, day(60))).isEmpty();
    }

    @Test
    void aTemplateFillsOnlyWhatItKnows() {
        ReasonTemplate template = new ReasonTemplate("{a} and {b} and {a}");

        assertThat(template.render(Map.of("a", "1"))).isEqualTo("1 and {b} and 1");
        assertThat(ReasonTemplate.placeholdersIn(template.text())).containsExactly("a", "b");
    }
}
