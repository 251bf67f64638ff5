package org.tend.catalogue.domain.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tend.catalogue.domain.SteppedCareLevel.SAFETY;
import static org.tend.catalogue.domain.SteppedCareLevel.STEP_2;
import static org.tend.catalogue.domain.SteppedCareLevel.STEP_4;
import static org.tend.catalogue.domain.SteppedCareLevel.UNIVERSAL;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tend.catalogue.domain.SteppedCareLevel;

/** The care plan's rules: where it starts, what each change does, what it refuses, and its episodes. */
class CarePlanTest {

    private static final String ALICE = "p_aaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String PAT = "p_pppppppppppppppppppppppppp";
    private static final Instant AT = Instant.parse("2025-04-02T09:30:00Z");

    private FixtureConfiguration<CarePlan> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CarePlan.class);
    }

    private static AdjustPlan adjust(PlanChange change, String intervention, String replaced, PlanReason reason,
                                     SteppedCareLevel recommended) {
        return new AdjustPlan(CarePlan.idOf(ALICE), ALICE, UUID.randomUUID().toString(), change, intervention,
                replaced, reason, "  talked it through  ", recommended, PAT, PlanRole.PRACTITIONER, AT);
    }

    private static PlanAdjusted adjusted(int episode, String change, String previous, String level,
                                         List<String> interventions) {
        return new PlanAdjusted(ALICE, "adj-" + episode, episode, change, "other", null, previous, level, null, null,
                interventions, PAT, "practitioner", AT.minusSeconds(3600L * episode));
    }

    @Test
    void theFirstAdjustmentStartsAtTheRecommendedLevelAndBeginsEpisodeOne() {
        AdjustPlan add = adjust(PlanChange.ADD, "cbt", null, PlanReason.PARTICIPANT_PREFERENCE, STEP_2);
        fixture.givenNoPriorActivity().when(add)
                .expectEvents(new PlanAdjusted(ALICE, add.adjustmentId(), 1, "add", "participant-preference",
                        "talked it through", null, "step-2", "cbt", null, List.of("cbt"), PAT, "practitioner", AT))
                .expectResultMessagePayloadMatching(org.hamcrest.Matchers.instanceOf(PlanAdjusted.class));
    }

    @Test
    void aSwitchEndsOneInterventionAndBeginsAnotherInANewEpisode() {
        AdjustPlan change = adjust(PlanChange.SWITCH, "mbct", "cbt", PlanReason.NO_RELIABLE_IMPROVEMENT, null);
        fixture.given(adjusted(1, "add", null, "step-2", List.of("cbt", "guided-self-help-cbt")))
                .when(change)
                .expectEvents(new PlanAdjusted(ALICE, change.adjustmentId(), 2, "switch", "no-reliable-improvement",
                        "talked it through", "step-2", "step-2", "mbct", "cbt",
                        List.of("guided-self-help-cbt", "mbct"), PAT, "practitioner", AT));
    }

    @Test
    void stepsMoveOneLevelAndKeepTheInterventions() {
        AdjustPlan up = adjust(PlanChange.STEP_UP, null, null, PlanReason.RELIABLE_DETERIORATION, null);
        fixture.given(adjusted(1, "add", null, "step-2", List.of("cbt")))
                .when(up)
                .expectEvents(new PlanAdjusted(ALICE, up.adjustmentId(), 2, "step-up", "reliable-deterioration",
                        "talked it through", "step-2", "step-3", null, null, List.of("cbt"), PAT, "practitioner",
                        AT));
    }

    @Test
    void aStopEndsTheIntervention() {
        AdjustPlan stop = adjust(PlanChange.STOP, "cbt", null, PlanReason.COMPLETED, null);
        fixture.given(adjusted(1, "add", null, "step-2", List.of("cbt")))
                .when(stop)
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.axonframework.test.matchers.Matchers.predicate(e -> e instanceof PlanAdjusted a
                                        && a.interventions().isEmpty() && a.episode() == 2
                                        && a.change().equals("stop") && a.reason().equals("completed")),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void whatThePlanCannotDoIsRefusedNamingTheFieldAndRule() {
        PlanAdjusted cbt = adjusted(1, "add", null, "step-2", List.of("cbt"));
        refused(List.of(), adjust(PlanChange.ADD, "cbt", null, PlanReason.OTHER, null), "change", "no-level");
        refused(List.of(), adjust(PlanChange.ADD, "cbt", null, PlanReason.OTHER, SAFETY), "change", "no-level");
        refused(List.of(cbt), adjust(PlanChange.ADD, "cbt", null, PlanReason.OTHER, null), "interventionId",
                "already-active");
        refused(List.of(cbt), adjust(PlanChange.STOP, "mbct", null, PlanReason.OTHER, null), "interventionId",
                "not-active");
        refused(List.of(cbt), adjust(PlanChange.SWITCH, "mbct", "art-therapy", PlanReason.OTHER, null),
                "replacedInterventionId", "not-active");
        refused(List.of(cbt), adjust(PlanChange.SWITCH, "mbct", null, PlanReason.OTHER, null),
                "replacedInterventionId", "required");
        refused(List.of(cbt), adjust(PlanChange.SWITCH, "cbt", "cbt", PlanReason.OTHER, null), "interventionId",
                "already-active");
        refused(List.of(cbt), adjust(PlanChange.ADD, null, null, PlanReason.OTHER, null), "interventionId",
                "required");
        refused(List.of(cbt), adjust(PlanChange.STEP_UP, "cbt", null, PlanReason.OTHER, null), "interventionId",
                "not-allowed");
        refused(List.of(adjusted(1, "step-up", "step-3", "step-4", List.of())),
                adjust(PlanChange.STEP_UP, null, null, PlanReason.OTHER, null), "change", "top-step");
        refused(List.of(), adjust(PlanChange.STEP_DOWN, null, null, PlanReason.OTHER, UNIVERSAL), "change",
                "bottom-step");
        refused(List.of(adjusted(1, "add", null, "step-2", List.of("a", "b", "c", "d", "e"))),
                adjust(PlanChange.ADD, "f", null, PlanReason.OTHER, null), "interventionId", "intervention-limit");
        AdjustPlan longNote = new AdjustPlan(CarePlan.idOf(ALICE), ALICE, "x", PlanChange.ADD, "cbt", null,
                PlanReason.OTHER, "n".repeat(CarePlan.MAX_NOTE_LENGTH + 1), STEP_4, PAT, PlanRole.PRACTITIONER, AT);
        refused(List.of(), longNote, "note", "range");
    }

    @Test
    void theSameAdjustmentTwiceIsAppliedOnce() {
        AdjustPlan add = adjust(PlanChange.ADD, "cbt", null, PlanReason.OTHER, STEP_2);
        fixture.given(new PlanAdjusted(ALICE, add.adjustmentId(), 1, "add", "other", null, null, "step-2", "cbt",
                        null, List.of("cbt"), PAT, "practitioner", AT))
                .when(add).expectNoEvents();
    }

    @Test
    void aReviewContinuesThePlanInItsEpisode() {
        ReviewPlan review = new ReviewPlan(CarePlan.idOf(ALICE), ALICE, "r1", PlanReason.PARTICIPANT_PREFERENCE,
                "", PAT, AT);
        fixture.given(adjusted(1, "add", null, "step-2", List.of("cbt")))
                .when(review)
                .expectEvents(new PlanReviewed(ALICE, "r1", 1, "participant-preference", null, PAT, AT));
    }

    private void refused(List<Object> given, AdjustPlan command, String field, String rule) {
        FixtureConfiguration<CarePlan> fresh = new AggregateTestFixture<>(CarePlan.class);
        var result = given.isEmpty() ? fresh.givenNoPriorActivity().when(command) : fresh.given(given).when(command);
        result.expectNoEvents().expectException(PlanRejected.class);
        PlanRejected rejected = rejection(given, command);
        assertThat(rejected.field()).as(command.change() + " " + rule).isEqualTo(field);
        assertThat(rejected.violations().get(0).rule()).isEqualTo(rule);
    }

    /** The rejection itself, from the aggregate rebuilt from the given events. */
    private static PlanRejected rejection(List<Object> given, AdjustPlan command) {
        CarePlan plan = new CarePlan();
        for (Object event : given) {
            plan.on((PlanAdjusted) event);
        }
        try {
            plan.handle(command);
        } catch (PlanRejected e) {
            return e;
        }
        throw new AssertionError("not refused: " + command);
    }
}
