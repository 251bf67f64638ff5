package org.tend.goal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.goal.domain.AttainmentScaleDefined;
import org.tend.goal.domain.GoalAttainmentRated;
import org.tend.goal.domain.GoalClosed;
import org.tend.goal.domain.GoalClosure;
import org.tend.goal.domain.GoalRevised;
import org.tend.goal.domain.GoalProgressRated;
import org.tend.goal.domain.GoalRole;
import org.tend.goal.domain.GoalSet;
import org.tend.plumbing.messaging.IntegrationEvent;
import org.tend.plumbing.messaging.MessagingAutoConfiguration;

class GoalIntegrationEventsTest {

    static final ObjectMapper JSON = MessagingAutoConfiguration.integrationJson();
    static final ContractValidator CONTRACTS = ContractValidator.load();
    static final String ALICE = "p_abcdefghijklmnopqrstuvwxyz";
    static final String GOAL = "0f8fad5b-d9cb-469f-a165-70867728950e";
    static final String SECRET_WORDING = "Talk to my manager about my workload before Friday";

    final GoalIntegrationEvents mapper = new GoalIntegrationEvents();

    @Test
    void aGoalSetIsPublishedWithoutItsDescription() throws Exception {
        List<IntegrationEvent> events = mapper.map(new GoalSet(ALICE, GOAL, "cbt", SECRET_WORDING,
                LocalDate.parse("2025-04-30"), GoalRole.PRACTITIONER, Instant.parse("2025-03-03T09:00:00.123Z")));

        assertThat(events).hasSize(1);
        IntegrationEvent event = events.get(0);
        assertThat(event.type()).isEqualTo(EventTypes.GOAL_SET_V1);
        assertThat(event.key()).isEqualTo(ALICE);
        byte[] data = JSON.writeValueAsBytes(event.data());
        assertThat(JSON.readTree(data).properties()).extracting(e -> e.getKey())
                .containsExactly("goalId", "participantId", "interventionId", "scale", "setByRole", "setAt");
        assertThat(new String(data)).doesNotContain("Talk", "workload", "2025-04-30")
                .contains("\"scale\":\"gbo-0-10\"", "\"setByRole\":\"practitioner\"",
                        "\"setAt\":\"2025-03-03T09:00:00.123Z\"");
        assertThat(CONTRACTS.validate(event.type(), data)).isEmpty();
    }

    @Test
    void aRevisionIsPublishedAsItsVersionNumberWithoutWordingOrTargetDate() throws Exception {
        IntegrationEvent event = mapper.map(new GoalRevised(ALICE, GOAL, 2, SECRET_WORDING,
                LocalDate.parse("2025-05-30"), GoalRole.PARTICIPANT, Instant.parse("2025-03-19T10:00:00Z"))).get(0);

        assertThat(event.type()).isEqualTo(EventTypes.GOAL_REVISED_V1);
        assertThat(event.key()).isEqualTo(ALICE);
        byte[] data = JSON.writeValueAsBytes(event.data());
        assertThat(JSON.readTree(data)).isEqualTo(JSON.readTree("""
                {"goalId":"%s","participantId":"%s","version":2,"revisedByRole":"participant",
                 "revisedAt":"2025-03-19T10:00:00Z"}""".formatted(GOAL, ALICE)));
        assertThat(CONTRACTS.validate(event.type(), data)).isEmpty();
        assertThat(EventTypes.SEALED).contains(EventTypes.GOAL_REVISED_V1, EventTypes.GOAL_CLOSED_V1);
    }

    @Test
    void aClosureIsPublishedWithHowTheGoalEnded() throws Exception {
        for (GoalClosure closure : GoalClosure.values()) {
            IntegrationEvent event = mapper.map(new GoalClosed(ALICE, GOAL, closure, GoalRole.PRACTITIONER,
                    Instant.parse("2025-05-01T10:00:00Z"))).get(0);

            assertThat(event.type()).isEqualTo(EventTypes.GOAL_CLOSED_V1);
            assertThat(event.key()).isEqualTo(ALICE);
            byte[] data = JSON.writeValueAsBytes(event.data());
            assertThat(JSON.readTree(data)).isEqualTo(JSON.readTree("""
                    {"goalId":"%s","participantId":"%s","closure":"%s","closedByRole":"practitioner",
                     "closedAt":"2025-05-01T10:00:00Z"}""".formatted(GOAL, ALICE, closure.code())));
            assertThat(CONTRACTS.validate(event.type(), data)).isEmpty();
        }
    }

    @Test
    void aRatingIsPublishedWithTheGoalsChange() throws Exception {
        List<IntegrationEvent> events = mapper.map(new GoalProgressRated(ALICE, GOAL, 7, GoalRole.PARTICIPANT,
                Instant.parse("2025-03-10T18:30:00Z"), 3, "reliable-improvement"));

        assertThat(events).hasSize(1);
        IntegrationEvent event = events.get(0);
        assertThat(event.type()).isEqualTo(EventTypes.GOAL_PROGRESS_RATED_V2);
        assertThat(event.key()).isEqualTo(ALICE);
        byte[] data = JSON.writeValueAsBytes(event.data());
        assertThat(JSON.readTree(data)).isEqualTo(JSON.readTree("""
                {"goalId":"%s","participantId":"%s","rating":7,"ratedByRole":"participant",
                 "ratedAt":"2025-03-10T18:30:00Z","changeFromFirst":3,
                 "changeClassification":"reliable-improvement"}""".formatted(GOAL, ALICE)));
        assertThat(CONTRACTS.validate(event.type(), data)).isEmpty();
    }

    @Test
    void aFirstRatingIsPublishedWithoutAChange() throws Exception {
        IntegrationEvent event = mapper.map(new GoalProgressRated(ALICE, GOAL, 4, GoalRole.PARTICIPANT,
                Instant.parse("2025-03-03T18:30:00Z"), null, null)).get(0);

        byte[] data = JSON.writeValueAsBytes(event.data());
        assertThat(JSON.readTree(data).has("changeFromFirst")).isFalse();
        assertThat(JSON.readTree(data).has("changeClassification")).isFalse();
        assertThat(CONTRACTS.validate(event.type(), data)).isEmpty();
    }

    @Test
    void anAttainmentScaleIsPublishedWithoutItsLevelDescriptions() throws Exception {
        Map<Integer, String> levels = Map.of(-2, "Never raises workload", -1, "Mentions it once a month",
                0, "Raises workload at every one-to-one", 1, "Agrees a plan with the manager",
                2, "Workload back to contracted hours");
        List<IntegrationEvent> events = mapper.map(new AttainmentScaleDefined(ALICE, GOAL, 3, -2, levels,
                GoalRole.PRACTITIONER, Instant.parse("2025-03-04T09:15:00.5Z")));

        assertThat(events).hasSize(1);
        IntegrationEvent event = events.get(0);
        assertThat(event.type()).isEqualTo(EventTypes.ATTAINMENT_SCALE_DEFINED_V1);
        assertThat(event.key()).isEqualTo(ALICE);
        byte[] data = JSON.writeValueAsBytes(event.data());
        assertThat(JSON.readTree(data)).isEqualTo(JSON.readTree("""
                {"goalId":"%s","participantId":"%s","weight":3,"baselineLevel":-2,
                 "definedAt":"2025-03-04T09:15:00.500Z"}""".formatted(GOAL, ALICE)));
        assertThat(new String(data)).doesNotContain("workload", "Workload", "manager", "one-to-one", "practitioner");
        assertThat(CONTRACTS.validate(event.type(), data)).isEmpty();
    }

    @Test
    void anAttainmentRatingIsPublished() throws Exception {
        List<IntegrationEvent> events = mapper.map(new GoalAttainmentRated(ALICE, GOAL, -1, GoalRole.PRACTITIONER,
                Instant.parse("2025-04-30T16:00:00Z"), 40.0));

        assertThat(events).hasSize(1);
        IntegrationEvent event = events.get(0);
        assertThat(event.type()).isEqualTo(EventTypes.GOAL_ATTAINMENT_RATED_V2);
        assertThat(event.key()).isEqualTo(ALICE);
        byte[] data = JSON.writeValueAsBytes(event.data());
        assertThat(JSON.readTree(data)).isEqualTo(JSON.readTree("""
                {"goalId":"%s","participantId":"%s","level":-1,"ratedByRole":"practitioner",
                 "ratedAt":"2025-04-30T16:00:00Z","gasTScore":40.0}""".formatted(GOAL, ALICE)));
        assertThat(CONTRACTS.validate(event.type(), data)).isEmpty();
    }

    /** v2 requires the T-score; a rating stored before it was recorded keeps its contract as v1. */
    @Test
    void anAttainmentRatingStoredBeforeTheTScoreGoesOutAsV1() throws Exception {
        IntegrationEvent event = mapper.map(new GoalAttainmentRated(ALICE, GOAL, 1, GoalRole.PARTICIPANT,
                Instant.parse("2025-04-30T16:00:00Z"), null)).get(0);

        assertThat(event.type()).isEqualTo(EventTypes.GOAL_ATTAINMENT_RATED_V1);
        byte[] data = JSON.writeValueAsBytes(event.data());
        assertThat(JSON.readTree(data)).isEqualTo(JSON.readTree("""
                {"goalId":"%s","participantId":"%s","level":1,"ratedByRole":"participant",
                 "ratedAt":"2025-04-30T16:00:00Z"}""".formatted(GOAL, ALICE)));
        assertThat(CONTRACTS.validate(event.type(), data)).isEmpty();
    }

    @Test
    void otherEventsAreNotPublished() {
        assertThat(mapper.map("something else")).isEmpty();
    }
}
