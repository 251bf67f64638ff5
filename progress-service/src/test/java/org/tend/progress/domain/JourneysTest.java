package org.tend.progress.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tend.progress.domain.Journey.GoalProgress;
import org.tend.progress.domain.Journey.Rating;
import org.tend.progress.domain.JourneyEvent.AssessmentCompleted;
import org.tend.progress.domain.JourneyEvent.GoalProgressRated;
import org.tend.progress.domain.JourneyEvent.GoalSet;
import org.tend.progress.domain.JourneyEvent.ParticipantEnrolled;
import org.tend.progress.domain.JourneyEvent.Recommended;
import org.tend.progress.domain.JourneyEvent.RecommendationsIssued;
import org.tend.progress.domain.Journey.InstrumentHistory;
import org.tend.progress.domain.JourneyEvent.AttainmentScaleDefined;
import org.tend.progress.domain.JourneyEvent.GoalAttainmentRated;
import org.tend.progress.domain.outcome.OutcomeFixtures;
import org.tend.progress.domain.outcome.OutcomeMeasure;
import org.tend.progress.domain.outcome.OutcomeMeasures;
import org.tend.progress.domain.review.ReasonTemplate;
import org.tend.progress.domain.review.ReviewFlag;
import org.tend.progress.domain.review.ReviewPolicy;
import org.tend.progress.domain.review.ReviewRule;

class JourneysTest {

    static final String ALICE = "p_aaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String PROGRAMME = "0b6c2f4e-1d2a-4c3b-9e8f-7a6b5c4d3e2f";
    static final Map<String, String> NAMES = Map.of("cbt", "Cognitive behavioural therapy", "mbsr", "Mindfulness");

    static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

    static Journey build(List<Fact> events) {
        return Journeys.build(ALICE, events, NAMES, OutcomeFixtures.MEASURES, ReviewPolicy.NONE, NOW);
    }

    static Instant day(int d) {
        return Instant.parse("2025-03-01T09:00:00Z").plusSeconds(86_400L * d);
    }

    static Fact enrolled(String id, int d, String programme) {
        return new Fact(id, new ParticipantEnrolled(ALICE, programme, new Journey.Cohort("finance"), true, day(d)));
    }

    static Fact assessed(String id, int d, String instrument, int score, String band) {
        return new Fact(id, new AssessmentCompleted("as-" + id, ALICE, PROGRAMME, instrument, "1", score,
                new Journey.ScoreRange(0, 27), band, day(d)));
    }

    static Fact recommended(String id, int d, String level, String... interventions) {
        List<Recommended> items = new ArrayList<>();
        for (int i = 0; i < interventions.length; i++) {
            items.add(new Recommended(interventions[i], i + 1, "nice-first-line-for-band"));
        }
        return new Fact(id, new RecommendationsIssued(ALICE, "as-x", "phq-9", "moderate", level, items, day(d)));
    }

    static Fact goal(String id, int d, String goalId, String intervention) {
        return new Fact(id, new GoalSet(goalId, ALICE, intervention, "gbo-0-10", "participant", day(d)));
    }

    /** A rating as an earlier version published it (goal-progress-rated v1: no change carried). */
    static Fact rated(String id, int d, String goalId, int rating) {
        return rated(id, d, goalId, rating, null, null);
    }

    /** A rating as goal-service publishes it: with the goal's change from its first rating, as computed there. */
    static Fact rated(String id, int d, String goalId, int rating, Integer change, String classification) {
        return new Fact(id, new GoalProgressRated(goalId, ALICE, rating, "participant", day(d), change,
                classification));
    }

    static final List<Fact> FULL = List.of(
            rated("e9", 30, "g1", 6),
            goal("e5", 10, "g1", "cbt"),
            assessed("e2", 1, "phq-9", 14, "moderate"),
            rated("e7", 20, "g1", 3),
            enrolled("e1", 0, PROGRAMME),
            recommended("e3", 2, "step-2", "cbt", "mbsr"),
            assessed("e8", 28, "phq-9", 8, "mild"),
            assessed("e4", 3, "gad-7", 11, "moderate"),
            recommended("e10", 29, "step-1-2", "mbsr"));

    @Test
    void theTimelineIsNewestFirstWhateverTheOrderOfTheFacts() {
        Journey journey = build(FULL);

        assertThat(journey.timeline()).extracting(Journey.TimelineEntry::kind).containsExactly(
                "goal-progress-rated", "recommendations-issued", "assessment-completed", "goal-progress-rated",
                "goal-set", "assessment-completed", "recommendations-issued", "assessment-completed", "enrolled");
        assertThat(journey.timeline()).extracting(Journey.TimelineEntry::time)
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(journey.timeline().get(4).details())
                .containsEntry("goalId", "g1").containsEntry("interventionName", "Cognitive behavioural therapy");
        assertThat(journey.timelinePage()).isEqualTo(new Journey.TimelinePage(50, 9, null));
    }

    /** Pages of 4, newest first, each older than the cursor the last one gave: every event once, in order. */
    @Test
    void theTimelineIsPagedByCursorAndTheFiguresAreOverTheWholeJourney() {
        Journey whole = build(FULL);
        List<Journey.TimelineEntry> seen = new ArrayList<>();
        TimelineCursor before = null;
        List<Integer> sizes = new ArrayList<>();
        for (int page = 0; page < 5; page++) {
            Journey journey = Journeys.build(ALICE, FULL, NAMES, OutcomeFixtures.MEASURES, ReviewPolicy.NONE, NOW,
                    new TimelineWindow(4, before));
            seen.addAll(journey.timeline());
            sizes.add(journey.timeline().size());
            assertThat(journey.timelinePage().total()).isEqualTo(9);
            // Everything but the timeline is the same on every page.
            assertThat(journey.assessments()).isEqualTo(whole.assessments());
            assertThat(journey.goals()).isEqualTo(whole.goals());
            assertThat(journey.talkingTherapies()).isEqualTo(whole.talkingTherapies());
            assertThat(journey.review()).isEqualTo(whole.review());
            if (journey.timelinePage().next() == null) {
                break;
            }
            before = TimelineCursor.decode(journey.timelinePage().next()).orElseThrow();
        }
        assertThat(sizes).containsExactly(4, 4, 1);
        assertThat(seen).isEqualTo(whole.timeline());
    }

    /** Events at the same instant are told apart by id: a page boundary between them loses and repeats nothing. */
    @Test
    void aPageBoundaryBetweenEventsOfTheSameInstantLosesNothing() {
        List<Fact> sameDay = List.of(rated("a", 5, "g1", 1), rated("b", 5, "g1", 2), rated("c", 5, "g1", 3),
                goal("g", 1, "g1", "cbt"));
        Journey first = Journeys.build(ALICE, sameDay, NAMES, OutcomeFixtures.MEASURES, ReviewPolicy.NONE, NOW,
                new TimelineWindow(2, null));
        Journey second = Journeys.build(ALICE, sameDay, NAMES, OutcomeFixtures.MEASURES, ReviewPolicy.NONE, NOW,
                new TimelineWindow(2, TimelineCursor.decode(first.timelinePage().next()).orElseThrow()));
        assertThat(first.timeline()).extracting(e -> e.details().get("rating")).containsExactly(3, 2);
        assertThat(second.timeline()).extracting(e -> e.details().get("rating")).containsExactly(1, null);
        assertThat(second.timelinePage().next()).isNull();
    }

    @Test
    void cursorsAreOpaqueAndOnlyTheirOwnDecode() {
        TimelineCursor cursor = new TimelineCursor(day(3), "3f2c8a9e-5b1d-4c7a-9e3f-1a2b3c4d5e6f");
        assertThat(TimelineCursor.decode(cursor.encode())).contains(cursor);
        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
        for (String bad : new String[] {"", "not a cursor!", "bm90LWEtdGltZXxpZA", "MjAyNS0wMS0wMVQwMDowMDowMFp8",
                "x".repeat(401)}) {
            assertThat(TimelineCursor.decode(bad)).as(bad).isEmpty();
        }
    }

    /** However many ratings a goal has, the journey lists the newest 200; its figures are over all of them. */
    @Test
    void resultsAndRatingsListAtMostTheNewestTwoHundred() {
        List<Fact> many = new ArrayList<>(List.of(goal("g", 0, "g1", "cbt"), assessed("a0", 0, "phq-9", 20,
                "severe")));
        for (int i = 1; i <= 250; i++) {
            many.add(rated("r" + i, i, "g1", i % 11));
            many.add(assessed("a" + i, i, "phq-9", 5, "mild"));
        }
        Journey journey = build(many);
        GoalProgress goal = journey.goals().get(0);
        assertThat(goal.ratings()).hasSize(Journeys.HISTORY_LIMIT);
        assertThat(goal.ratings().get(Journeys.HISTORY_LIMIT - 1).time()).isEqualTo(day(250));
        Journey.InstrumentHistory phq9 = journey.assessments().get(0);
        assertThat(phq9.results()).hasSize(Journeys.HISTORY_LIMIT);
        assertThat(phq9.first().totalScore()).isEqualTo(20);
        assertThat(phq9.change()).isEqualTo(-15);
        assertThat(journey.timeline()).hasSize(TimelineWindow.DEFAULT_LIMIT);
        assertThat(journey.timelinePage().total()).isEqualTo(502);
    }

    @Test
    void enrolmentGivesProgrammeDateAndCohort() {
        Journey journey = build(FULL);

        assertThat(journey.participantId()).isEqualTo(ALICE);
        assertThat(journey.programmeId()).isEqualTo(PROGRAMME);
        assertThat(journey.enrolledAt()).isEqualTo(day(0));
        assertThat(journey.cohort()).isEqualTo(new Journey.Cohort("finance"));
    }

    @Test
    void assessmentsAreGroupedPerInstrumentWithFirstAndLatest() {
        Journey journey = build(FULL);

        assertThat(journey.assessments()).extracting(Journey.InstrumentHistory::instrumentId)
                .containsExactly("gad-7", "phq-9");
        Journey.InstrumentHistory phq9 = journey.assessments().get(1);
        assertThat(phq9.results()).extracting(Journey.AssessmentResult::totalScore).containsExactly(14, 8);
        assertThat(phq9.first().band()).isEqualTo("moderate");
        assertThat(phq9.latest().band()).isEqualTo("mild");
        assertThat(phq9.latest().scoreRange()).isEqualTo(new Journey.ScoreRange(0, 27));
        Journey.InstrumentHistory gad7 = journey.assessments().get(0);
        assertThat(gad7.first()).isEqualTo(gad7.latest());
    }

    @Test
    void theLatestRecommendationSetIsShownWithNamesInRankOrder() {
        Journey journey = build(FULL);

        assertThat(journey.recommendations().issuedAt()).isEqualTo(day(29));
        assertThat(journey.recommendations().steppedCareLevel()).isEqualTo("step-1-2");
        assertThat(journey.recommendations().interventions()).containsExactly(
                new Journey.RecommendedIntervention("mbsr", "Mindfulness", 1, "nice-first-line-for-band"));
    }

    /**
     * Goal cases: ratings in time order, the latest rating, and the change from the first as goal-service published
     * it with the latest rating (none after a single rating: it shows where the goal starts).
     */
    static Stream<Arguments> goalCases() {
        return Stream.of(
                Arguments.of("no ratings yet", List.of(goal("a", 1, "g", "cbt")),
                        List.of(), null, null),
                Arguments.of("one rating", List.of(goal("a", 1, "g", "cbt"), rated("b", 2, "g", 4, null, null)),
                        List.of(4), 4, null),
                Arguments.of("improving, stored out of order",
                        List.of(rated("c", 9, "g", 7, 5, null), goal("a", 1, "g", "cbt"),
                                rated("b", 2, "g", 2, null, null)),
                        List.of(2, 7), 7, 5),
                Arguments.of("worsening", List.of(goal("a", 1, "g", "cbt"), rated("b", 2, "g", 6, null, null),
                        rated("c", 3, "g", 5, -1, null), rated("d", 4, "g", 1, -5, null)), List.of(6, 5, 1), 1, -5),
                Arguments.of("two ratings at one instant: ordered by event id",
                        List.of(goal("a", 1, "g", "cbt"), rated("z", 2, "g", 9, 6, null),
                                rated("m", 2, "g", 3, null, null)),
                        List.of(3, 9), 9, 6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goalCases")
    void goalProgress(String name, List<Fact> events, List<Integer> ratings, Integer latest, Integer change) {
        GoalProgress goal = build(events).goals().get(0);

        assertThat(goal.ratings()).extracting(Rating::rating).containsExactlyElementsOf(ratings);
        assertThat(goal.latestRating()).isEqualTo(latest);
        assertThat(goal.changeFromFirst()).isEqualTo(change);
        assertThat(goal.interventionName()).isEqualTo("Cognitive behavioural therapy");
    }

    @Test
    void ratingsThatArriveBeforeTheirGoalAreKeptAndTheGoalComesLast() {
        Journey journey = build(List.of(goal("a", 5, "g2", "mbsr"), rated("b", 3, "g1", 5)));

        assertThat(journey.goals()).extracting(GoalProgress::goalId).containsExactly("g2", "g1");
        GoalProgress early = journey.goals().get(1);
        assertThat(early.interventionId()).isNull();
        assertThat(early.setAt()).isNull();
        assertThat(early.latestRating()).isEqualTo(5);
    }

    @Test
    void anInterventionNotYetInTheCatalogueHasNoName() {
        Journey journey = build(List.of(goal("a", 1, "g", "art-therapy")));

        assertThat(journey.goals().get(0).interventionId()).isEqualTo("art-therapy");
        assertThat(journey.goals().get(0).interventionName()).isNull();
    }

    @Test
    void withoutEnrolmentTheProgrammeComesFromTheLatestAssessment() {
        Journey journey = build(List.of(assessed("a", 1, "phq-9", 3, "minimal")));

        assertThat(journey.programmeId()).isEqualTo(PROGRAMME);
        assertThat(journey.enrolledAt()).isNull();
        assertThat(journey.cohort()).isNull();
    }

    @Test
    void noFactsGiveAnEmptyJourney() {
        Journey journey = build(List.of());

        assertThat(journey.timeline()).isEmpty();
        assertThat(journey.assessments()).isEmpty();
        assertThat(journey.goals()).isEmpty();
        assertThat(journey.recommendations()).isNull();
    }

    @Test
    void programmesComeFromEnrolmentsAndAssessments() {
        String other = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
        assertThat(Journeys.programmesOf(List.of(enrolled("a", 1, other), assessed("b", 2, "phq-9", 1, "minimal"))))
                .containsExactlyInAnyOrder(other, PROGRAMME);
        assertThat(Journeys.programmesOf(List.of(goal("a", 1, "g", "cbt")))).isEmpty();
    }

    /** The same facts in any order give the same journey: what makes a rebuild serve what the live projection did. */
    @Property(tries = 200)
    void theJourneyDoesNotDependOnTheOrderOfTheFacts(@ForAll long seed) {
        List<Fact> shuffled = new ArrayList<>(FULL);
        Collections.shuffle(shuffled, new Random(seed));

        assertThat(build(shuffled)).isEqualTo(build(FULL));
    }

    // ---------------------------------------------------------------- outcomes

    static Fact scaled(String id, int d, String goalId, int weight, int baseline) {
        return new Fact(id, new AttainmentScaleDefined(goalId, ALICE, weight, baseline, day(d)));
    }

    /** An attainment rating as goal-service publishes it: with the participant's T-score after it. */
    static Fact attained(String id, int d, String goalId, int level, double tScore) {
        return new Fact(id, new GoalAttainmentRated(goalId, ALICE, level, "practitioner", day(d), tScore));
    }

    @Test
    void eachInstrumentShowsItsChangeAndWhatItMeans() {
        Journey journey = build(FULL);

        InstrumentHistory phq9 = journey.assessments().get(1);
        assertThat(phq9.change()).isEqualTo(-6);
        assertThat(phq9.direction()).isEqualTo("lower-is-better");
        assertThat(phq9.classification()).isEqualTo("reliable-improvement");
        assertThat(phq9.method()).isEqualTo("nhs-talking-therapies");
        assertThat(phq9.rule()).contains("threshold 6");
        assertThat(phq9.rci()).isNull();
        InstrumentHistory gad7 = journey.assessments().get(0);
        assertThat(gad7.change()).isZero();
        assertThat(gad7.classification()).isEqualTo("not-classified");
        assertThat(gad7.rule()).contains("one measure");
    }

    @Test
    void aJacobsonTruaxInstrumentShowsItsRci() {
        Map<String, OutcomeMeasure> instruments = new LinkedHashMap<>(OutcomeFixtures.MEASURES.instruments());
        instruments.put("phq-9", OutcomeFixtures.PHQ9.using(OutcomeFixtures.PHQ9_JT_TEST_RETEST));
        OutcomeMeasures jt = new OutcomeMeasures("jt", instruments, OutcomeFixtures.MEASURES.talkingTherapies());

        InstrumentHistory phq9 = Journeys.build(ALICE, List.of(assessed("a", 1, "phq-9", 17, "moderately-severe"),
                assessed("b", 30, "phq-9", 10, "moderate")), NAMES, jt, ReviewPolicy.NONE, NOW).assessments().get(0);

        assertThat(phq9.method()).isEqualTo("jacobson-truax");
        assertThat(phq9.rci()).isEqualTo(-2.25);
        assertThat(phq9.classification()).isEqualTo("reliable-improvement");
    }

    @Test
    void anInstrumentWithoutAnOutcomeDefinitionIsShownUnclassified() {
        InstrumentHistory wemwbs = build(List.of(assessed("a", 1, "wemwbs", 40, "none"),
                assessed("b", 9, "wemwbs", 50, "none"))).assessments().get(0);

        assertThat(wemwbs.change()).isEqualTo(10);
        assertThat(wemwbs.classification()).isEqualTo("not-classified");
        assertThat(wemwbs.method()).isEqualTo("none");
        assertThat(wemwbs.direction()).isNull();
    }

    @Test
    void theTalkingTherapiesOutcomeOverPhq9AndGad7() {
        Journey.TalkingTherapies tt = build(List.of(assessed("a", 1, "phq-9", 17, "moderately-severe"),
                assessed("b", 2, "gad-7", 12, "moderate"), assessed("c", 20, "phq-9", 13, "moderate"),
                assessed("d", 21, "gad-7", 8, "mild"), assessed("e", 40, "phq-9", 9, "mild"),
                assessed("f", 41, "gad-7", 5, "mild"))).talkingTherapies();

        assertThat(tt.caseAtFirst()).isTrue();
        assertThat(tt.reliableImprovement()).isTrue();
        assertThat(tt.reliableDeterioration()).isFalse();
        assertThat(tt.recovery()).isEqualTo("met");
        assertThat(tt.reliableRecovery()).isEqualTo("met");
        assertThat(tt.deteriorationExclusion()).isTrue();
        assertThat(tt.measures()).extracting(Journey.TalkingTherapiesMeasure::instrumentId, m -> m.first(),
                        m -> m.latest(), Journey.TalkingTherapiesMeasure::classification)
                .containsExactly(tuple("phq-9", 17, 9, "reliable-improvement"),
                        tuple("gad-7", 12, 5, "reliable-improvement"));
        assertThat(build(List.of(assessed("a", 1, "who-5", 40, "x"))).talkingTherapies()).isNull();
        assertThat(build(FULL).talkingTherapies().recovery()).isEqualTo("not-met");
    }

    static final List<Fact> GAS = List.of(
            goal("x1", 1, "h1", "cbt"), goal("x2", 1, "h2", "cbt"), goal("x3", 1, "h3", "mbsr"),
            goal("x4", 1, "h4", "mbsr"),
            scaled("x5", 2, "h1", 1, -1), scaled("x6", 2, "h2", 1, -1), scaled("x7", 2, "h3", 9, -2),
            // g3's scale is redefined before its first rating: the later one counts.
            scaled("x8", 3, "h3", 1, -1),
            attained("x9", 10, "h1", 0, 50.0), attained("x10", 20, "h1", 2, 70.0), attained("x11", 20, "h2", 1, 68.6),
            attained("x12", 20, "h3", 0, 63.7),
            // g4's scale has not arrived yet: its rating is shown without a weight.
            attained("x13", 21, "h4", -2, 63.7),
            rated("x14", 5, "h1", 2, null, null), rated("x15", 25, "h1", 7, 5, null));

    @Test
    void goalsShowTheirAttainmentAndTheJourneyItsGasTScore() {
        Journey journey = build(GAS);

        // The T-score goal-service published with the latest attainment rating: shown, never recomputed here.
        assertThat(journey.gasTScore()).isEqualTo(63.7);
        assertThat(build(GAS.subList(0, 9)).gasTScore()).isEqualTo(50.0);
        GoalProgress g1 = journey.goals().get(0);
        assertThat(g1.attainment()).isEqualTo(new Journey.Attainment(1, -1, day(2), List.of(
                new Journey.AttainmentRating(0, day(10)), new Journey.AttainmentRating(2, day(20))), 2));
        assertThat(g1.changeFromFirst()).isEqualTo(5);
        assertThat(g1.changeClassification()).isNull();
        assertThat(journey.goals().get(2).attainment().weight()).isEqualTo(1);
        Journey.Attainment g4 = journey.goals().get(3).attainment();
        assertThat(g4.weight()).isNull();
        assertThat(g4.latestLevel()).isEqualTo(-2);
        assertThat(journey.timeline()).extracting(Journey.TimelineEntry::kind)
                .contains("attainment-scale-defined", "goal-attainment-rated");
        assertThat(build(FULL).gasTScore()).isNull();
        assertThat(build(FULL).goals().get(0).attainment()).isNull();
    }

    @Test
    void theGboChangeIsClassifiedAsGoalServicePublishedIt() {
        List<Fact> classified = new ArrayList<>(GAS);
        classified.add(rated("x16", 26, "h1", 8, 6, "reliable-improvement"));

        GoalProgress g1 = build(classified).goals().get(0);

        assertThat(g1.changeFromFirst()).isEqualTo(6);
        assertThat(g1.changeClassification()).isEqualTo("reliable-improvement");
    }

    @Test
    void aWithdrawalShowsOnTheTimelineAndStopsReviewFlagsUntilConsentIsRenewed() {
        ReviewPolicy policy = new ReviewPolicy("test", List.of(new ReviewRule.NoCheckIn("quiet", 3,
                new ReasonTemplate("quiet for {weeksSince} weeks"))));
        List<Fact> events = new ArrayList<>(List.of(enrolled("a", 0, PROGRAMME), goal("b", 1, "g", "cbt"),
                new Fact("c", new JourneyEvent.ConsentWithdrawn(ALICE, PROGRAMME, day(3)))));

        Journey withdrawn = Journeys.build(ALICE, events, NAMES, OutcomeFixtures.MEASURES, policy, day(40));
        assertThat(withdrawn.consent()).isEqualTo(new Journey.Consent("withdrawn", day(3)));
        assertThat(withdrawn.review()).isEqualTo(new Journey.Review(false, List.of()));
        assertThat(withdrawn.timeline().get(0).kind()).isEqualTo("consent-withdrawn");
        assertThat(withdrawn.goals()).hasSize(1); // what was stored stays until erasure

        events.add(new Fact("d", new JourneyEvent.ConsentRenewed(ALICE, PROGRAMME, day(5))));
        Journey renewed = Journeys.build(ALICE, events, NAMES, OutcomeFixtures.MEASURES, policy, day(40));
        assertThat(renewed.consent()).isEqualTo(Journey.Consent.GIVEN);
        assertThat(renewed.review().flags()).extracting(ReviewFlag::ruleId).containsExactly("quiet");
        assertThat(renewed.timeline()).extracting(Journey.TimelineEntry::kind)
                .startsWith("consent-renewed", "consent-withdrawn");
    }

    @Test
    void theReviewBlockListsTheFlagsOfTheRules() {
        ReviewPolicy policy = new ReviewPolicy("test", List.of(new ReviewRule.ReliableDeterioration("worse",
                new ReasonTemplate("{instrument} {first} → {latest}")), new ReviewRule.NoCheckIn("quiet", 3,
                new ReasonTemplate("quiet for {weeksSince} weeks"))));
        List<Fact> events = List.of(goal("a", 1, "g", "cbt"), assessed("b", 2, "phq-9", 8, "mild"),
                assessed("c", 9, "phq-9", 15, "moderately-severe"));

        Journey.Review review = Journeys.build(ALICE, events, NAMES, OutcomeFixtures.MEASURES, policy, day(40))
                .review();

        assertThat(review.needsReview()).isTrue();
        assertThat(review.flags()).extracting(ReviewFlag::ruleId, ReviewFlag::reason).containsExactly(
                tuple("worse", "PHQ-9 8 → 15"), tuple("quiet", "quiet for 4 weeks"));
        Journey.Review early = Journeys.build(ALICE, events, NAMES, OutcomeFixtures.MEASURES, policy, day(20))
                .review();
        assertThat(early.flags()).extracting(ReviewFlag::ruleId).containsExactly("worse");
        assertThat(build(FULL).review()).isEqualTo(new Journey.Review(false, List.of()));
    }

    /** With outcomes, GAS and review flags too: the same facts in any order give the same journey. */
    @Property(tries = 200)
    void theWholeJourneyDoesNotDependOnTheOrderOfTheFacts(@ForAll long seed) {
        List<Fact> all = new ArrayList<>(FULL);
        all.addAll(GAS);
        List<Fact> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(seed));
        ReviewPolicy policy = new ReviewPolicy("test", List.of(new ReviewRule.NoCheckIn("quiet", 3,
                new ReasonTemplate("{weeksSince}")), new ReviewRule.ReliableDeterioration("worse",
                new ReasonTemplate("{change}"))));

        assertThat(Journeys.build(ALICE, shuffled, NAMES, OutcomeFixtures.MEASURES, policy, NOW))
                .isEqualTo(Journeys.build(ALICE, all, NAMES, OutcomeFixtures.MEASURES, policy, NOW));
    }
}
