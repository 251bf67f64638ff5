package org.tend.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.tend.contracts.TestData.schema;
import static org.tend.contracts.TestData.types;

/** asyncapi.yaml documents exactly the published types, on the right topics, with the right keys and readers. */
class AsyncApiDocumentTest {

    private static final String DOCUMENT = "tend/contracts/asyncapi.yaml";
    private static JsonNode doc;

    /** The record key of each type: the data field whose value is the key (conventions.md, Topics). */
    private static final Map<String, String> KEY_FIELD = Map.ofEntries(
            Map.entry(EventTypes.PROGRAMME_CREATED_V1, "programmeId"),
            Map.entry(EventTypes.PRACTITIONER_ASSIGNED_V1, "programmeId"),
            Map.entry(EventTypes.PARTICIPANT_ENROLLED_V1, "participantId"),
            Map.entry(EventTypes.STORE_ERASED_V1, "erasureId"),
            Map.entry(EventTypes.ASSESSMENT_COMPLETED_V1, "participantId"),
            Map.entry(EventTypes.PRACTITIONER_UNASSIGNED_V1, "programmeId"),
            Map.entry(EventTypes.CONSENT_WITHDRAWN_V1, "participantId"),
            Map.entry(EventTypes.PARTICIPANT_ERASED_V1, "participantId"),
            Map.entry(EventTypes.CONSENT_RENEWED_V1, "participantId"),
            Map.entry(EventTypes.CARE_HOLD_PLACED_V1, "participantId"),
            Map.entry(EventTypes.CARE_HOLD_RELEASED_V1, "participantId"),
            Map.entry(EventTypes.INTERVENTION_PUBLISHED_V1, "interventionId"),
            Map.entry(EventTypes.RECOMMENDATIONS_ISSUED_V1, "participantId"),
            Map.entry(EventTypes.GOAL_SET_V1, "participantId"),
            Map.entry(EventTypes.GOAL_PROGRESS_RATED_V1, "participantId"),
            Map.entry(EventTypes.ATTAINMENT_SCALE_DEFINED_V1, "participantId"),
            Map.entry(EventTypes.GOAL_ATTAINMENT_RATED_V1, "participantId"),
            Map.entry(EventTypes.GOAL_PROGRESS_RATED_V2, "participantId"),
            Map.entry(EventTypes.GOAL_ATTAINMENT_RATED_V2, "participantId"),
            Map.entry(EventTypes.OUTCOME_ASSESSED_V1, "participantId"),
            Map.entry(EventTypes.PROGRAMME_SETTINGS_CHANGED_V1, "programmeId"),
            Map.entry(EventTypes.PLAN_ADJUSTED_V1, "participantId"),
            Map.entry(EventTypes.PLAN_REVIEWED_V1, "participantId"),
            Map.entry(EventTypes.GOAL_REVISED_V1, "participantId"),
            Map.entry(EventTypes.GOAL_CLOSED_V1, "participantId"),
            Map.entry(EventTypes.REASSESSMENT_DUE_V1, "participantId"),
            Map.entry(EventTypes.SAFETY_ALERTS_OVERDUE_V1, "programmeId"),
            Map.entry(EventTypes.AUDIT_ENTRY_RECORDED_V1, "actorId"));

    private static final long AUDIT_RETENTION_MS = java.time.Duration.ofDays(400).toMillis();
    private static final long CONFIRMATIONS_RETENTION_MS = java.time.Duration.ofDays(30).toMillis();

    @BeforeAll
    static void read() throws IOException {
        doc = new ObjectMapper(new YAMLFactory()).readTree(TestData.resourceText(DOCUMENT));
    }

    @Test
    void isAnAsyncapi3DocumentOnAConfigurableKafkaServer() {
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
        JsonNode server = doc.at("/servers/kafka");
        assertThat(server.path("protocol").asText()).isEqualTo("kafka");
        assertThat(server.path("host").asText()).isEqualTo("{bootstrap}");
        assertThat(server.at("/variables/bootstrap/default").asText()).isEqualTo("localhost:9092");
    }

    @Test
    void everySchemaFileIsReferencedAndEveryReferenceExists() {
        String text = TestData.resourceText(DOCUMENT);
        for (String file : TestData.indexEntries()) {
            assertThat(text).as(file).contains("$ref: './schemas/" + file + "'");
        }
        Set<String> referenced = new TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\./schemas/([^'\"\\s]+)").matcher(text);
        while (m.find()) {
            referenced.add(m.group(1));
        }
        assertThat(referenced).allSatisfy(file -> assertThat(Files.exists(Path.of("schemas", file))).as(file).isTrue());
        assertThat(referenced).containsExactlyInAnyOrderElementsOf(TestData.indexEntries());
    }

    /**
     * Every channel is a topic of three partitions; the published ones keep their records forever, the internal
     * audit topic for the trail's retention. Internal channels, and only they, are marked so.
     */
    @Test
    void everyChannelIsATopicWithThreePartitionsKeptForeverUnlessInternal() {
        Set<String> addresses = new HashSet<>();
        for (JsonNode channel : iterable(doc.path("channels"))) {
            String address = channel.path("address").asText();
            addresses.add(address);
            JsonNode kafka = channel.at("/bindings/kafka");
            assertThat(kafka.path("topic").asText()).as(address).isEqualTo(address);
            assertThat(kafka.path("partitions").asInt()).as(address).isEqualTo(3);
            assertThat(kafka.path("replicas").asInt()).as(address).isPositive();
            boolean internal = EventTypes.INTERNAL_TOPICS.contains(address);
            assertThat(channel.path("x-tend-internal").asBoolean(false)).as(address).isEqualTo(internal);
            assertThat(channel.at("/tags/0/name").asText()).as(address).isEqualTo(internal ? "internal" : "");
            assertThat(kafka.at("/topicConfiguration/retention.ms").asLong()).as(address)
                    .isEqualTo(address.equals(EventTypes.AUDIT_TOPIC) ? AUDIT_RETENTION_MS
                            : address.equals(EventTypes.ERASURE_TOPIC) ? CONFIRMATIONS_RETENTION_MS : -1L);
        }
        assertThat(addresses).containsExactlyInAnyOrder(
                EventTypes.ASSESSMENT_TOPIC, EventTypes.CARE_HOLDS_TOPIC, EventTypes.ALERT_COUNTS_TOPIC,
                EventTypes.CATALOGUE_TOPIC,
                EventTypes.GOAL_TOPIC, EventTypes.PROGRESS_TOPIC, EventTypes.ASSESSMENT_DEAD_LETTERS_TOPIC, EventTypes.CATALOGUE_DEAD_LETTERS_TOPIC,
                EventTypes.GOAL_DEAD_LETTERS_TOPIC, EventTypes.PROGRESS_DEAD_LETTERS_TOPIC, EventTypes.AUDIT_TOPIC,
                EventTypes.ERASURE_TOPIC);
    }

    @TestFactory
    Stream<DynamicTest> every_type_has_a_message_on_its_topic_with_its_headers_payload_and_key() {
        return types().stream().map(type -> dynamicTest(type, () -> {
            Map.Entry<String, JsonNode> message = messageNamed(type);
            JsonNode body = message.getValue();
            assertThat(body.at("/payload/schema/$ref").asText()).isEqualTo("./schemas/" + type + ".json");
            assertThat(body.at("/payload/schemaFormat").asText()).contains("draft-2020-12");
            // Exactly the records about one participant are marked sealed, as the producers seal them, with the media
            // type their values carry.
            assertThat(body.path("x-tend-sealed").asBoolean(false)).as("x-tend-sealed")
                    .isEqualTo(EventTypes.SEALED.contains(type));
            assertThat(body.path("contentType").asText()).isEqualTo(EventTypes.SEALED.contains(type)
                    ? EventTypes.SEALED_CONTENT_TYPE : "application/json");

            JsonNode headers = body.at("/headers/allOf");
            assertThat(headers.get(0).path("$ref").asText()).isEqualTo("#/components/schemas/CloudEventsBinaryHeaders");
            assertThat(headers.get(1).at("/properties/ce_type/const").asText()).isEqualTo(type);
            assertThat(headers.get(1).at("/properties/ce_dataschema/const").asText()).isEqualTo(EventTypes.dataschemaOf(type));
            if (type.equals(EventTypes.STORE_ERASED_V1)) {
                // Every service that holds data about participants confirms; assessment-service reads the confirmations.
                assertThat(headers.get(1).at("/properties/ce_source/enum").toString()).isEqualTo(
                        "[\"/tend/catalogue-service\",\"/tend/goal-service\",\"/tend/progress-service\","
                                + "\"/tend/insights-service\"]");
            } else if (EventTypes.sourceOf(type).isEmpty()) {
                // Written by every service: the source names the one that answered the audited request.
                assertThat(headers.get(1).at("/properties/ce_source/enum").toString()).isEqualTo(
                        "[\"/tend/assessment-service\",\"/tend/catalogue-service\",\"/tend/goal-service\","
                                + "\"/tend/progress-service\"]");
            } else {
                assertThat(headers.get(1).at("/properties/ce_source/const").asText())
                        .isEqualTo("/tend/" + type.split("\\.")[1] + "-service")
                        .isEqualTo(EventTypes.sourceOf(type).orElseThrow());
            }

            // On the channel of its topic.
            String channel = channelOfAddress(EventTypes.topicOf(type));
            assertThat(doc.at("/channels/" + channel + "/messages/" + message.getKey() + "/$ref").asText())
                    .isEqualTo("#/components/messages/" + message.getKey());

            // The key schema is the schema of the data field that is the key.
            JsonNode key = resolve(body.at("/bindings/kafka/key"));
            JsonNode keyField = schema(type).at("/properties/" + KEY_FIELD.get(type));
            assertThat(key.path("type").asText()).isEqualTo("string");
            assertThat(key.path("pattern").asText()).isEqualTo(keyField.path("pattern").asText()).isNotEmpty();
        }));
    }

    @Test
    void theCloudeventsHeadersAreDocumentedAndRequired() {
        JsonNode headers = doc.at("/components/schemas/CloudEventsBinaryHeaders");
        List<String> required = new ArrayList<>();
        headers.path("required").forEach(r -> required.add(r.asText()));
        assertThat(required).contains("ce_id", "ce_source", "ce_specversion", "ce_type", "ce_time", "ce_dataschema");
        for (String header : required) {
            assertThat(headers.at("/properties/" + header + "/description").asText()).as(header).isNotBlank();
        }
        assertThat(headers.at("/properties/ce_specversion/const").asText()).isEqualTo("1.0");
        assertThat(headers.path("properties").has("ce_subject")).isFalse();
    }

    @Test
    void eachProducerSendsItsTypesAndEachConsumerGroupReadsTheAgreedTopics() {
        Map<String, Set<String>> sentTopics = new TreeMap<>();
        Map<String, Set<String>> readTopicsByGroup = new TreeMap<>();
        for (JsonNode operation : iterable(doc.path("operations"))) {
            String address = resolve(operation.path("channel")).path("address").asText();
            // Every message an operation names is a message of its channel.
            for (JsonNode ref : operation.path("messages")) {
                assertThat(resolve(ref).isMissingNode()).as(ref.toString()).isFalse();
                assertThat(ref.path("$ref").asText()).startsWith(operation.at("/channel/$ref").asText() + "/messages/");
            }
            String service = operation.at("/tags/0/name").asText();
            if (operation.path("action").asText().equals("send")) {
                sentTopics.computeIfAbsent(service, s -> new TreeSet<>()).add(address);
            } else {
                assertThat(operation.path("action").asText()).isEqualTo("receive");
                JsonNode groupIds = operation.at("/bindings/kafka/groupId/enum");
                if (groupIds.isMissingNode()) {
                    // A reader outside any group (it assigns itself every partition and commits nothing).
                    readTopicsByGroup.computeIfAbsent("no group: " + service, g -> new TreeSet<>()).add(address);
                    continue;
                }
                assertThat(groupIds.size()).isEqualTo(1);
                readTopicsByGroup.computeIfAbsent(groupIds.get(0).asText(), g -> new TreeSet<>()).add(address);
            }
        }
        assertThat(sentTopics).isEqualTo(Map.of(
                "assessment-service", Set.of(EventTypes.ASSESSMENT_TOPIC, EventTypes.CARE_HOLDS_TOPIC,
                        EventTypes.ASSESSMENT_DEAD_LETTERS_TOPIC, EventTypes.AUDIT_TOPIC, EventTypes.ALERT_COUNTS_TOPIC),
                "catalogue-service", Set.of(EventTypes.CATALOGUE_TOPIC, EventTypes.CATALOGUE_DEAD_LETTERS_TOPIC,
                        EventTypes.AUDIT_TOPIC, EventTypes.ERASURE_TOPIC),
                "goal-service", Set.of(EventTypes.GOAL_TOPIC, EventTypes.GOAL_DEAD_LETTERS_TOPIC, EventTypes.AUDIT_TOPIC,
                        EventTypes.ERASURE_TOPIC),
                "progress-service", Set.of(EventTypes.PROGRESS_TOPIC, EventTypes.PROGRESS_DEAD_LETTERS_TOPIC,
                        EventTypes.AUDIT_TOPIC, EventTypes.ERASURE_TOPIC),
                "insights-service", Set.of(EventTypes.ERASURE_TOPIC)));
        assertThat(readTopicsByGroup).isEqualTo(Map.of(
                "tend-assessment", Set.of(EventTypes.AUDIT_TOPIC, EventTypes.ERASURE_TOPIC),
                "tend-catalogue", Set.of(EventTypes.ASSESSMENT_TOPIC, EventTypes.CARE_HOLDS_TOPIC),
                "tend-goal", Set.of(EventTypes.ASSESSMENT_TOPIC, EventTypes.CATALOGUE_TOPIC),
                "tend-progress", Set.of(EventTypes.ASSESSMENT_TOPIC, EventTypes.CATALOGUE_TOPIC, EventTypes.GOAL_TOPIC),
                "no group: progress-service", Set.of(EventTypes.ALERT_COUNTS_TOPIC)));
    }

    @Test
    void aPublishingOperationNamesEveryMessageOfItsChannel() {
        for (JsonNode operation : iterable(doc.path("operations"))) {
            JsonNode channel = resolve(operation.path("channel"));
            if (operation.path("action").asText().equals("send") || operation.has("messages")) {
                Set<String> named = new HashSet<>();
                operation.path("messages").forEach(ref -> named.add(ref.path("$ref").asText()));
                Set<String> all = new HashSet<>();
                channel.path("messages").fieldNames().forEachRemaining(
                        m -> all.add(operation.at("/channel/$ref").asText() + "/messages/" + m));
                assertThat(named).as(operation.path("title").asText()).isEqualTo(all);
            }
        }
    }

    private static Map.Entry<String, JsonNode> messageNamed(String type) {
        Map<String, JsonNode> found = new HashMap<>();
        doc.at("/components/messages").fields().forEachRemaining(e -> {
            if (e.getValue().path("name").asText().equals(type)) {
                found.put(e.getKey(), e.getValue());
            }
        });
        assertThat(found).as("message named " + type).hasSize(1);
        return found.entrySet().iterator().next();
    }

    private static String channelOfAddress(String address) {
        Iterator<Map.Entry<String, JsonNode>> channels = doc.path("channels").fields();
        while (channels.hasNext()) {
            Map.Entry<String, JsonNode> channel = channels.next();
            if (channel.getValue().path("address").asText().equals(address)) {
                return channel.getKey();
            }
        }
        throw new AssertionError("no channel for " + address);
    }

    /** Follows a local {@code $ref} ("#/a/b") once; returns the node itself when it is not a reference. */
    private static JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText();
        return ref.startsWith("#/") ? doc.at(ref.substring(1)) : node;
    }

    private static Iterable<JsonNode> iterable(JsonNode object) {
        List<JsonNode> values = new ArrayList<>();
        object.elements().forEachRemaining(values::add);
        return values;
    }
}
