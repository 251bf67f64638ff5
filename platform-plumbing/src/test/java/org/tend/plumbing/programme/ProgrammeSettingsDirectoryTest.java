package org.tend.plumbing.programme;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.messaging.CloudEventRecords;
import org.tend.plumbing.messaging.InboundEvents;
import org.tend.plumbing.messaging.MessagingAutoConfiguration;
import org.tend.plumbing.programme.ProgrammeSettings.Applies;
import org.tend.plumbing.programme.ProgrammeSettings.ScheduleItem;
import org.tend.plumbing.programme.ProgrammeSettingsDirectory.Item;
import org.tend.plumbing.programme.ProgrammeSettingsDirectory.Schedule;
import org.tend.plumbing.programme.ProgrammeSettingsDirectory.SettingsChanged;
import org.tend.testsupport.EmbeddedMongo;

/** The newest settings win whatever the order they arrive in; an unknown programme has the defaults. */
class ProgrammeSettingsDirectoryTest {

    static final String PROGRAMME = "3f2e1d0c-9b8a-4f7e-8d6c-5b4a39281706";
    static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    final MongoDatabase database = MongoClients.create(EmbeddedMongo.connectionString())
            .getDatabase("settings-" + UUID.randomUUID());
    final ProgrammeSettingsDirectory directory = new ProgrammeSettingsDirectory(database);

    static SettingsChanged changed(int maxActiveGoals, Instant at) {
        return new SettingsChanged(PROGRAMME, maxActiveGoals, "P21D", new Schedule("default-v1",
                List.of(new Item("phq-9", "P14D", "plan-active"), new Item("who-5", "P28D", "enrolled"))), at);
    }

    @Test
    void anUnknownProgrammeHasTheDefaults() {
        assertThat(directory.find(PROGRAMME)).isEmpty();
        ProgrammeSettings settings = directory.settingsOf(PROGRAMME);
        assertThat(settings.maxActiveGoals()).isEqualTo(3);
        assertThat(settings.reviewPeriod()).isEqualTo(Period.ofDays(14));
        assertThat(settings.schedule()).isEmpty();
        assertThat(settings.isDefault()).isTrue();
    }

    @Test
    void readsTheSettingsWithTheirSchedule() {
        assertThat(directory.apply(changed(5, T0))).isTrue();
        assertThat(directory.apply("something else")).isFalse();

        ProgrammeSettings settings = directory.settingsOf(PROGRAMME);
        assertThat(settings.maxActiveGoals()).isEqualTo(5);
        assertThat(settings.reviewPeriod()).isEqualTo(Period.ofDays(21));
        assertThat(settings.scheduleVersion()).isEqualTo("default-v1");
        assertThat(settings.schedule()).containsExactly(
                new ScheduleItem("phq-9", Period.ofDays(14), Applies.PLAN_ACTIVE),
                new ScheduleItem("who-5", Period.ofDays(28), Applies.ENROLLED));
        assertThat(settings.changedAt()).isEqualTo(T0);
        assertThat(settings.isDefault()).isFalse();
    }

    @Test
    void theNewestChangeWinsInEitherOrderAndARecordSeenTwiceChangesNothing() {
        directory.apply(changed(4, T0.plusNanos(1_500)));
        directory.apply(changed(2, T0));
        directory.apply(changed(4, T0.plusNanos(1_500)));
        assertThat(directory.settingsOf(PROGRAMME).maxActiveGoals()).isEqualTo(4);

        directory.apply(changed(1, T0.plusSeconds(1)));
        assertThat(directory.settingsOf(PROGRAMME).maxActiveGoals()).isEqualTo(1);
        assertThat(directory.settingsOf(PROGRAMME).changedAt()).isEqualTo(T0.plusSeconds(1));
    }

    /** The contract's record, as published (its field {@code while} included), binds to what the directory reads. */
    @Test
    void aPublishedRecordIsReadThroughTheInboundEdge() {
        Map<String, Object> data = Map.of("programmeId", PROGRAMME, "maxActiveGoals", 5, "reviewPeriod", "P14D",
                "schedule", Map.of("version", "default-v1", "items", List.of(
                        Map.of("measure", "goal-rating", "every", "P7D", "while", "plan-active"))),
                "changedAt", "2025-03-01T08:00:00Z");
        ProducerRecord<String, byte[]> sent = new CloudEventRecords(MessagingAutoConfiguration.integrationJson(),
                "/tend/assessment-service").toRecord(EventTypes.ASSESSMENT_TOPIC, "e-1", T0,
                new org.tend.plumbing.messaging.IntegrationEvent(EventTypes.PROGRAMME_SETTINGS_CHANGED_V1, PROGRAMME,
                        data));
        InboundEvents inbound = ProgrammeSettingsDirectory.reads(InboundEvents.reading(ContractValidator.load()))
                .build();

        Object read = inbound.read(new ConsumerRecord<>(sent.topic(), 0, 1L, 0L, TimestampType.CREATE_TIME, 0, 0,
                sent.key(), sent.value(), sent.headers(), java.util.Optional.empty())).orElseThrow().data();
        directory.apply(read);

        assertThat(directory.settingsOf(PROGRAMME).schedule()).containsExactly(
                new ScheduleItem("goal-rating", Period.ofDays(7), Applies.PLAN_ACTIVE));
    }
}
