package org.tend.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.tend.contracts.TestData.schema;
import static org.tend.contracts.TestData.types;

/** The schema files, the index, the constants and the examples describe the same set of types. */
class SchemaCatalogueTest {

    @Test
    void theIndexListsEverySchemaFileOnce() {
        assertThat(TestData.indexEntries()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(TestData.schemaFilesOnDisk());
    }

    @Test
    void thereIsAConstantForEveryTypeAndTopic() throws IllegalAccessException {
        List<String> typeConstants = new ArrayList<>();
        for (Field field : EventTypes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getName().matches(".*_V[0-9]+")) {
                typeConstants.add((String) field.get(null));
            }
        }
        assertThat(typeConstants).containsExactlyInAnyOrderElementsOf(types());
        assertThat(EventTypes.ALL).doesNotContainAnyElementsOf(EventTypes.INTERNAL);
        assertThat(java.util.stream.Stream.concat(EventTypes.ALL.stream(), EventTypes.INTERNAL.stream()))
                .containsExactlyInAnyOrderElementsOf(types());
        for (String type : types()) {
            String context = type.split("\\.")[1];
            if (EventTypes.INTERNAL.contains(type)) {
                // An internal topic is never a published event topic, so analytics' "tend.*.events" never holds it.
                assertThat(EventTypes.INTERNAL_TOPICS).contains(EventTypes.topicOf(type));
                assertThat(EventTypes.topicOf(type)).startsWith("tend.").doesNotEndWith(".events");
            } else {
                assertThat(EventTypes.topicOf(type)).isEqualTo("tend." + context + ".events");
                assertThat(EventTypes.sourceOf(type)).contains("/tend/" + context + "-service");
            }
            assertThat(EventTypes.dataschemaOf(type)).isEqualTo("urn:tend:schema:" + type);
        }
        assertThat(EventTypes.topicOf(EventTypes.AUDIT_ENTRY_RECORDED_V1)).isEqualTo("tend.audit.entries");
        assertThat(EventTypes.ASSESSMENT_COMPLETED_V1).isEqualTo("tend.assessment.assessment-completed.v1");
        assertThat(EventTypes.ASSESSMENT_TOPIC).isEqualTo("tend.assessment.events");
        assertThat(EventTypes.deadLettersTopicOf("progress")).isEqualTo(EventTypes.PROGRESS_DEAD_LETTERS_TOPIC);
    }

    @TestFactory
    Stream<DynamicTest> every_type_has_an_example() {
        return types().stream().map(type -> dynamicTest(type, () ->
                assertThat(TestData.example(type).isObject()).isTrue()));
    }

    @TestFactory
    Stream<DynamicTest> every_schema_is_valid_draft_2020_12_with_the_id_of_its_type() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        // The meta-schema ships inside json-schema-validator: no network.
        JsonSchema metaSchema = factory.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        return types().stream().map(type -> dynamicTest(type, () -> {
            JsonNode schema = schema(type);
            assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.path("$id").asText()).isEqualTo("urn:tend:schema:" + type);
            assertThat(schema.path("type").asText()).isEqualTo("object");
            assertThat(metaSchema.validate(schema)).isEmpty();
        }));
    }

    /** additionalProperties false on every object, a description on the schema and on every field and item. */
    @TestFactory
    Stream<DynamicTest> every_schema_is_strict_and_described() {
        return types().stream().map(type -> dynamicTest(type, () -> {
            List<String> problems = new ArrayList<>();
            walk(schema(type), "$", (path, node) -> {
                if (!node.hasNonNull("description") || node.get("description").asText().isBlank()) {
                    problems.add(path + ": no description");
                }
                if ("object".equals(node.path("type").asText())) {
                    if (!node.path("additionalProperties").isBoolean() || node.get("additionalProperties").asBoolean()) {
                        problems.add(path + ": additionalProperties must be false");
                    }
                    for (JsonNode required : node.path("required")) {
                        if (!node.path("properties").has(required.asText())) {
                            problems.add(path + ": required " + required.asText() + " is not a property");
                        }
                    }
                }
                if (node.path("type").asText().equals("string") && !node.has("pattern") && !node.has("enum")
                        && !node.has("maxLength")) {
                    problems.add(path + ": unbounded string (needs a pattern, an enum or a maxLength)");
                }
            });
            assertThat(problems).isEmpty();
        }));
    }

    /** Every field is required, except the ones conventions.md makes optional. */
    @TestFactory
    Stream<DynamicTest> every_field_is_required_unless_known_to_be_optional() {
        Map<String, List<String>> optional = Map.of(
                EventTypes.PARTICIPANT_ENROLLED_V1, List.of("$.cohort.department"),
                EventTypes.GOAL_PROGRESS_RATED_V2, List.of("$.changeFromFirst", "$.changeClassification"),
                EventTypes.PLAN_ADJUSTED_V1, List.of("$.previousLevel", "$.interventionId", "$.replacedInterventionId"),
                EventTypes.PLAN_REVIEWED_V1, List.of("$.episode"),
                EventTypes.AUDIT_ENTRY_RECORDED_V1, List.of("$.participantId", "$.about", "$.about.programmeId",
                        "$.about.measure", "$.about.period", "$.about.cohort"));
        return types().stream().map(type -> dynamicTest(type, () -> {
            List<String> notRequired = new ArrayList<>();
            walk(schema(type), "$", (path, node) -> {
                Iterator<String> names = node.path("properties").fieldNames();
                List<String> required = new ArrayList<>();
                node.path("required").forEach(r -> required.add(r.asText()));
                while (names.hasNext()) {
                    String name = names.next();
                    if (!required.contains(name)) {
                        notRequired.add(path + "." + name);
                    }
                }
            });
            assertThat(notRequired).containsExactlyInAnyOrderElementsOf(optional.getOrDefault(type, List.of()));
        }));
    }

    /** Fields of the same kind are defined alike in every schema (one id format, one time format). */
    @Test
    void fieldsOfTheSameKindShareOneDefinition() {
        String pseudonym = "^p_[a-z2-7]{26}$";
        String uuid = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
        String slug = "^[a-z0-9]+(-[a-z0-9]+)*$";
        String utc = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z$";
        List<String> problems = new ArrayList<>();
        for (String type : types()) {
            walk(schema(type), type + " $", (path, node) -> {
                String field = path.substring(path.lastIndexOf('.') + 1);
                String pattern = node.path("pattern").asText();
                String format = node.path("format").asText();
                if (field.equals("participantId") || field.equals("practitionerId") || field.equals("actorId")) {
                    check(problems, path, pattern.equals(pseudonym) && format.isEmpty());
                } else if (field.equals("interventionId") || field.endsWith("InterventionId") || field.equals("instrumentId")) {
                    check(problems, path, pattern.equals(slug));
                } else if (field.endsWith("Id")) {
                    check(problems, path, pattern.equals(uuid) && format.equals("uuid"));
                } else if (field.endsWith("At")) {
                    check(problems, path, pattern.equals(utc) && format.equals("date-time"));
                } else if (field.equals("setByRole") || field.equals("ratedByRole")) {
                    check(problems, path, node.path("enum").toString().equals("[\"participant\",\"practitioner\",\"admin\"]"));
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    private static void check(List<String> problems, String path, boolean ok) {
        if (!ok) {
            problems.add(path + " differs from the shared definition");
        }
    }

    /** Visits the schema and every sub-schema under properties and items, with a readable path. */
    static void walk(JsonNode schema, String path, BiConsumer<String, JsonNode> visitor) {
        visitor.accept(path, schema);
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            walk(property.getValue(), path + "." + property.getKey(), visitor);
        }
        if (schema.has("items")) {
            walk(schema.get("items"), path + "[]", visitor);
        }
    }
}
