package org.tend.progress.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tend.progress.domain.JourneysTest.ALICE;
import static org.tend.progress.domain.JourneysTest.NAMES;
import static org.tend.progress.domain.JourneysTest.PROGRAMME;
import static org.tend.progress.domain.JourneysTest.assessed;
import static org.tend.progress.domain.JourneysTest.day;
import static org.tend.progress.domain.JourneysTest.enrolled;
import static org.tend.progress.domain.JourneysTest.goal;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tend.progress.domain.JourneyEvent.ConsentWithdrawn;
import org.tend.progress.domain.JourneyEvent.GoalClosed;
import org.tend.progress.domain.JourneyEvent.PlanAdjusted;
import org.tend.progress.domain.JourneyEvent.PlanReviewed;
import org.tend.progress.domain.outcome.OutcomeFixtures;
import org.tend.progress.domain.review.ReasonTemplate;
import org.tend.progress.domain.review.ReviewPolicy;
import org.tend.progress.domain.review.ReviewRule;

/** The journey with its care plan: episodes and their outcomes, resolved and overdue flags, what the schedule makes due. */
class CarePlanJourneyTest {

    static final String PAT = "p_pppppppppppppppppppppppppp";
    static final ReviewPolicy DETERIORATION = new ReviewPolicy("test", List.of(
            new ReviewRule.ReliableDeterioration("worse", new ReasonTemplate("{instrument} {first} to {latest}"))));
    static final ReviewPolicy QUIET = new ReviewPolicy("test", List.of(
            new ReviewRule.NoCheckIn("quiet", 3, new ReasonTemplate(
                    "no {lastCheckInKind} since {lastCheckIn}, expected every {weeks} weeks"))));
    static final CareSettings SCHEDULED = new CareSettings(Period.ofDays(14), "default-v1", List.of(
            new CareSettings.ScheduleItem("phq-9", Period.ofDays(14), CareSettings.Applies.PLAN_ACTIVE),
            new CareSettings.ScheduleItem("who-5", Period.ofDays(28), CareSettings.Applies.ENROLLED)));

    static Fact adjusted(String id, int d, int episode, String change, String reason, String level,
                         String intervention, String replaced, String... interventions) {
        return new Fact(id, new PlanAdjusted("adj-" + id, ALICE, episode, change, reason, null, level, intervention,
                replaced, List.of(interventions), PAT, "practitioner", day(d)));
    }

    static Fact reviewed(String id, int d) {
        return new Fact(id, new PlanReviewed("rev-" + id, ALICE, 1, "continue", "participant-preference", PAT,
                "practitioner", day(d)));
    }

    static Journey build(List<Fact> facts, ReviewPolicy policy, CareSettings settings, int today) {
        return Journeys.build(ALICE, facts, NAMES, OutcomeFixtures.MEASURES, policy, settings, day(today),
                TimelineWindow.NEWEST);
    }

    @Test
    void thePlanShowsEachEpisodeWithWhatItsMeasuresDid() {
        List<Fact> facts = List.of(enrolled("e", 0, PROGRAMME), assessed("a1", 0, "phq-9", 16, "moderately-severe"),
                adjusted("p1", 1, 1, "add", "participant-preference", "step-2", "cbt", null, "cbt"),
                assessed("a2", 15, "phq-9", 15, "moderately-severe"), assessed("a3", 29, "phq-9", 14, "moderate"),
                adjusted("p2", 30, 2, "switch", "no-reliable-improvement", "step-2", "mbsr", "cbt", "mbsr"),
                assessed("a4", 44, "phq-9", 8, "mild"));

        Journey journey = build(facts, ReviewPolicy.NONE, CareSettings.DEFAULT, 50);

        Journey.CarePlan plan = journey.plan();
        assertThat(plan.level()).isEqualTo("step-2");
        assertThat(plan.episode()).isEqualTo(2);
        assertThat(plan.interventions()).containsExactly(
                new Journey.PlanIntervention("cbt", NAMES.get("cbt"), day(1), day(30), "ended"),
                new Journey.PlanIntervention("mbsr", NAMES.get("mbsr"), day(30), null, "active"));
        assertThat(plan.episodes()).hasSize(2);
        Journey.Episode first = plan.episodes().get(0);
        assertThat(first.endedAt()).isEqualTo(day(30));
        assertThat(first.outcomes()).containsExactly(new Journey.EpisodeOutcome("phq-9", 16, day(0), 14, day(29), 3,
                -2, "no-reliable-change"));
        Journey.Episode second = plan.episodes().get(1);
        assertThat(second.change()).isEqualTo("switch");
        assertThat(second.reason()).isEqualTo("no-reliable-improvement");
        assertThat(second.outcomes()).containsExactly(new Journey.EpisodeOutcome("phq-9", 14, day(29), 8, day(44), 2,
                -6, "reliable-improvement"));
        // The adjustment sits on the timeline beside the measures.
        assertThat(journey.timeline()).extracting(Journey.TimelineEntry::kind).containsSubsequence(
                "assessment-completed", "plan-adjusted", "assessment-completed", "assessment-completed");
        assertThat(journey.timeline().get(1).details()).containsEntry("change", "switch")
                .containsEntry("replacedInterventionId", "cbt").containsEntry("interventionName", NAMES.get("mbsr"));
    }

    @Test
    void aFlagIsResolvedByAReviewForOneReviewPeriodThenOpenAgainAndThenOverdue() {
        List<Fact> facts = new ArrayList<>(List.of(enrolled("e", 0, PROGRAMME),
                assessed("a1", 0, "phq-9", 5, "mild"), assessed("a2", 10, "phq-9", 14, "moderate")));
        Journey flagged = build(facts, DETERIORATION, CareSettings.DEFAULT, 11);
        assertThat(flagged.review().needsReview()).isTrue();
        assertThat(flagged.review().flags().get(0).since()).isEqualTo(day(10));
        assertThat(flagged.review().flags().get(0).overdueAt()).isEqualTo(day(24));
        assertThat(flagged.review().overdue()).isFalse();

        facts.add(reviewed("r", 12));
        Journey resolved = build(facts, DETERIORATION, CareSettings.DEFAULT, 20);
        assertThat(resolved.review().needsReview()).isFalse();
        assertThat(resolved.review().resolved()).singleElement().satisfies(r -> {
            assertThat(r.flag().ruleId()).isEqualTo("worse");
            assertThat(r.resolution().how()).isEqualTo("reviewed");
            assertThat(r.resolution().by()).isEqualTo(PAT);
            assertThat(r.resolution().reason()).isEqualTo("participant-preference");
            assertThat(r.holdsUntil()).isEqualTo(day(26));
        });

        Journey again = build(facts, DETERIORATION, CareSettings.DEFAULT, 30);
        assertThat(again.review().flags()).singleElement().satisfies(f -> {
            assertThat(f.since()).isEqualTo(day(26));
            assertThat(f.overdue()).isFalse();
        });
        Journey overdue = build(facts, DETERIORATION, CareSettings.DEFAULT, 41);
        assertThat(overdue.review().overdue()).isTrue();
        assertThat(overdue.review().flags().get(0).overdueAt()).isEqualTo(day(40));
    }

    @Test
    void anAdjustmentResolvesAFlagAndTheProgrammesReviewPeriodDecidesWhenItIsOverdue() {
        List<Fact> facts = List.of(enrolled("e", 0, PROGRAMME), assessed("a1", 0, "phq-9", 5, "mild"),
                assessed("a2", 10, "phq-9", 14, "moderate"),
                adjusted("p1", 11, 1, "step-up", "reliable-deterioration", "step-3", null, null));
        Journey journey = build(facts, DETERIORATION, new CareSettings(Period.ofDays(7), null, List.of()), 12);
        assertThat(journey.review().reviewPeriod()).isEqualTo("P7D");
        assertThat(journey.review().resolved()).singleElement().satisfies(r -> {
            assertThat(r.resolution().how()).isEqualTo("adjusted");
            assertThat(r.resolution().change()).isEqualTo("step-up");
            assertThat(r.holdsUntil()).isEqualTo(day(18));
        });
        // Unresolved, the same flag is overdue after 7 days rather than 14.
        Journey unresolved = build(facts.subList(0, 3), DETERIORATION,
                new CareSettings(Period.ofDays(7), null, List.of()), 18);
        assertThat(unresolved.review().overdue()).isTrue();
    }

    @Test
    void theScheduleMakesMeasuresDueWhileTheirConditionHoldsAndNoCheckInReadsIt() {
        List<Fact> facts = List.of(enrolled("e", 0, PROGRAMME),
                adjusted("p1", 1, 1, "add", "other", "step-2", "cbt", null, "cbt"),
                assessed("a1", 5, "phq-9", 12, "moderate"));

        Journey day20 = build(facts, QUIET, SCHEDULED, 20);
        assertThat(day20.due()).extracting(ReassessmentSchedule.Due::measure, ReassessmentSchedule.Due::status,
                        ReassessmentSchedule.Due::dueAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("phq-9", "due", day(19)),
                        org.assertj.core.groups.Tuple.tuple("who-5", "upcoming", day(28)));
        assertThat(day20.review().needsReview()).isFalse();

        Journey day30 = build(facts, QUIET, SCHEDULED, 30);
        assertThat(day30.due().get(0).status()).isEqualTo("overdue");
        assertThat(day30.review().flags()).singleElement().satisfies(flag -> {
            assertThat(flag.ruleId()).isEqualTo("quiet");
            assertThat(flag.since()).isEqualTo(day(26));
            assertThat(flag.reason()).isEqualTo("no phq-9 since 2025-03-06, expected every 2 weeks");
        });

        // Nothing is due for someone who withdrew consent, and a stopped plan makes nothing "while plan-active" due.
        List<Fact> withdrawn = new ArrayList<>(facts);
        withdrawn.add(new Fact("w", new ConsentWithdrawn(ALICE, PROGRAMME, day(6))));
        assertThat(build(withdrawn, QUIET, SCHEDULED, 30).due()).isEmpty();
        List<Fact> stopped = new ArrayList<>(facts);
        stopped.add(adjusted("p2", 6, 2, "stop", "completed", "step-2", "cbt", null));
        assertThat(build(stopped, QUIET, SCHEDULED, 30).due()).extracting(ReassessmentSchedule.Due::measure)
                .containsExactly("who-5");
    }

    @Test
    void aClosedGoalShowsItsEndAndStartsNoPlanToJudge() {
        List<Fact> facts = List.of(enrolled("e", 0, PROGRAMME), goal("g1", 1, "goal-1", "cbt"),
                new Fact("c", new GoalClosed("goal-1", ALICE, "achieved", "participant", day(20))));
        Journey journey = build(facts, QUIET, CareSettings.DEFAULT, 60);
        assertThat(journey.goals()).singleElement().satisfies(g -> {
            assertThat(g.status()).isEqualTo("achieved");
            assertThat(g.closedAt()).isEqualTo(day(20));
        });
        assertThat(journey.review().needsReview()).as("no active plan, nothing to check in on").isFalse();
        assertThat(build(facts.subList(0, 2), QUIET, CareSettings.DEFAULT, 60).review().needsReview()).isTrue();
    }

    @Test
    void aParticipantTakingUpARecommendationResolvesNoFlag() {
        List<Fact> facts = List.of(enrolled("e", 0, PROGRAMME), assessed("a1", 0, "phq-9", 5, "mild"),
                assessed("a2", 10, "phq-9", 14, "moderate"),
                new Fact("t", new PlanAdjusted("adj-t", ALICE, 1, "add", "participant-preference", null, "step-2",
                        "cbt", null, List.of("cbt"), ALICE, "participant", day(11))));
        Journey journey = build(facts, DETERIORATION, CareSettings.DEFAULT, 12);
        assertThat(journey.review().needsReview()).isTrue();
        assertThat(journey.review().resolved()).isEmpty();
    }

    @Test
    void theParticipantsOwnViewNamesTheRoleThatResolvedAFlagNotThePractitioner() {
        List<Fact> facts = List.of(enrolled("e", 0, PROGRAMME), assessed("a1", 0, "phq-9", 5, "mild"),
                assessed("a2", 10, "phq-9", 14, "moderate"), reviewed("r", 12));
        Journey journey = build(facts, DETERIORATION, CareSettings.DEFAULT, 13);
        assertThat(journey.review().resolved().get(0).resolution().by()).isEqualTo(PAT);
        Journey own = journey.forParticipant();
        assertThat(own.review().resolved().get(0).resolution().by()).isNull();
        assertThat(own.review().resolved().get(0).resolution().byRole()).isEqualTo("practitioner");
        assertThat(own.toString()).doesNotContain(PAT);
    }

    @Test
    void aGoalRatingIsDueOnlyWhileThereIsAnActiveGoalAndEitherScaleCounts() {
        CareSettings weekly = new CareSettings(Period.ofDays(14), "v", List.of(new CareSettings.ScheduleItem(
                CareSettings.GOAL_RATING, Period.ofDays(7), CareSettings.Applies.PLAN_ACTIVE)));
        List<Fact> noGoal = List.of(enrolled("e", 0, PROGRAMME),
                adjusted("p1", 1, 1, "add", "other", "step-2", "cbt", null, "cbt"));
        assertThat(build(noGoal, ReviewPolicy.NONE, weekly, 30).due()).as("nothing to rate").isEmpty();

        List<Fact> withGoal = new ArrayList<>(noGoal);
        withGoal.add(goal("g1", 3, "goal-1", "cbt"));
        assertThat(build(withGoal, ReviewPolicy.NONE, weekly, 5).due()).singleElement()
                .satisfies(d -> assertThat(d.dueAt()).as("from the goal's setting").isEqualTo(day(10)));
        withGoal.add(new Fact("gas", new JourneyEvent.GoalAttainmentRated("goal-1", ALICE, 0, "participant", day(9),
                50.0)));
        assertThat(build(withGoal, ReviewPolicy.NONE, weekly, 12).due()).singleElement()
                .satisfies(d -> assertThat(d.dueAt()).as("an attainment rating is a rating").isEqualTo(day(16)));
        withGoal.add(new Fact("c", new GoalClosed("goal-1", ALICE, "achieved", "participant", day(12))));
        assertThat(build(withGoal, ReviewPolicy.NONE, weekly, 30).due()).as("no active goal left").isEmpty();
    }

    @Test
    void aScheduleCountsFromWhenItTookEffectNotFromBeforeIt() {
        CareSettings addedOnDay40 = new CareSettings(Period.ofDays(14), "programme-v2", List.of(
                new CareSettings.ScheduleItem("who-5", Period.ofDays(28), CareSettings.Applies.ENROLLED)), day(40));
        List<Fact> facts = List.of(enrolled("e", 0, PROGRAMME));
        assertThat(build(facts, ReviewPolicy.NONE, addedOnDay40, 41).due()).singleElement().satisfies(d -> {
            assertThat(d.dueAt()).isEqualTo(day(68));
            assertThat(d.status()).isEqualTo("upcoming");
        });
    }

    @Test
    void episodesFollowTheirNumbersEvenWhenTwoAdjustmentsShareAnInstant() {
        List<Fact> facts = List.of(enrolled("e", 0, PROGRAMME),
                new Fact("z-first", new PlanAdjusted("adj-1", ALICE, 1, "add", "other", null, "step-2", "cbt", null,
                        List.of("cbt"), PAT, "practitioner", day(1))),
                new Fact("a-second", new PlanAdjusted("adj-2", ALICE, 2, "stop", "completed", "step-2", "step-2",
                        "cbt", null, List.of(), PAT, "practitioner", day(1))));
        Journey.CarePlan plan = build(facts, ReviewPolicy.NONE, CareSettings.DEFAULT, 2).plan();
        assertThat(plan.episode()).isEqualTo(2);
        assertThat(plan.interventions()).singleElement().satisfies(i -> assertThat(i.status()).isEqualTo("ended"));
    }
}
