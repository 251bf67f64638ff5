package org.tend.plumbing.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.keys.InMemoryKeyRecords;
import org.tend.keys.KeysUnavailableException;
import org.tend.keys.MasterKey;
import org.tend.keys.ParticipantKeys;

/**
 * Records about one participant travel sealed with their key: what is on the topic reads as nothing without it, a
 * consumer with the key reads the event as before, and once the key is destroyed every copy is unreadable and is
 * applied by no one.
 */
class SealedRecordsTest {

    record Enrolled(String participantId, String programmeId, Map<String, String> cohort) {
    }

    record Created(String programmeId, int minimumGroupSize) {
    }

    static final String ALICE = "p_m3x7qkz2rl5vnw4ya6tbc2dhe7";
    static final String PROGRAMME = "3f2c8a9e-5b1d-4c7a-9e3f-1a2b3c4d5e6f";
    static final MasterKey MASTER = MasterKey.fromKeysetJson(MasterKey.generateKeysetJson());

    final InMemoryKeyRecords shared = new InMemoryKeyRecords();
    final ParticipantKeys maker = new ParticipantKeys(MASTER, shared, true);
    final ParticipantKeys consumerKeys = new ParticipantKeys(MASTER, shared, false, Duration.ofMillis(300));
    final CloudEventRecords records = new CloudEventRecords(MessagingAutoConfiguration.integrationJson(),
            "/tend/assessment-service").sealingWith(maker);
    final InboundEvents opening = InboundEvents.reading(ContractValidator.load())
            .type(EventTypes.PARTICIPANT_ENROLLED_V1, Enrolled.class)
            .type(EventTypes.PROGRAMME_CREATED_V1, Created.class)
            .opening(consumerKeys).build();

    static Map<String, Object> enrolment() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("participantId", ALICE);
        data.put("programmeId", PROGRAMME);
        data.put("cohort", Map.of("department", "lighthouse-keeping"));
        data.put("consentGiven", true);
        data.put("enrolledAt", "2025-03-03T09:15:00Z");
        return data;
    }

    ConsumerRecord<String, byte[]> enrolled() {
        return consumed(records.toRecord(EventTypes.ASSESSMENT_TOPIC, "e-1", Instant.parse("2025-03-03T09:15:00Z"),
                new IntegrationEvent(EventTypes.PARTICIPANT_ENROLLED_V1, ALICE, enrolment())));
    }

    static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> sent) {
        return new ConsumerRecord<>(sent.topic(), 0, 7L, 0L, TimestampType.CREATE_TIME, 0, 0, sent.key(),
                sent.value(), sent.headers(), java.util.Optional.empty());
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void aRecordAboutAParticipantIsSealedOnTheTopicAndReadsAsBeforeWithTheirKey() {
        ConsumerRecord<String, byte[]> record = enrolled();

        assertThat(header(record, "content-type")).isEqualTo(EventTypes.SEALED_CONTENT_TYPE);
        assertThat(new String(record.value(), StandardCharsets.ISO_8859_1))
                .doesNotContain("lighthouse", "department", "participantId", PROGRAMME);
        // The attributes a broker, a router or an auditor needs stay readable; the data does not.
        assertThat(header(record, "ce_type")).isEqualTo(EventTypes.PARTICIPANT_ENROLLED_V1);
        assertThat(record.key()).isEqualTo(ALICE);

        ReceivedEvent<?> read = opening.read(record).orElseThrow();
        assertThat(read.data()).isEqualTo(new Enrolled(ALICE, PROGRAMME, Map.of("department", "lighthouse-keeping")));
    }

    @Test
    void whatIsAboutNoOneParticipantIsNotSealed() {
        ConsumerRecord<String, byte[]> record = consumed(records.toRecord(EventTypes.ASSESSMENT_TOPIC, "e-2",
                Instant.parse("2025-03-03T09:15:00Z"), new IntegrationEvent(EventTypes.PROGRAMME_CREATED_V1, PROGRAMME,
                        Map.of("programmeId", PROGRAMME, "organisationId", "7d6f7b0e-55a2-4a8e-9a39-0d0f3f0b9a11",
                                "minimumGroupSize", 5, "createdAt", "2025-03-03T09:15:00Z"))));
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains(PROGRAMME);
    }

    @Test
    void onceTheKeyIsDestroyedEveryCopyIsUnreadableAndNothingIsApplied() {
        ConsumerRecord<String, byte[]> record = enrolled();
        assertThat(opening.read(record)).isPresent();

        maker.erase(ALICE);

        assertThat(opening.read(record)).as("an erased participant's record is applied by no one").isEmpty();
        // A consumer that started after the erasure (a rebuild from offset 0) knows it from the key records.
        ParticipantKeys later = new ParticipantKeys(MASTER, shared, false, Duration.ofMillis(300));
        assertThat(InboundEvents.reading(ContractValidator.load())
                .type(EventTypes.PARTICIPANT_ENROLLED_V1, Enrolled.class).opening(later).build().read(record))
                .isEmpty();
        // And the producer publishes nothing more about them.
        assertThat(records.aboutErasedParticipant(new IntegrationEvent(EventTypes.PARTICIPANT_ENROLLED_V1, ALICE,
                enrolment()))).isTrue();
    }

    @Test
    void aKeyNotSharedYetIsWaitedForAndRetriedNeverTakenForAnErasure() {
        ConsumerRecord<String, byte[]> record = enrolled();
        ParticipantKeys elsewhere = new ParticipantKeys(MASTER, new InMemoryKeyRecords(), false,
                Duration.ofMillis(300));
        InboundEvents early = InboundEvents.reading(ContractValidator.load())
                .type(EventTypes.PARTICIPANT_ENROLLED_V1, Enrolled.class).opening(elsewhere).build();

        assertThatThrownBy(() -> early.read(record)).isInstanceOf(KeysUnavailableException.class);

        // In a projection's poll: what was read before it is written, and the poll fails at this record as an
        // outage, which the error handler retries with its back-off rather than sending anything to dead letters.
        java.util.List<ReceivedEvent<?>> written = new java.util.ArrayList<>();
        org.tend.plumbing.projection.ProjectionListener listener = new org.tend.plumbing.projection.ProjectionListener(
                InboundEvents.reading(ContractValidator.load()).type(EventTypes.PARTICIPANT_ENROLLED_V1,
                        Enrolled.class).type(EventTypes.PROGRAMME_CREATED_V1, Created.class).opening(elsewhere)
                        .build(), written::addAll, Duration.ofSeconds(1));
        ConsumerRecord<String, byte[]> created = consumed(records.toRecord(EventTypes.ASSESSMENT_TOPIC, "e-0",
                Instant.parse("2025-03-03T09:00:00Z"), new IntegrationEvent(EventTypes.PROGRAMME_CREATED_V1,
                        PROGRAMME, Map.of("programmeId", PROGRAMME, "organisationId", "7d6f7b0e-55a2-4a8e-9a39-0d0f3f0b9a11",
                                "minimumGroupSize", 5, "createdAt", "2025-03-03T09:00:00Z"))));
        assertThatThrownBy(() -> listener.onBatch(java.util.List.of(created, record)))
                .isInstanceOfSatisfying(org.springframework.kafka.listener.BatchListenerFailedException.class, e -> {
                    assertThat(e.getIndex()).isEqualTo(1);
                    assertThat(Outages.isOutage(e)).as("retried as an outage, not dead-lettered").isTrue();
                });
        assertThat(written).extracting(ReceivedEvent::type).containsExactly(EventTypes.PROGRAMME_CREATED_V1);
    }

    @Test
    void aSealedRecordIsRefusedByAConsumerWithoutKeysAndWhenAltered() {
        ConsumerRecord<String, byte[]> record = enrolled();
        InboundEvents keyless = InboundEvents.reading(ContractValidator.load())
                .type(EventTypes.PARTICIPANT_ENROLLED_V1, Enrolled.class).build();
        assertThatThrownBy(() -> keyless.read(record)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("holds no keys");

        byte[] altered = record.value().clone();
        altered[altered.length - 1] ^= 1;
        assertThatThrownBy(() -> opening.read(new ConsumerRecord<>(record.topic(), 0, 8L, 0L,
                TimestampType.CREATE_TIME, 0, 0, record.key(), altered, record.headers(), java.util.Optional.empty())))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("altered");
        // Moved to another participant's key: it does not open as theirs.
        String bob = "p_bbbbbbbbbbbbbbbbbbbbbbbbbb";
        maker.seal(bob, "x", new byte[] {1});
        assertThatThrownBy(() -> opening.read(new ConsumerRecord<>(record.topic(), 0, 9L, 0L,
                TimestampType.CREATE_TIME, 0, 0, bob, record.value(), new RecordHeaders(record.headers().toArray()),
                java.util.Optional.empty()))).isInstanceOf(MalformedEventException.class);
    }
}
