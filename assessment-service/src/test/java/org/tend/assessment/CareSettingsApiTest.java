package org.tend.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.testsupport.TestTokens;

/**
 * A programme's care settings: the shipped defaults from creation, changed by an administrator within the rules,
 * each change published as {@code programme-settings-changed} on the programme's key.
 */
class CareSettingsApiTest extends ServiceTestSupport {

    static final ContractValidator CONTRACTS = ContractValidator.load();

    static Map<String, Object> item(String measure, String every, String applies) {
        return Map.of("measure", measure, "every", every, "while", applies);
    }

    @Test
    void aProgrammeStartsWithTheShippedDefaultsAndAnAdministratorChangesThem() {
        String programme = newProgramme();
        String admin = admin();
        String path = "/api/programmes/" + programme + "/care-settings";

        JsonNode defaults = get(path, admin).expect(200).json();
        assertThat(defaults.path("maxActiveGoals").asInt()).isEqualTo(3);
        assertThat(defaults.path("reviewPeriod").asText()).isEqualTo("P14D");
        assertThat(defaults.at("/schedule/version").asText()).isEqualTo("default-v1");
        assertThat(defaults.at("/schedule/items").findValuesAsText("measure"))
                .containsExactly("phq-9", "gad-7", "who-5", "goal-rating");
        assertThat(defaults.at("/schedule/items/0/while").asText()).isEqualTo("plan-active");

        JsonNode changed = put(path, admin, Map.of("maxActiveGoals", 5, "reviewPeriod", "P21D",
                "schedule", Map.of("items", List.of(item("who-5", "P28D", "enrolled"),
                        item("goal-rating", "P7D", "plan-active"))))).expect(200).json();
        assertThat(changed.path("maxActiveGoals").asInt()).isEqualTo(5);
        assertThat(changed.at("/schedule/version").asText()).isEqualTo("programme-v1");
        // Omitting the schedule keeps it.
        JsonNode kept = put(path, admin, Map.of("maxActiveGoals", 4, "reviewPeriod", "P21D")).expect(200).json();
        assertThat(kept.at("/schedule/version").asText()).isEqualTo("programme-v1");
        assertThat(kept.at("/schedule/items").size()).isEqualTo(2);
        assertThat(get(path, admin).expect(200).json()).isEqualTo(kept);

        List<ConsumerRecord<String, byte[]>> records = recordsUntil(r -> programme.equals(r.key())
                && EventTypes.PROGRAMME_SETTINGS_CHANGED_V1.equals(type(r)) && data(r).path("maxActiveGoals").asInt() == 4);
        List<JsonNode> published = records.stream().filter(r -> programme.equals(r.key())
                && EventTypes.PROGRAMME_SETTINGS_CHANGED_V1.equals(type(r))).map(ServiceTestSupport::data).toList();
        assertThat(published).extracting(d -> d.path("maxActiveGoals").asInt()).containsExactly(3, 5, 4);
        for (JsonNode data : published) {
            assertThat(CONTRACTS.validate(EventTypes.PROGRAMME_SETTINGS_CHANGED_V1, data)).isEmpty();
            assertThat(data.has("changedBy")).isFalse();
        }
        assertThat(published.get(0).at("/schedule/items/3/while").asText()).isEqualTo("plan-active");
    }

    @Test
    void badSettingsAreRefusedNamingFieldAndRuleAndNothingIsWritten() {
        String programme = newProgramme();
        String admin = admin();
        String path = "/api/programmes/" + programme + "/care-settings";

        long before = storedEvents();
        put(path, TestTokens.participant(unique("pia")), Map.of("maxActiveGoals", 4, "reviewPeriod", "P14D"))
                .expect(403);
        put(path, admin, Map.of("maxActiveGoals", 6, "reviewPeriod", "P14D"))
                .expectProblem(422, "maxActiveGoals:range");
        put(path, admin, Map.of("maxActiveGoals", 0, "reviewPeriod", "two weeks"))
                .expectProblem(422, "maxActiveGoals:range", "reviewPeriod:iso-8601-days");
        put(path, admin, Map.of("maxActiveGoals", 3, "reviewPeriod", "P0D"))
                .expectProblem(422, "reviewPeriod:range");
        put(path, admin, Map.of("reviewPeriod", "P14D")).expectProblem(422, "maxActiveGoals:required");
        put(path, admin, Map.of("maxActiveGoals", 3, "reviewPeriod", "P14D", "schedule", Map.of("items", List.of(
                item("phq-8", "P14D", "enrolled"), item("who-5", "P1M", "sometimes")))))
                .expectProblem(422, "schedule.items[0].measure:unknown", "schedule.items[1].every:iso-8601-days",
                        "schedule.items[1].while:unknown");
        put(path, admin, Map.of("maxActiveGoals", 3, "reviewPeriod", "P14D", "schedule", Map.of()))
                .expectProblem(400, "schedule.items:required");
        put(path, admin, Map.of("maxActiveGoals", "many", "reviewPeriod", "P14D"))
                .expectProblem(400, "maxActiveGoals:type");
        put("/api/programmes/" + UUID.randomUUID() + "/care-settings", admin,
                Map.of("maxActiveGoals", 3, "reviewPeriod", "P14D")).expect(404);
        assertThat(storedEvents()).isEqualTo(before);

        post("/api/programmes/" + programme + "/closure", admin, Map.of("retention", "P1Y")).expect(200);
        put(path, admin, Map.of("maxActiveGoals", 4, "reviewPeriod", "P14D"))
                .expectProblem(409, "programmeId:programme-closed");
    }
}
