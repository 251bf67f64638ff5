package org.tend.goal.domain;

import static org.tend.goal.domain.GoalRejected.Reason.DESCRIPTION_REQUIRED;
import static org.tend.goal.domain.GoalRejected.Reason.DESCRIPTION_TOO_LONG;
import static org.tend.goal.domain.GoalRejected.Reason.DUPLICATE_GOAL;
import static org.tend.goal.domain.GoalRejected.Reason.GOAL_LIMIT_REACHED;
import static org.tend.goal.domain.GoalRejected.Reason.RATING_OUT_OF_RANGE;
import static org.tend.goal.domain.GoalRejected.Reason.TARGET_DATE_IN_PAST;
import static org.tend.goal.domain.GoalRejected.Reason.UNKNOWN_GOAL;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of a participant's goals, given–when–then. */
class ParticipantGoalsTest {

    static final String ALICE = "p_aaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final Instant MONDAY = Instant.parse("2025-03-03T09:00:00Z");
    static final Instant TUESDAY = Instant.parse("2025-03-04T09:00:00Z");
    static final String GOAL_1 = "11111111-1111-4111-8111-111111111111";
    static final String GOAL_2 = "22222222-2222-4222-8222-222222222222";
    static final String GOAL_3 = "33333333-3333-4333-8333-333333333333";
    static final String GOAL_4 = "44444444-4444-4444-8444-444444444444";
    static final String WALK = "Walk for 20 minutes on three weekday lunchtimes each week until the end of April";

    FixtureConfiguration<ParticipantGoals> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ParticipantGoals.class);
        fixture.registerInjectableResource(GoalScales.CONVENTIONAL);
    }

    static SetGoal setGoal(String goalId, String description) {
        return setGoal(goalId, description, GBO_LIMIT);
    }

    /** GBO's usual limit, the default when a programme has not set its own. */
    static final int GBO_LIMIT = 3;

    static SetGoal setGoal(String goalId, String description, int maxActiveGoals) {
        return new SetGoal(ALICE, goalId, "cbt", description, null, GoalRole.PARTICIPANT, MONDAY, maxActiveGoals);
    }

    static GoalSet goalSet(String goalId) {
        return new GoalSet(ALICE, goalId, "cbt", WALK, null, GoalRole.PARTICIPANT, MONDAY);
    }

    static Matcher<Object> rejectedFor(GoalRejected.Reason reason) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof GoalRejected rejected && rejected.reason() == reason;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a goal rejected for " + reason);
            }
        };
    }

    @Nested
    class SettingAGoal {

        @Test
        void aParticipantsFirstGoalIsSet() {
            fixture.givenNoPriorActivity()
                    .when(setGoal(GOAL_1, WALK))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(goalSet(GOAL_1));
        }

        @Test
        void aPractitionerMaySetAGoalWithATargetDate() {
            LocalDate endOfApril = LocalDate.parse("2025-04-30");
            fixture.givenNoPriorActivity()
                    .when(new SetGoal(ALICE, GOAL_1, "mbsr", WALK, endOfApril, GoalRole.PRACTITIONER, MONDAY,
                            GBO_LIMIT))
                    .expectEvents(new GoalSet(ALICE, GOAL_1, "mbsr", WALK, endOfApril, GoalRole.PRACTITIONER, MONDAY));
        }

        @Test
        void theSecondAndThirdGoalsAreSet() {
            fixture.given(goalSet(GOAL_1))
                    .when(setGoal(GOAL_2, WALK))
                    .expectEvents(goalSet(GOAL_2));
            fixture.given(goalSet(GOAL_1), goalSet(GOAL_2))
                    .when(setGoal(GOAL_3, WALK))
                    .expectEvents(goalSet(GOAL_3));
        }

        @Test
        void aFourthGoalIsRejectedGboAgreesUpToThreeGoals() {
            fixture.given(goalSet(GOAL_1), goalSet(GOAL_2), goalSet(GOAL_3))
                    .when(setGoal(GOAL_4, WALK))
                    .expectNoEvents()
                    .expectException(rejectedFor(GOAL_LIMIT_REACHED));
        }

        @Test
        void ratingsDoNotCountAsGoals() {
            fixture.given(goalSet(GOAL_1), new GoalProgressRated(ALICE, GOAL_1, 3, GoalRole.PARTICIPANT, TUESDAY, null,
                            null), new GoalProgressRated(ALICE, GOAL_1, 4, GoalRole.PARTICIPANT, TUESDAY, 1, null),
                            goalSet(GOAL_2))
                    .when(setGoal(GOAL_3, WALK))
                    .expectEvents(goalSet(GOAL_3));
        }

        @Test
        void theSameGoalIdTwiceIsRejected() {
            fixture.given(goalSet(GOAL_1))
                    .when(setGoal(GOAL_1, WALK))
                    .expectNoEvents()
                    .expectException(rejectedFor(DUPLICATE_GOAL));
        }

        @ParameterizedTest(name = "description \"{0}\" is required")
        @ValueSource(strings = {"", " ", "\n\t "})
        void aBlankDescriptionIsRejected(String description) {
            fixture.givenNoPriorActivity()
                    .when(setGoal(GOAL_1, description))
                    .expectNoEvents()
                    .expectException(rejectedFor(DESCRIPTION_REQUIRED));
        }

        @Test
        void aMissingDescriptionIsRejected() {
            fixture.givenNoPriorActivity()
                    .when(setGoal(GOAL_1, null))
                    .expectException(rejectedFor(DESCRIPTION_REQUIRED));
        }

        @Test
        void descriptionsOfOneAndOf500CharactersAreAcceptedAndTrimmed() {
            fixture.givenNoPriorActivity()
                    .when(setGoal(GOAL_1, "  x  "))
                    .expectEvents(new GoalSet(ALICE, GOAL_1, "cbt", "x", null, GoalRole.PARTICIPANT, MONDAY));
            String longest = "a".repeat(500);
            fixture.givenNoPriorActivity()
                    .when(setGoal(GOAL_1, longest))
                    .expectEvents(new GoalSet(ALICE, GOAL_1, "cbt", longest, null, GoalRole.PARTICIPANT, MONDAY));
        }

        @Test
        void aDescriptionOf501CharactersIsRejected() {
            fixture.givenNoPriorActivity()
                    .when(setGoal(GOAL_1, "a".repeat(501)))
                    .expectNoEvents()
                    .expectException(rejectedFor(DESCRIPTION_TOO_LONG));
        }

        @Test
        void aTargetDateInThePastIsRejectedWithOneDayOfGraceForTimeZones() {
            // MONDAY is 2025-03-03 in UTC: the 2nd is still "today" west of UTC, the 1st is not.
            fixture.givenNoPriorActivity()
                    .when(new SetGoal(ALICE, GOAL_1, "cbt", WALK, LocalDate.parse("2025-03-01"),
                            GoalRole.PARTICIPANT, MONDAY, GBO_LIMIT))
                    .expectNoEvents()
                    .expectException(rejectedFor(TARGET_DATE_IN_PAST));
            fixture.givenNoPriorActivity()
                    .when(new SetGoal(ALICE, GOAL_1, "cbt", WALK, LocalDate.parse("2025-03-02"),
                            GoalRole.PARTICIPANT, MONDAY, GBO_LIMIT))
                    .expectEvents(new GoalSet(ALICE, GOAL_1, "cbt", WALK, LocalDate.parse("2025-03-02"),
                            GoalRole.PARTICIPANT, MONDAY));
        }
    }

    @Nested
    class RatingProgress {

        @ParameterizedTest(name = "rating {0} is on the GBO scale")
        @ValueSource(ints = {0, 1, 5, 9, 10})
        void aRatingFrom0To10IsRecorded(int rating) {
            fixture.given(goalSet(GOAL_1))
                    .when(new RateGoalProgress(ALICE, GOAL_1, rating, GoalRole.PARTICIPANT, TUESDAY))
                    // A first rating shows where the goal starts: no change yet.
                    .expectEvents(new GoalProgressRated(ALICE, GOAL_1, rating, GoalRole.PARTICIPANT, TUESDAY, null,
                            null));
        }

        @ParameterizedTest(name = "rating {0} is off the GBO scale")
        @ValueSource(ints = {-1, 11, Integer.MIN_VALUE, Integer.MAX_VALUE})
        void aRatingOutside0To10IsRejected(int rating) {
            fixture.given(goalSet(GOAL_1))
                    .when(new RateGoalProgress(ALICE, GOAL_1, rating, GoalRole.PARTICIPANT, TUESDAY))
                    .expectNoEvents()
                    .expectException(rejectedFor(RATING_OUT_OF_RANGE));
        }

        @Test
        void aPractitionerMayRateAndAGoalIsRatedManyTimesEachWithItsChangeFromTheFirst() {
            fixture.given(goalSet(GOAL_1), new GoalProgressRated(ALICE, GOAL_1, 2, GoalRole.PARTICIPANT, MONDAY,
                            null, null), new GoalProgressRated(ALICE, GOAL_1, 7, GoalRole.PARTICIPANT, MONDAY, 5, null))
                    .when(new RateGoalProgress(ALICE, GOAL_1, 6, GoalRole.PRACTITIONER, TUESDAY))
                    .expectEvents(new GoalProgressRated(ALICE, GOAL_1, 6, GoalRole.PRACTITIONER, TUESDAY, 4, null));
        }

        @ParameterizedTest(name = "{0} → {1} with a reliable change of 2.45: {2}")
        @org.junit.jupiter.params.provider.CsvSource({"2, 5, reliable-improvement", "2, 4, no-reliable-change",
                "6, 3, reliable-deterioration", "5, 5, no-reliable-change"})
        void theChangeIsClassifiedOnlyWhenAReliableChangeIsSet(int first, int latest, String classification) {
            AggregateTestFixture<ParticipantGoals> classifying = new AggregateTestFixture<>(ParticipantGoals.class);
            classifying.registerInjectableResource(new GoalScales(GasScore.CONVENTIONAL, 2.45));
            classifying.given(goalSet(GOAL_1), new GoalProgressRated(ALICE, GOAL_1, first, GoalRole.PARTICIPANT,
                            MONDAY, null, null))
                    .when(new RateGoalProgress(ALICE, GOAL_1, latest, GoalRole.PARTICIPANT, TUESDAY))
                    .expectEvents(new GoalProgressRated(ALICE, GOAL_1, latest, GoalRole.PARTICIPANT, TUESDAY,
                            latest - first, classification));
        }

        @Test
        void aGoalTheParticipantDoesNotHaveIsRejected() {
            fixture.given(goalSet(GOAL_1))
                    .when(new RateGoalProgress(ALICE, GOAL_2, 5, GoalRole.PARTICIPANT, TUESDAY))
                    .expectNoEvents()
                    .expectException(rejectedFor(UNKNOWN_GOAL));
        }

        @Test
        void aParticipantWithoutGoalsHasNothingToRate() {
            fixture.givenNoPriorActivity()
                    .when(new RateGoalProgress(ALICE, GOAL_1, 5, GoalRole.PARTICIPANT, TUESDAY))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }
    }
}
