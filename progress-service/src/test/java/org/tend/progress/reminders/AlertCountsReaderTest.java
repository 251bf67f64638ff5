package org.tend.progress.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertCountsReaderTest {

    /** The reader's consumer is no group's member and cannot commit, whatever the service's consumers are set to. */
    @Test
    void theReadersConsumerHasNoGroupAndNeverCommitsOnItsOwn() {
        Map<String, Object> settings = AlertCountsReader.withoutGroup(Map.of("bootstrap.servers", "b:9092",
                "group.id", "tend-progress", "group.instance.id", "progress-1", "group.protocol", "consumer",
                "enable.auto.commit", true, "sasl.mechanism", "SCRAM-SHA-512"));

        assertThat(settings).doesNotContainKeys("group.id", "group.instance.id", "group.protocol")
                .containsEntry("enable.auto.commit", false).containsEntry("auto.offset.reset", "earliest")
                .containsEntry("allow.auto.create.topics", false)
                .containsEntry("bootstrap.servers", "b:9092").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }
}
