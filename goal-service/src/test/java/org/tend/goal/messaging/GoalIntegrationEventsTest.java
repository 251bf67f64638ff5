package org.tend.goal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
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
    void aRatingIsPublished() throws Exception {
        List<IntegrationEvent> events = mapper.map(new GoalProgressRated(ALICE, GOAL, 7, GoalRole.PARTICIPANT,
                Instant.parse("2025-03-10T18:30:00Z")));

        assertThat(events).hasSize(1);
        IntegrationEvent event = events.get(0);
        assertThat(event.type()).isEqualTo(EventTypes.GOAL_PROGRESS_RATED_V1);
        assertThat(event.key()).isEqualTo(ALICE);
        byte[] data = JSON.writeValueAsBytes(event.data());
        assertThat(JSON.readTree(data)).isEqualTo(JSON.readTree("""
                {"goalId":"%s","participantId":"%s","rating":7,"ratedByRole":"participant",
                 "ratedAt":"2025-03-10T18:30:00Z"}""".formatted(GOAL, ALICE)));
        assertThat(CONTRACTS.validate(event.type(), data)).isEmpty();
    }

    @Test
    void otherEventsAreNotPublished() {
        assertThat(mapper.map("something else")).isEmpty();
    }
}
