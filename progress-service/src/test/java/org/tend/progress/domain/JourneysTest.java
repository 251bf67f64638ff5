package org.tend.progress.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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

class JourneysTest {

    static final String ALICE = "p_aaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String PROGRAMME = "0b6c2f4e-1d2a-4c3b-9e8f-7a6b5c4d3e2f";
    static final Map<String, String> NAMES = Map.of("cbt", "Cognitive behavioural therapy", "mbsr", "Mindfulness");

    static Instant day(int d) {
        return Instant.parse("2025-03-01T09:00:00Z").plusSeconds(86_400L * d);
    }

    static ParticipantEnrolled enrolled(String id, int d, String programme) {
        return new ParticipantEnrolled(id, day(d), programme, "finance", true);
    }

    static AssessmentCompleted assessed(String id, int d, String instrument, int score, String band) {
        return new AssessmentCompleted(id, day(d), "as-" + id, PROGRAMME, instrument, "1", score, 0, 27, band);
    }

    static RecommendationsIssued recommended(String id, int d, String level, String... interventions) {
        List<Recommended> items = new ArrayList<>();
        for (int i = 0; i < interventions.length; i++) {
            items.add(new Recommended(interventions[i], i + 1, "nice-first-line-for-band"));
        }
        return new RecommendationsIssued(id, day(d), "as-x", "phq-9", "moderate", level, items);
    }

    static GoalSet goal(String id, int d, String goalId, String intervention) {
        return new GoalSet(id, day(d), goalId, intervention, "gbo-0-10", "participant");
    }

    static GoalProgressRated rated(String id, int d, String goalId, int rating) {
        return new GoalProgressRated(id, day(d), goalId, rating, "participant");
    }

    static final List<JourneyEvent> FULL = List.of(
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
    void theTimelineIsInTimeOrderWhateverTheOrderOfTheFacts() {
        Journey journey = Journeys.build(ALICE, FULL, NAMES);

        assertThat(journey.timeline()).extracting(Journey.TimelineEntry::kind).containsExactly(
                "enrolled", "assessment-completed", "recommendations-issued", "assessment-completed", "goal-set",
                "goal-progress-rated", "assessment-completed", "recommendations-issued", "goal-progress-rated");
        assertThat(journey.timeline()).extracting(Journey.TimelineEntry::time).isSorted();
        assertThat(journey.timeline().get(4).details())
                .containsEntry("goalId", "g1").containsEntry("interventionName", "Cognitive behavioural therapy");
    }

    @Test
    void enrolmentGivesProgrammeDateAndCohort() {
        Journey journey = Journeys.build(ALICE, FULL, NAMES);

        assertThat(journey.participantId()).isEqualTo(ALICE);
        assertThat(journey.programmeId()).isEqualTo(PROGRAMME);
        assertThat(journey.enrolledAt()).isEqualTo(day(0));
        assertThat(journey.cohort()).isEqualTo(new Journey.Cohort("finance"));
    }

    @Test
    void assessmentsAreGroupedPerInstrumentWithFirstAndLatest() {
        Journey journey = Journeys.build(ALICE, FULL, NAMES);

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
        Journey journey = Journeys.build(ALICE, FULL, NAMES);

        assertThat(journey.recommendations().issuedAt()).isEqualTo(day(29));
        assertThat(journey.recommendations().steppedCareLevel()).isEqualTo("step-1-2");
        assertThat(journey.recommendations().interventions()).containsExactly(
                new Journey.RecommendedIntervention("mbsr", "Mindfulness", 1, "nice-first-line-for-band"));
    }

    /** Goal cases: ratings in time order, latest rating and change from the first. */
    static Stream<Arguments> goalCases() {
        return Stream.of(
                Arguments.of("no ratings yet", List.of(goal("a", 1, "g", "cbt")),
                        List.of(), null, null),
                Arguments.of("one rating", List.of(goal("a", 1, "g", "cbt"), rated("b", 2, "g", 4)),
                        List.of(4), 4, 0),
                Arguments.of("improving, stored out of order",
                        List.of(rated("c", 9, "g", 7), goal("a", 1, "g", "cbt"), rated("b", 2, "g", 2)),
                        List.of(2, 7), 7, 5),
                Arguments.of("worsening", List.of(goal("a", 1, "g", "cbt"), rated("b", 2, "g", 6),
                        rated("c", 3, "g", 5), rated("d", 4, "g", 1)), List.of(6, 5, 1), 1, -5),
                Arguments.of("two ratings at one instant: ordered by event id",
                        List.of(goal("a", 1, "g", "cbt"), rated("z", 2, "g", 9), rated("m", 2, "g", 3)),
                        List.of(3, 9), 9, 6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goalCases")
    void goalProgress(String name, List<JourneyEvent> events, List<Integer> ratings, Integer latest, Integer change) {
        GoalProgress goal = Journeys.build(ALICE, events, NAMES).goals().get(0);

        assertThat(goal.ratings()).extracting(Rating::rating).containsExactlyElementsOf(ratings);
        assertThat(goal.latestRating()).isEqualTo(latest);
        assertThat(goal.changeFromFirst()).isEqualTo(change);
        assertThat(goal.interventionName()).isEqualTo("Cognitive behavioural therapy");
    }

    @Test
    void ratingsThatArriveBeforeTheirGoalAreKeptAndTheGoalComesLast() {
        Journey journey = Journeys.build(ALICE, List.of(goal("a", 5, "g2", "mbsr"), rated("b", 3, "g1", 5)), NAMES);

        assertThat(journey.goals()).extracting(GoalProgress::goalId).containsExactly("g2", "g1");
        GoalProgress early = journey.goals().get(1);
        assertThat(early.interventionId()).isNull();
        assertThat(early.setAt()).isNull();
        assertThat(early.latestRating()).isEqualTo(5);
    }

    @Test
    void anInterventionNotYetInTheCatalogueHasNoName() {
        Journey journey = Journeys.build(ALICE, List.of(goal("a", 1, "g", "art-therapy")), NAMES);

        assertThat(journey.goals().get(0).interventionId()).isEqualTo("art-therapy");
        assertThat(journey.goals().get(0).interventionName()).isNull();
    }

    @Test
    void withoutEnrolmentTheProgrammeComesFromTheLatestAssessment() {
        Journey journey = Journeys.build(ALICE, List.of(assessed("a", 1, "phq-9", 3, "minimal")), NAMES);

        assertThat(journey.programmeId()).isEqualTo(PROGRAMME);
        assertThat(journey.enrolledAt()).isNull();
        assertThat(journey.cohort()).isNull();
    }

    @Test
    void noFactsGiveAnEmptyJourney() {
        Journey journey = Journeys.build(ALICE, List.of(), NAMES);

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
        List<JourneyEvent> shuffled = new ArrayList<>(FULL);
        Collections.shuffle(shuffled, new Random(seed));

        assertThat(Journeys.build(ALICE, shuffled, NAMES)).isEqualTo(Journeys.build(ALICE, FULL, NAMES));
    }
}
