package org.tend.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.tend.contracts.TestData.VALIDATOR;
import static org.tend.contracts.TestData.example;
import static org.tend.contracts.TestData.schema;
import static org.tend.contracts.TestData.types;

class ContractValidatorTest {

    @Test
    void knowsEveryPublishedTypeAndNothingElse() {
        assertThat(VALIDATOR.knownTypes()).containsExactlyInAnyOrderElementsOf(types());
        assertThat(VALIDATOR.knownTypes()).containsAll(EventTypes.ALL).containsAll(EventTypes.INTERNAL)
                .hasSize(EventTypes.ALL.size() + EventTypes.INTERNAL.size());
        assertThat(EventTypes.ALL).hasSize(23).doesNotContainAnyElementsOf(EventTypes.INTERNAL);
    }

    @TestFactory
    Stream<DynamicTest> the_example_of_every_type_is_valid() {
        return types().stream().map(type -> dynamicTest(type, () -> {
            assertThat(VALIDATOR.validate(type, example(type))).isEmpty();
            byte[] bytes = TestData.JSON.writeValueAsBytes(example(type));
            assertThat(VALIDATOR.validate(type, bytes)).isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> every_type_rejects_an_extra_property() {
        return types().stream().map(type -> dynamicTest(type, () -> {
            ObjectNode data = example(type).put("participantName", "x");
            assertThat(VALIDATOR.validate(type, data))
                    .singleElement().asString().contains("participantName");
        }));
    }

    @TestFactory
    Stream<DynamicTest> every_type_rejects_each_missing_required_field() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String type : types()) {
            JsonNode required = schema(type).get("required");
            assertThat(required).as(type + " required").isNotEmpty();
            for (JsonNode field : required) {
                tests.add(dynamicTest(type + " without " + field.asText(), () -> {
                    ObjectNode data = example(type);
                    data.remove(field.asText());
                    assertThat(VALIDATOR.validate(type, data))
                            .singleElement().asString().contains(field.asText());
                }));
            }
        }
        return tests.stream();
    }

    /** Every top-level id field (participantId, programmeId, interventionId, ...) has a pattern. */
    @TestFactory
    Stream<DynamicTest> every_type_rejects_a_malformed_id() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String type : types()) {
            Iterator<String> fields = example(type).fieldNames();
            while (fields.hasNext()) {
                String field = fields.next();
                if (!field.endsWith("Id")) {
                    continue;
                }
                for (String bad : List.of("Not an id!", "", "p_ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                        "p_abcdefghijklmnopqrstuvwxy1", "3F2C8A9E-5B1D-4C7A-9E3F-1A2B3C4D5E6F", "alice@example.org")) {
                    tests.add(dynamicTest(type + " " + field + "='" + bad + "'", () -> {
                        ObjectNode data = example(type).put(field, bad);
                        assertThat(VALIDATOR.validate(type, data)).isNotEmpty()
                                .allSatisfy(error -> assertThat(error).contains(field));
                    }));
                }
                tests.add(dynamicTest(type + " " + field + " as a number", () -> {
                    ObjectNode data = example(type).put(field, 42);
                    assertThat(VALIDATOR.validate(type, data)).isNotEmpty();
                }));
            }
        }
        return tests.stream();
    }

    /** Every time field is an ISO-8601 UTC string. */
    @TestFactory
    Stream<DynamicTest> every_type_rejects_a_time_that_is_not_utc_iso_8601() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String type : types()) {
            Iterator<String> fields = example(type).fieldNames();
            while (fields.hasNext()) {
                String field = fields.next();
                if (!field.endsWith("At")) {
                    continue;
                }
                for (String bad : List.of("2025-03-04T08:41:27+01:00", "2025-03-04 08:41:27Z", "2025-03-04",
                        "2025-02-30T10:00:00Z", "1741077687", "yesterday")) {
                    tests.add(dynamicTest(type + " " + field + "='" + bad + "'", () -> {
                        ObjectNode data = example(type).put(field, bad);
                        assertThat(VALIDATOR.validate(type, data)).isNotEmpty();
                    }));
                }
                tests.add(dynamicTest(type + " " + field + " with nanoseconds", () -> {
                    ObjectNode data = example(type).put(field, "2025-03-04T08:41:27.123456789Z");
                    assertThat(VALIDATOR.validate(type, data)).isEmpty();
                }));
            }
        }
        return tests.stream();
    }

    /** Rules of the domain, one row per boundary: type, field (JSON pointer), value, valid?. */
    @TestFactory
    Stream<DynamicTest> domain_rules() {
        JsonNodeFactory n = JsonNodeFactory.instance;
        Object[][] rows = {
                {EventTypes.PROGRAMME_CREATED_V1, "/minimumGroupSize", n.numberNode(1), false},
                {EventTypes.PROGRAMME_CREATED_V1, "/minimumGroupSize", n.numberNode(2), true},
                {EventTypes.PROGRAMME_CREATED_V1, "/minimumGroupSize", n.numberNode(100), true},
                {EventTypes.PROGRAMME_CREATED_V1, "/minimumGroupSize", n.numberNode(101), false},
                {EventTypes.PROGRAMME_CREATED_V1, "/minimumGroupSize", n.textNode("6"), false},
                {EventTypes.PARTICIPANT_ENROLLED_V1, "/cohort", n.objectNode(), true},
                {EventTypes.PARTICIPANT_ENROLLED_V1, "/cohort/department", n.textNode("ops-north-2"), true},
                {EventTypes.PARTICIPANT_ENROLLED_V1, "/cohort/department", n.textNode("Finance Team"), false},
                {EventTypes.PARTICIPANT_ENROLLED_V1, "/cohort/department", n.textNode(""), false},
                {EventTypes.PARTICIPANT_ENROLLED_V1, "/cohort/department", n.textNode("a".repeat(41)), false},
                {EventTypes.PARTICIPANT_ENROLLED_V1, "/cohort/team", n.textNode("blue"), false},
                {EventTypes.PARTICIPANT_ENROLLED_V1, "/consentGiven", n.booleanNode(false), true},
                {EventTypes.PARTICIPANT_ENROLLED_V1, "/consentGiven", n.textNode("yes"), false},
                {EventTypes.ASSESSMENT_COMPLETED_V1, "/totalScore", n.numberNode(0), true},
                {EventTypes.ASSESSMENT_COMPLETED_V1, "/totalScore", n.numberNode(-1), false},
                {EventTypes.ASSESSMENT_COMPLETED_V1, "/totalScore", n.numberNode(12.5), false},
                {EventTypes.ASSESSMENT_COMPLETED_V1, "/scoreRange/max", n.textNode("27"), false},
                {EventTypes.ASSESSMENT_COMPLETED_V1, "/scoreRange/items", n.arrayNode(), false},
                {EventTypes.ASSESSMENT_COMPLETED_V1, "/band", n.textNode("moderately-severe"), true},
                {EventTypes.ASSESSMENT_COMPLETED_V1, "/band", n.textNode("Moderately severe"), false},
                {EventTypes.ASSESSMENT_COMPLETED_V1, "/instrumentId", n.textNode("gad-7"), true},
                {EventTypes.ASSESSMENT_COMPLETED_V1, "/instrumentId", n.textNode("PHQ 9"), false},
                {EventTypes.ASSESSMENT_COMPLETED_V1, "/instrumentVersion", n.numberNode(2), true},
                {EventTypes.ASSESSMENT_COMPLETED_V1, "/instrumentVersion", n.textNode("1.2.0"), true},
                {EventTypes.ASSESSMENT_COMPLETED_V1, "/instrumentVersion", n.numberNode(0), false},
                {EventTypes.ASSESSMENT_COMPLETED_V1, "/instrumentVersion", n.textNode("v1"), false},
                {EventTypes.ASSESSMENT_COMPLETED_V1, "/answers", n.arrayNode().add(1).add(3), false},
                {EventTypes.INTERVENTION_PUBLISHED_V1, "/formats", n.arrayNode().add("group"), true},
                {EventTypes.INTERVENTION_PUBLISHED_V1, "/formats", n.arrayNode(), false},
                {EventTypes.INTERVENTION_PUBLISHED_V1, "/formats", n.arrayNode().add("in-person"), false},
                {EventTypes.INTERVENTION_PUBLISHED_V1, "/formats", n.arrayNode().add("group").add("group"), false},
                {EventTypes.INTERVENTION_PUBLISHED_V1, "/name", n.textNode("x".repeat(120)), true},
                {EventTypes.INTERVENTION_PUBLISHED_V1, "/name", n.textNode("x".repeat(121)), false},
                {EventTypes.INTERVENTION_PUBLISHED_V1, "/approach", n.textNode("x".repeat(1001)), false},
                {EventTypes.INTERVENTION_PUBLISHED_V1, "/targets", n.arrayNode().add(""), false},
                {EventTypes.INTERVENTION_PUBLISHED_V1, "/suitableSeverities", n.arrayNode().add("Severe"), false},
                {EventTypes.INTERVENTION_PUBLISHED_V1, "/catalogueVersion", n.numberNode(3), true},
                {EventTypes.RECOMMENDATIONS_ISSUED_V1, "/steppedCareLevel", n.textNode("safety"), true},
                {EventTypes.RECOMMENDATIONS_ISSUED_V1, "/steppedCareLevel", n.textNode("step-5"), false},
                {EventTypes.RECOMMENDATIONS_ISSUED_V1, "/recommendations", n.arrayNode(), true},
                {EventTypes.RECOMMENDATIONS_ISSUED_V1, "/recommendations/0/rank", n.numberNode(0), false},
                {EventTypes.RECOMMENDATIONS_ISSUED_V1, "/recommendations/0/reasonCode", n.textNode("Because it works."), false},
                {EventTypes.RECOMMENDATIONS_ISSUED_V1, "/recommendations/0/explanation", n.textNode("x"), false},
                {EventTypes.GOAL_SET_V1, "/scale", n.textNode("gas-minus-2-plus-2"), false},
                {EventTypes.GOAL_SET_V1, "/setByRole", n.textNode("admin"), true},
                {EventTypes.GOAL_SET_V1, "/setByRole", n.textNode("hr"), false},
                {EventTypes.GOAL_SET_V1, "/text", n.textNode("Sleep better"), false},
                {EventTypes.GOAL_PROGRESS_RATED_V1, "/rating", n.numberNode(0), true},
                {EventTypes.GOAL_PROGRESS_RATED_V1, "/rating", n.numberNode(10), true},
                {EventTypes.GOAL_PROGRESS_RATED_V1, "/rating", n.numberNode(-1), false},
                {EventTypes.GOAL_PROGRESS_RATED_V1, "/rating", n.numberNode(11), false},
                {EventTypes.GOAL_PROGRESS_RATED_V1, "/rating", n.numberNode(4.5), false},
                {EventTypes.GOAL_PROGRESS_RATED_V1, "/ratedByRole", n.textNode("participant"), true},
                {EventTypes.GOAL_PROGRESS_RATED_V1, "/comment", n.textNode("felt better"), false},
                {EventTypes.ATTAINMENT_SCALE_DEFINED_V1, "/weight", n.numberNode(1), true},
                {EventTypes.ATTAINMENT_SCALE_DEFINED_V1, "/weight", n.numberNode(10), true},
                {EventTypes.ATTAINMENT_SCALE_DEFINED_V1, "/weight", n.numberNode(0), false},
                {EventTypes.ATTAINMENT_SCALE_DEFINED_V1, "/weight", n.numberNode(11), false},
                {EventTypes.ATTAINMENT_SCALE_DEFINED_V1, "/weight", n.numberNode(1.5), false},
                {EventTypes.ATTAINMENT_SCALE_DEFINED_V1, "/baselineLevel", n.numberNode(-2), true},
                {EventTypes.ATTAINMENT_SCALE_DEFINED_V1, "/baselineLevel", n.numberNode(-1), true},
                {EventTypes.ATTAINMENT_SCALE_DEFINED_V1, "/baselineLevel", n.numberNode(0), false},
                {EventTypes.ATTAINMENT_SCALE_DEFINED_V1, "/baselineLevel", n.numberNode(-3), false},
                {EventTypes.ATTAINMENT_SCALE_DEFINED_V1, "/baselineLevel", n.textNode("-1"), false},
                {EventTypes.ATTAINMENT_SCALE_DEFINED_V1, "/levels", n.objectNode().put("0", "Walks twice a week"), false},
                {EventTypes.ATTAINMENT_SCALE_DEFINED_V1, "/expectedOutcome", n.textNode("Walks twice a week"), false},
                {EventTypes.GOAL_ATTAINMENT_RATED_V1, "/level", n.numberNode(-2), true},
                {EventTypes.GOAL_ATTAINMENT_RATED_V1, "/level", n.numberNode(0), true},
                {EventTypes.GOAL_ATTAINMENT_RATED_V1, "/level", n.numberNode(2), true},
                {EventTypes.GOAL_ATTAINMENT_RATED_V1, "/level", n.numberNode(-3), false},
                {EventTypes.GOAL_ATTAINMENT_RATED_V1, "/level", n.numberNode(3), false},
                {EventTypes.GOAL_ATTAINMENT_RATED_V1, "/level", n.numberNode(0.5), false},
                {EventTypes.GOAL_ATTAINMENT_RATED_V1, "/level", n.textNode("+1"), false},
                {EventTypes.GOAL_ATTAINMENT_RATED_V1, "/ratedByRole", n.textNode("hr"), false},
                {EventTypes.GOAL_ATTAINMENT_RATED_V1, "/levelDescription", n.textNode("Walks daily"), false},
                {EventTypes.AUDIT_ENTRY_RECORDED_V1, "/action", n.textNode("GET /api/goals"), true},
                {EventTypes.AUDIT_ENTRY_RECORDED_V1, "/action", n.textNode("POST /api/goals/{goalId}/ratings"), true},
                {EventTypes.AUDIT_ENTRY_RECORDED_V1, "/action", n.textNode("GET /api/**"), true},
                {EventTypes.AUDIT_ENTRY_RECORDED_V1, "/action", n.textNode("GET /api/goals?participantId=p_x"), false},
                {EventTypes.AUDIT_ENTRY_RECORDED_V1, "/action", n.textNode("GET /api/journeys/alice smith"), false},
                {EventTypes.AUDIT_ENTRY_RECORDED_V1, "/action", n.textNode("GET /actuator/health"), false},
                {EventTypes.AUDIT_ENTRY_RECORDED_V1, "/action", n.textNode("get /api/goals"), false},
                {EventTypes.AUDIT_ENTRY_RECORDED_V1, "/actorRoles", n.arrayNode().add("hr").add("admin"), true},
                {EventTypes.AUDIT_ENTRY_RECORDED_V1, "/actorRoles", n.arrayNode(), false},
                {EventTypes.AUDIT_ENTRY_RECORDED_V1, "/actorRoles", n.arrayNode().add("superuser"), false},
                {EventTypes.AUDIT_ENTRY_RECORDED_V1, "/actorRoles", n.arrayNode().add("hr").add("hr"), false},
                {EventTypes.AUDIT_ENTRY_RECORDED_V1, "/outcome", n.numberNode(403), true},
                {EventTypes.AUDIT_ENTRY_RECORDED_V1, "/outcome", n.numberNode(99), false},
                {EventTypes.AUDIT_ENTRY_RECORDED_V1, "/outcome", n.numberNode(600), false},
                {EventTypes.AUDIT_ENTRY_RECORDED_V1, "/service", n.textNode("insights-service"), true},
                {EventTypes.AUDIT_ENTRY_RECORDED_V1, "/service", n.textNode("Goal Service"), false},
                {EventTypes.AUDIT_ENTRY_RECORDED_V1, "/service", n.textNode("goal"), false},
                {EventTypes.AUDIT_ENTRY_RECORDED_V1, "/totalScore", n.numberNode(12), false},
        };
        return Stream.of(rows).map(row -> {
            String type = (String) row[0];
            String pointer = (String) row[1];
            JsonNode value = (JsonNode) row[2];
            boolean valid = (Boolean) row[3];
            return dynamicTest(type + " " + pointer + "=" + value + " -> " + (valid ? "valid" : "invalid"), () -> {
                List<String> errors = VALIDATOR.validate(type, set(example(type), pointer, value));
                if (valid) {
                    assertThat(errors).isEmpty();
                } else {
                    assertThat(errors).isNotEmpty();
                }
            });
        });
    }

    @Test
    void anUnknownTypeIsOneError() {
        JsonNode data = example(EventTypes.GOAL_SET_V1);
        assertThat(VALIDATOR.validate("tend.goal.goal-set.v9", data)).containsExactly("unknown event type: tend.goal.goal-set.v9");
        assertThat(VALIDATOR.validate(null, data)).hasSize(1);
        assertThat(VALIDATOR.validate("tend.goal.goal-set.v9", "{}".getBytes(StandardCharsets.UTF_8))).hasSize(1);
    }

    @Test
    void bytesThatAreNotJsonAreOneErrorWithoutTheContent() {
        byte[] broken = "{\"participantId\": \"p_secret\", oops".getBytes(StandardCharsets.UTF_8);
        assertThat(VALIDATOR.validate(EventTypes.GOAL_SET_V1, broken))
                .singleElement().asString().contains("not valid JSON").doesNotContain("secret").doesNotContain("oops");
        assertThat(VALIDATOR.validate(EventTypes.GOAL_SET_V1, new byte[0])).hasSize(1);
        assertThat(VALIDATOR.validate(EventTypes.GOAL_SET_V1, (byte[]) null)).hasSize(1);
        assertThat(VALIDATOR.validate(EventTypes.GOAL_SET_V1, (JsonNode) null)).hasSize(1);
    }

    @Test
    void duplicateKeysAndTrailingContentAreRejected() {
        String valid = example(EventTypes.GOAL_SET_V1).toString();
        String duplicated = valid.replace("{", "{\"scale\":\"gbo-0-10\",");
        assertThat(VALIDATOR.validate(EventTypes.GOAL_SET_V1, duplicated.getBytes(StandardCharsets.UTF_8))).hasSize(1);
        assertThat(VALIDATOR.validate(EventTypes.GOAL_SET_V1, (valid + " {}").getBytes(StandardCharsets.UTF_8))).hasSize(1);
    }

    @Test
    void dataThatIsNotAnObjectIsInvalid() {
        assertThat(VALIDATOR.validate(EventTypes.GOAL_SET_V1, "[]".getBytes(StandardCharsets.UTF_8))).isNotEmpty();
        assertThat(VALIDATOR.validate(EventTypes.GOAL_SET_V1, "null".getBytes(StandardCharsets.UTF_8))).isNotEmpty();
    }

    /** Messages may end up in logs and dead-letter headers: they name field and rule, never the value. */
    @Test
    void errorMessagesNeverEchoTheOffendingValues() {
        Map<String, String> secrets = Map.of(
                "/participantId", "p_alice.smith",
                "/band", "Alice Smith feels awful",
                "/instrumentId", "alice@example.org",
                "/completedAt", "Alice's birthday",
                "/programmeId", "alices-programme");
        ObjectNode data = example(EventTypes.ASSESSMENT_COMPLETED_V1);
        secrets.forEach((pointer, value) -> set(data, pointer, JsonNodeFactory.instance.textNode(value)));
        set(data, "/scoreRange/alice", JsonNodeFactory.instance.textNode("Alice Smith"));
        List<String> errors = VALIDATOR.validate(EventTypes.ASSESSMENT_COMPLETED_V1, data);
        assertThat(errors).hasSizeGreaterThanOrEqualTo(secrets.size());
        assertThat(String.join("\n", errors))
                .doesNotContain("Alice Smith").doesNotContain("alice@").doesNotContain("p_alice").doesNotContain("birthday");
    }

    private static ObjectNode set(ObjectNode root, String pointer, JsonNode value) {
        String[] steps = pointer.substring(1).split("/");
        JsonNode parent = root;
        for (int i = 0; i < steps.length - 1; i++) {
            parent = parent.isArray() ? parent.get(Integer.parseInt(steps[i])) : parent.get(steps[i]);
        }
        String last = steps[steps.length - 1];
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
        return root;
    }
}
