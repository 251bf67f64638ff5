package org.tend.goal.domain;

import static org.tend.goal.domain.GoalRejected.Reason.BASELINE_OUT_OF_RANGE;
import static org.tend.goal.domain.GoalRejected.Reason.LEVEL_DESCRIPTION_REQUIRED;
import static org.tend.goal.domain.GoalRejected.Reason.LEVEL_DESCRIPTION_TOO_LONG;
import static org.tend.goal.domain.GoalRejected.Reason.LEVEL_OUT_OF_RANGE;
import static org.tend.goal.domain.GoalRejected.Reason.NO_ATTAINMENT_SCALE;
import static org.tend.goal.domain.GoalRejected.Reason.SCALE_IN_USE;
import static org.tend.goal.domain.GoalRejected.Reason.UNKNOWN_GOAL;
import static org.tend.goal.domain.GoalRejected.Reason.UNKNOWN_LEVEL;
import static org.tend.goal.domain.GoalRejected.Reason.WEIGHT_OUT_OF_RANGE;
import static org.tend.goal.domain.ParticipantGoalsTest.ALICE;
import static org.tend.goal.domain.ParticipantGoalsTest.GOAL_1;
import static org.tend.goal.domain.ParticipantGoalsTest.GOAL_2;
import static org.tend.goal.domain.ParticipantGoalsTest.GOAL_3;
import static org.tend.goal.domain.ParticipantGoalsTest.MONDAY;
import static org.tend.goal.domain.ParticipantGoalsTest.TUESDAY;
import static org.tend.goal.domain.ParticipantGoalsTest.goalSet;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
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

/** Goal Attainment Scaling on a participant's goals, given–when–then. */
class GoalAttainmentScalingTest {

    static final Instant WEDNESDAY = Instant.parse("2025-03-05T09:00:00Z");
    /** Turner-Stokes style levels for "walk at lunchtime", baseline −1 (walks once a week now). */
    static final Map<Integer, String> WALKING = Map.of(
            -2, "No lunchtime walks",
            -1, "One lunchtime walk a week",
            0, "Three lunchtime walks a week",
            1, "Four lunchtime walks a week",
            2, "A lunchtime walk every weekday");

    FixtureConfiguration<ParticipantGoals> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ParticipantGoals.class);
        fixture.registerInjectableResource(GoalScales.CONVENTIONAL);
    }

    static DefineAttainmentScale define(String goalId, Integer weight, int baseline, Map<Integer, String> levels) {
        return new DefineAttainmentScale(ALICE, goalId, weight, baseline, levels, GoalRole.PARTICIPANT, TUESDAY);
    }

    static AttainmentScaleDefined defined(String goalId, int weight, int baseline) {
        return new AttainmentScaleDefined(ALICE, goalId, weight, baseline, WALKING, GoalRole.PARTICIPANT, TUESDAY);
    }

    static RateGoalAttainment rate(String goalId, int level) {
        return new RateGoalAttainment(ALICE, goalId, level, GoalRole.PARTICIPANT, WEDNESDAY);
    }

    /** A rating of the participant's only rated goal: its T-score is 50 + 10 × the level, whatever its weight. */
    static GoalAttainmentRated rated(String goalId, int level) {
        return new GoalAttainmentRated(ALICE, goalId, level, GoalRole.PARTICIPANT, WEDNESDAY, 50.0 + 10 * level);
    }

    static Map<Integer, String> walkingWith(int level, String text) {
        Map<Integer, String> levels = new HashMap<>(WALKING);
        if (text == null) {
            levels.remove(level);
        } else {
            levels.put(level, text);
        }
        return levels;
    }

    static Matcher<Object> rejectedFor(GoalRejected.Reason reason, String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof GoalRejected rejected && rejected.reason() == reason
                        && rejected.field().equals(field);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a goal rejected for " + reason + " on " + field);
            }
        };
    }

    @Nested
    class DefiningAScale {

        @Test
        void aGoalGetsAWeightedScale() {
            fixture.given(goalSet(GOAL_1))
                    .when(define(GOAL_1, 3, -1, WALKING))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(defined(GOAL_1, 3, -1));
        }

        @Test
        void anUnweightedGoalHasWeight1() {
            fixture.given(goalSet(GOAL_1))
                    .when(define(GOAL_1, null, -1, WALKING))
                    .expectEvents(defined(GOAL_1, 1, -1));
        }

        @Test
        void theBaselineMayBeMinus2WhenThingsCannotGetWorse() {
            fixture.given(goalSet(GOAL_1))
                    .when(define(GOAL_1, 1, -2, WALKING))
                    .expectEvents(defined(GOAL_1, 1, -2));
        }

        @Test
        void aPractitionerMayDefineIt() {
            fixture.given(goalSet(GOAL_1))
                    .when(new DefineAttainmentScale(ALICE, GOAL_1, 2, -1, WALKING, GoalRole.PRACTITIONER, TUESDAY))
                    .expectEvents(new AttainmentScaleDefined(ALICE, GOAL_1, 2, -1, WALKING, GoalRole.PRACTITIONER,
                            TUESDAY));
        }

        @Test
        void descriptionsAreTrimmedAndOneOrThreeHundredCharactersAreAccepted() {
            String longest = "x".repeat(300);
            Map<Integer, String> levels = Map.of(-2, "  a ", -1, "b", 0, longest, 1, "\td\n", 2, "e");
            fixture.given(goalSet(GOAL_1))
                    .when(define(GOAL_1, 1, -1, levels))
                    .expectEvents(new AttainmentScaleDefined(ALICE, GOAL_1, 1, -1,
                            Map.of(-2, "a", -1, "b", 0, longest, 1, "d", 2, "e"), GoalRole.PARTICIPANT, TUESDAY));
        }

        @Test
        void beforeAnyAttainmentRatingARedefinitionReplacesTheScale() {
            // A GBO progress rating does not fix the GAS scale.
            fixture.given(goalSet(GOAL_1), defined(GOAL_1, 1, -1),
                            new GoalProgressRated(ALICE, GOAL_1, 4, GoalRole.PARTICIPANT, MONDAY, null, null))
                    .when(define(GOAL_1, 5, -2, WALKING))
                    .expectEvents(defined(GOAL_1, 5, -2));
        }

        @Test
        void afterAnAttainmentRatingTheScaleIsInUse() {
            fixture.given(goalSet(GOAL_1), defined(GOAL_1, 1, -1), rated(GOAL_1, 0))
                    .when(define(GOAL_1, 2, -1, WALKING))
                    .expectNoEvents()
                    .expectException(rejectedFor(SCALE_IN_USE, "goalId"));
        }

        @Test
        void aRatingOnAnotherGoalDoesNotFixThisGoalsScale() {
            fixture.given(goalSet(GOAL_1), goalSet(GOAL_2), defined(GOAL_1, 1, -1), defined(GOAL_2, 1, -1),
                            rated(GOAL_1, 1))
                    .when(define(GOAL_2, 4, -2, WALKING))
                    .expectEvents(defined(GOAL_2, 4, -2));
        }

        @Test
        void aGoalTheParticipantDoesNotHaveIsUnknown() {
            fixture.given(goalSet(GOAL_1))
                    .when(define(GOAL_2, 1, -1, WALKING))
                    .expectNoEvents()
                    .expectException(rejectedFor(UNKNOWN_GOAL, "goalId"));
        }

        @Test
        void aParticipantWithoutGoalsHasNothingToScale() {
            fixture.givenNoPriorActivity()
                    .when(define(GOAL_1, 1, -1, WALKING))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }

        @ParameterizedTest(name = "weight {0} is refused")
        @ValueSource(ints = {0, -1, 11, Integer.MAX_VALUE})
        void aWeightOutside1To10IsRejected(int weight) {
            fixture.given(goalSet(GOAL_1))
                    .when(define(GOAL_1, weight, -1, WALKING))
                    .expectNoEvents()
                    .expectException(rejectedFor(WEIGHT_OUT_OF_RANGE, "weight"));
        }

        @ParameterizedTest(name = "weight {0} is accepted")
        @ValueSource(ints = {1, 10})
        void weights1And10AreAccepted(int weight) {
            fixture.given(goalSet(GOAL_1))
                    .when(define(GOAL_1, weight, -1, WALKING))
                    .expectEvents(defined(GOAL_1, weight, -1));
        }

        @ParameterizedTest(name = "baseline {0} is refused")
        @ValueSource(ints = {-3, 0, 1, 2})
        void aBaselineAtOrAboveTheExpectedOutcomeIsRejected(int baseline) {
            fixture.given(goalSet(GOAL_1))
                    .when(define(GOAL_1, 1, baseline, WALKING))
                    .expectNoEvents()
                    .expectException(rejectedFor(BASELINE_OUT_OF_RANGE, "baselineLevel"));
        }

        @ParameterizedTest(name = "level {0} without a description is refused")
        @ValueSource(ints = {-2, -1, 0, 1, 2})
        void everyOneOfTheFiveLevelsIsRequired(int level) {
            fixture.given(goalSet(GOAL_1))
                    .when(define(GOAL_1, 1, -1, walkingWith(level, null)))
                    .expectNoEvents()
                    .expectException(rejectedFor(LEVEL_DESCRIPTION_REQUIRED, "levels." + level));
            fixture.given(goalSet(GOAL_1))
                    .when(define(GOAL_1, 1, -1, walkingWith(level, "  \n ")))
                    .expectNoEvents()
                    .expectException(rejectedFor(LEVEL_DESCRIPTION_REQUIRED, "levels." + level));
        }

        @Test
        void noLevelsAtAllIsRejected() {
            fixture.given(goalSet(GOAL_1))
                    .when(define(GOAL_1, 1, -1, null))
                    .expectNoEvents()
                    .expectException(rejectedFor(LEVEL_DESCRIPTION_REQUIRED, "levels.-2"));
        }

        @Test
        void aDescriptionOf301CharactersIsRejected() {
            fixture.given(goalSet(GOAL_1))
                    .when(define(GOAL_1, 1, -1, walkingWith(1, "x".repeat(301))))
                    .expectNoEvents()
                    .expectException(rejectedFor(LEVEL_DESCRIPTION_TOO_LONG, "levels.1"));
        }

        @ParameterizedTest(name = "level {0} does not exist in GAS")
        @ValueSource(ints = {-3, 3, 10})
        void aLevelGasDoesNotHaveIsRejected(int level) {
            fixture.given(goalSet(GOAL_1))
                    .when(define(GOAL_1, 1, -1, walkingWith(level, "Deteriorated")))
                    .expectNoEvents()
                    .expectException(rejectedFor(UNKNOWN_LEVEL, "levels." + level));
        }
    }

    @Nested
    class RatingAttainment {

        @ParameterizedTest(name = "level {0} is on the GAS scale")
        @ValueSource(ints = {-2, -1, 0, 1, 2})
        void aLevelFromMinus2ToPlus2IsRecorded(int level) {
            fixture.given(goalSet(GOAL_1), defined(GOAL_1, 1, -1))
                    .when(rate(GOAL_1, level))
                    .expectEvents(rated(GOAL_1, level));
        }

        @ParameterizedTest(name = "level {0} is off the GAS scale")
        @ValueSource(ints = {-3, 3, Integer.MIN_VALUE, Integer.MAX_VALUE})
        void aLevelOutsideMinus2ToPlus2IsRejected(int level) {
            fixture.given(goalSet(GOAL_1), defined(GOAL_1, 1, -1))
                    .when(rate(GOAL_1, level))
                    .expectNoEvents()
                    .expectException(rejectedFor(LEVEL_OUT_OF_RANGE, "level"));
        }

        @Test
        void aGoalWithoutAScaleHasNothingToRateOn() {
            fixture.given(goalSet(GOAL_1), goalSet(GOAL_2), defined(GOAL_2, 1, -1))
                    .when(rate(GOAL_1, 0))
                    .expectNoEvents()
                    .expectException(rejectedFor(NO_ATTAINMENT_SCALE, "goalId"));
        }

        @Test
        void aGoalIsRatedManyTimesByThePractitionerToo() {
            fixture.given(goalSet(GOAL_1), defined(GOAL_1, 1, -1), rated(GOAL_1, -1), rated(GOAL_1, 0))
                    .when(new RateGoalAttainment(ALICE, GOAL_1, 1, GoalRole.PRACTITIONER, WEDNESDAY))
                    .expectEvents(new GoalAttainmentRated(ALICE, GOAL_1, 1, GoalRole.PRACTITIONER, WEDNESDAY, 60.0));
        }

        @Test
        void theTScoreCoversEveryRatedGoalAtItsLatestLevelWithItsWeight() {
            // Goals at (weight 1, level 2), (weight 1, level 1), (weight 1, level 0) once this rating is in: 63.7.
            fixture.given(goalSet(GOAL_1), goalSet(GOAL_2), goalSet(GOAL_3), defined(GOAL_1, 1, -1),
                            defined(GOAL_2, 1, -1), defined(GOAL_3, 1, -1), rated(GOAL_1, -1), rated(GOAL_1, 2),
                            rated(GOAL_2, 1))
                    .when(rate(GOAL_3, 0))
                    .expectEvents(new GoalAttainmentRated(ALICE, GOAL_3, 0, GoalRole.PARTICIPANT, WEDNESDAY, 63.7));
        }

        @Test
        void aRedefinedScaleIsRatedOn() {
            fixture.given(goalSet(GOAL_1), defined(GOAL_1, 1, -1), defined(GOAL_1, 2, -2))
                    .when(rate(GOAL_1, 2))
                    .expectEvents(rated(GOAL_1, 2));
        }

        @Test
        void aGoalTheParticipantDoesNotHaveIsUnknown() {
            fixture.given(goalSet(GOAL_1), defined(GOAL_1, 1, -1))
                    .when(rate(GOAL_2, 0))
                    .expectNoEvents()
                    .expectException(rejectedFor(UNKNOWN_GOAL, "goalId"));
        }

        @Test
        void aParticipantWithoutGoalsHasNothingToRate() {
            fixture.givenNoPriorActivity()
                    .when(rate(GOAL_1, 0))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void gboRatingsAndGasRatingsAreApart() {
            // A GBO rating needs no GAS scale, and a GAS rating is not a GBO rating.
            fixture.given(goalSet(GOAL_1), defined(GOAL_1, 1, -1), rated(GOAL_1, 2))
                    .when(new RateGoalProgress(ALICE, GOAL_1, 7, GoalRole.PARTICIPANT, WEDNESDAY))
                    .expectEvents(new GoalProgressRated(ALICE, GOAL_1, 7, GoalRole.PARTICIPANT, WEDNESDAY, null,
                            null));
        }
    }
}
