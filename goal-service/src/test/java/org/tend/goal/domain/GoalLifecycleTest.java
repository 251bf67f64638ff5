package org.tend.goal.domain;

import static org.tend.goal.domain.GoalAttainmentScalingTest.defined;
import static org.tend.goal.domain.GoalAttainmentScalingTest.rate;
import static org.tend.goal.domain.GoalAttainmentScalingTest.rated;
import static org.tend.goal.domain.ParticipantGoalsTest.ALICE;
import static org.tend.goal.domain.ParticipantGoalsTest.GOAL_1;
import static org.tend.goal.domain.ParticipantGoalsTest.GOAL_2;
import static org.tend.goal.domain.ParticipantGoalsTest.GOAL_3;
import static org.tend.goal.domain.ParticipantGoalsTest.GOAL_4;
import static org.tend.goal.domain.ParticipantGoalsTest.TUESDAY;
import static org.tend.goal.domain.ParticipantGoalsTest.WALK;
import static org.tend.goal.domain.ParticipantGoalsTest.goalSet;
import static org.tend.goal.domain.ParticipantGoalsTest.rejectedFor;
import static org.tend.goal.domain.ParticipantGoalsTest.setGoal;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Goals live and end: the limit is the programme's, a goal is revised in versions, and it ends achieved or not. */
class GoalLifecycleTest {

    static final String GOAL_5 = "55555555-5555-4555-8555-555555555555";
    static final String GOAL_6 = "66666666-6666-4666-8666-666666666666";
    static final Instant THURSDAY = Instant.parse("2025-03-06T09:00:00Z");
    static final String SHORTER = "Walk for 20 minutes on two weekday lunchtimes each week";
    static final LocalDate END_OF_MAY = LocalDate.parse("2025-05-31");

    FixtureConfiguration<ParticipantGoals> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ParticipantGoals.class);
        fixture.registerInjectableResource(GoalScales.CONVENTIONAL);
    }

    static GoalClosed closed(String goalId, GoalClosure closure) {
        return new GoalClosed(ALICE, goalId, closure, GoalRole.PARTICIPANT, TUESDAY);
    }

    static ReviseGoal revise(String goalId, String description, LocalDate targetDate) {
        return new ReviseGoal(ALICE, goalId, description, targetDate, GoalRole.PRACTITIONER, THURSDAY);
    }

    @Test
    void aProgrammeAllowingFiveGoalsAllowsAFifthButNotASixth() {
        fixture.given(goalSet(GOAL_1), goalSet(GOAL_2), goalSet(GOAL_3), goalSet(GOAL_4))
                .when(setGoal(GOAL_5, WALK, 5))
                .expectEvents(goalSet(GOAL_5));
        fixture.given(goalSet(GOAL_1), goalSet(GOAL_2), goalSet(GOAL_3), goalSet(GOAL_4), goalSet(GOAL_5))
                .when(setGoal(GOAL_6, WALK, 5))
                .expectNoEvents()
                .expectException(rejectedFor(GoalRejected.Reason.GOAL_LIMIT_REACHED));
    }

    @Test
    void aProgrammeAllowingOneGoalAllowsNoSecond() {
        fixture.given(goalSet(GOAL_1))
                .when(setGoal(GOAL_2, WALK, 1))
                .expectException(rejectedFor(GoalRejected.Reason.GOAL_LIMIT_REACHED));
    }

    @Test
    void closingAGoalFreesItsPlaceButNotItsId() {
        fixture.given(goalSet(GOAL_1), goalSet(GOAL_2), goalSet(GOAL_3), closed(GOAL_2, GoalClosure.ACHIEVED))
                .when(setGoal(GOAL_4, WALK, 3))
                .expectEvents(goalSet(GOAL_4));
        fixture.given(goalSet(GOAL_1), closed(GOAL_1, GoalClosure.NO_LONGER_RELEVANT))
                .when(setGoal(GOAL_1, WALK, 3))
                .expectException(rejectedFor(GoalRejected.Reason.DUPLICATE_GOAL));
    }

    @Test
    void aGoalIsClosedOnceAndClosingItAgainTheSameWayChangesNothing() {
        fixture.given(goalSet(GOAL_1))
                .when(new CloseGoal(ALICE, GOAL_1, GoalClosure.ACHIEVED, GoalRole.PARTICIPANT, TUESDAY))
                .expectEvents(closed(GOAL_1, GoalClosure.ACHIEVED));
        fixture.given(goalSet(GOAL_1), closed(GOAL_1, GoalClosure.ACHIEVED))
                .when(new CloseGoal(ALICE, GOAL_1, GoalClosure.ACHIEVED, GoalRole.PRACTITIONER, THURSDAY))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(goalSet(GOAL_1), closed(GOAL_1, GoalClosure.ACHIEVED))
                .when(new CloseGoal(ALICE, GOAL_1, GoalClosure.NO_LONGER_RELEVANT, GoalRole.PARTICIPANT, THURSDAY))
                .expectNoEvents()
                .expectException(rejectedFor(GoalRejected.Reason.GOAL_CLOSED));
        fixture.given(goalSet(GOAL_1))
                .when(new CloseGoal(ALICE, GOAL_2, GoalClosure.ACHIEVED, GoalRole.PARTICIPANT, TUESDAY))
                .expectException(rejectedFor(GoalRejected.Reason.UNKNOWN_GOAL));
    }

    @Test
    void aClosedGoalTakesNoRatingsNoScaleAndNoRevision() {
        Object[] given = {goalSet(GOAL_1), defined(GOAL_1, 1, -1), closed(GOAL_1, GoalClosure.ACHIEVED)};
        fixture.given(given)
                .when(new RateGoalProgress(ALICE, GOAL_1, 7, GoalRole.PARTICIPANT, THURSDAY))
                .expectNoEvents()
                .expectException(rejectedFor(GoalRejected.Reason.GOAL_CLOSED));
        fixture.given(given)
                .when(rate(GOAL_1, 1))
                .expectException(rejectedFor(GoalRejected.Reason.GOAL_CLOSED));
        fixture.given(given)
                .when(GoalAttainmentScalingTest.define(GOAL_1, 1, -1, GoalAttainmentScalingTest.WALKING))
                .expectException(rejectedFor(GoalRejected.Reason.GOAL_CLOSED));
        fixture.given(given)
                .when(revise(GOAL_1, SHORTER, null))
                .expectNoEvents()
                .expectException(rejectedFor(GoalRejected.Reason.GOAL_CLOSED));
    }

    /** Two goals at (weight 1, level 2) and (weight 1, level 0): 62.4, the closed one counted (alone: 50). */
    @Test
    void theTScoreStillCoversAClosedGoalAtItsLatestLevel() {
        fixture.given(goalSet(GOAL_1), goalSet(GOAL_2), defined(GOAL_1, 1, -1), defined(GOAL_2, 1, -1),
                        rated(GOAL_1, 2), closed(GOAL_1, GoalClosure.ACHIEVED), rated(GOAL_2, 1))
                .when(rate(GOAL_2, 0))
                .expectEvents(new GoalAttainmentRated(ALICE, GOAL_2, 0, GoalRole.PARTICIPANT,
                        GoalAttainmentScalingTest.WEDNESDAY, 62.4));
    }

    @Test
    void aRevisionIsTheGoalsNextVersionUnderTheRulesOfSettingOne() {
        fixture.given(goalSet(GOAL_1))
                .when(revise(GOAL_1, "  " + SHORTER + " ", END_OF_MAY))
                .expectEvents(new GoalRevised(ALICE, GOAL_1, 2, SHORTER, END_OF_MAY, GoalRole.PRACTITIONER,
                        THURSDAY));
        fixture.given(goalSet(GOAL_1), new GoalRevised(ALICE, GOAL_1, 2, SHORTER, END_OF_MAY,
                        GoalRole.PRACTITIONER, THURSDAY))
                .when(revise(GOAL_1, SHORTER, null))
                .expectEvents(new GoalRevised(ALICE, GOAL_1, 3, SHORTER, null, GoalRole.PRACTITIONER, THURSDAY));
        fixture.given(goalSet(GOAL_1))
                .when(revise(GOAL_1, " ", null))
                .expectException(rejectedFor(GoalRejected.Reason.DESCRIPTION_REQUIRED));
        fixture.given(goalSet(GOAL_1))
                .when(revise(GOAL_1, SHORTER, LocalDate.parse("2025-03-04")))
                .expectException(rejectedFor(GoalRejected.Reason.TARGET_DATE_IN_PAST));
        fixture.given(goalSet(GOAL_1))
                .when(revise(GOAL_2, SHORTER, null))
                .expectException(rejectedFor(GoalRejected.Reason.UNKNOWN_GOAL));
    }

    @Test
    void theSameWordingAndDateAgainChangeNothing() {
        fixture.given(goalSet(GOAL_1))
                .when(revise(GOAL_1, WALK, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
