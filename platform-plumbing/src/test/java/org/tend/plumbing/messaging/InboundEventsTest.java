package org.tend.plumbing.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;

/** The one inbound edge: what it ignores, what it refuses (for dead letters) and what it binds. */
class InboundEventsTest {

    record Assigned(String programmeId, String practitionerId) {
    }

    static final String PROGRAMME = "3f2c8a9e-5b1d-4c7a-9e3f-1a2b3c4d5e6f";
    static final String PRACTITIONER = "p_m3x7qkz2rl5vnw4ya6tbc2dhe7";
    static final Map<String, Object> ASSIGNED = Map.of("programmeId", PROGRAMME, "practitionerId", PRACTITIONER,
            "assignedAt", "2025-03-03T09:15:00Z");

    final InboundEvents inbound = InboundEvents.reading(ContractValidator.load())
            .type(EventTypes.PRACTITIONER_ASSIGNED_V1, Assigned.class).build();

    static ConsumerRecord<String, byte[]> consumed(String source, String topic, String type, Object data) {
        ProducerRecord<String, byte[]> sent = new CloudEventRecords(MessagingAutoConfiguration.integrationJson(),
                source).toRecord(topic, "e-1", Instant.parse("2025-03-03T09:15:00Z"),
                new IntegrationEvent(type, PROGRAMME, data));
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(topic, 0, 7L, 0L, TimestampType.CREATE_TIME, 0,
                0, sent.key(), sent.value(), sent.headers(), java.util.Optional.empty());
        return record;
    }

    @Test
    void anEventFromItsOwnerOnItsTopicIsCheckedAndBound() {
        ReceivedEvent<?> event = inbound.read(consumed("/tend/assessment-service", EventTypes.ASSESSMENT_TOPIC,
                EventTypes.PRACTITIONER_ASSIGNED_V1, ASSIGNED)).orElseThrow();

        assertThat(event.data()).isEqualTo(new Assigned(PROGRAMME, PRACTITIONER));
        assertThat(event.offset()).isEqualTo(7L);
    }

    /** The refusal is logged (dead letters, the error handler): it names where, never what the data said. */
    @Test
    void dataThatIsNotJsonOrDoesNotBindIsRefusedWithoutQuotingIt() {
        ConsumerRecord<String, byte[]> valid = consumed("/tend/assessment-service", EventTypes.ASSESSMENT_TOPIC,
                EventTypes.PRACTITIONER_ASSIGNED_V1, ASSIGNED);
        ConsumerRecord<String, byte[]> prose = new ConsumerRecord<>(valid.topic(), 0, 8L, 0L,
                TimestampType.CREATE_TIME, 0, 0, valid.key(), "Feeling low since Alice left".getBytes(
                StandardCharsets.UTF_8), valid.headers(), java.util.Optional.empty());
        assertThatThrownBy(() -> inbound.read(prose)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("data is not JSON at line 1")
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain("Feeling").doesNotContain("Alice");
                    }
                });

        record Strict(java.util.UUID practitionerId) {
        }
        InboundEvents strict = InboundEvents.reading(ContractValidator.load())
                .type(EventTypes.PRACTITIONER_ASSIGNED_V1, Strict.class).build();
        assertThatThrownBy(() -> strict.read(valid)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("cannot be read as Strict at $.practitionerId")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PRACTITIONER));
    }

    /** Anyone who may write the goal topic could otherwise forge an assignment and read a programme's journeys. */
    @Test
    void anEventFromAnotherSourceOrOnAnotherTopicIsRefusedForTheDeadLetters() {
        assertThatThrownBy(() -> inbound.read(consumed("/tend/goal-service", EventTypes.GOAL_TOPIC,
                EventTypes.PRACTITIONER_ASSIGNED_V1, ASSIGNED)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("only /tend/assessment-service publishes it");
        assertThatThrownBy(() -> inbound.read(consumed("/tend/goal-service", EventTypes.ASSESSMENT_TOPIC,
                EventTypes.PRACTITIONER_ASSIGNED_V1, ASSIGNED)))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> inbound.read(consumed("/tend/assessment-service", EventTypes.GOAL_TOPIC,
                EventTypes.PRACTITIONER_ASSIGNED_V1, ASSIGNED)))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void aTypeTheConsumerDoesNotReadIsIgnoredWithoutReadingItsBody() {
        ConsumerRecord<String, byte[]> notJson = consumed("/tend/goal-service", EventTypes.GOAL_TOPIC,
                EventTypes.GOAL_SET_V1, Map.of());
        ConsumerRecord<String, byte[]> broken = new ConsumerRecord<>(notJson.topic(), 0, 1L, notJson.key(),
                "{not json".getBytes(StandardCharsets.UTF_8));
        notJson.headers().forEach(h -> broken.headers().add(h));

        assertThat(inbound.read(broken)).isEmpty();
    }

    @Test
    void aRecordThatBreaksItsContractOrIsNoCloudEventIsRefused() {
        assertThatThrownBy(() -> inbound.read(consumed("/tend/assessment-service", EventTypes.ASSESSMENT_TOPIC,
                EventTypes.PRACTITIONER_ASSIGNED_V1, Map.of("programmeId", PROGRAMME))))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("breaks its contract");
        assertThatThrownBy(() -> inbound.read(new ConsumerRecord<>(EventTypes.ASSESSMENT_TOPIC, 0, 2L, "k",
                "plain".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(MalformedEventException.class);
    }
}
