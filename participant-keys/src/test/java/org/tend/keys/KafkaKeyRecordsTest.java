package org.tend.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Two services' instances share participants' keys through the key topic of a real broker; an erasure reaches the
 * other instance at once, and an instance started after it never sees the key.
 */
class KafkaKeyRecordsTest {

    static final String ALICE = "p_aaaaaaaaaaaaaaaaaaaaaaaaaa";
    static EmbeddedKafkaKraftBroker broker;
    static Map<String, Object> client;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        client = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()))) {
            KafkaKeyRecords.ensureTopic(admin, 3, (short) 1, Duration.ofHours(1));
            KafkaKeyRecords.ensureTopic(admin, 3, (short) 1, Duration.ofHours(1)); // a second start changes nothing
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void aKeyMadeByOneServiceOpensInAnotherAndItsErasureReachesEveryInstance() throws Exception {
        MasterKey master = MasterKey.fromKeysetJson(MasterKey.generateKeysetJson());
        byte[] sealed;
        try (KafkaKeyRecords assessmentRecords = new KafkaKeyRecords(client);
             KafkaKeyRecords goalRecords = new KafkaKeyRecords(client)) {
            assertThat(assessmentRecords.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            assertThat(goalRecords.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            ParticipantKeys assessment = new ParticipantKeys(master, assessmentRecords);
            ParticipantKeys goal = new ParticipantKeys(master, goalRecords);

            sealed = assessment.seal(ALICE, "goal.description", "Walk to work".getBytes(StandardCharsets.UTF_8));
            // No waiting: a key this instance has not read yet is looked for up to the topic's current end.
            assertThat(goal.find(ALICE)).isPresent();
            assertThat(goal.open(ALICE, "goal.description", sealed)).hasValueSatisfying(
                    plain -> assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("Walk to work"));

            assessment.erase(ALICE);

            assertThat(assessment.open(ALICE, "goal.description", sealed)).isEmpty();
            await().atMost(Duration.ofSeconds(5)).until(() -> goal.open(ALICE, "goal.description", sealed).isEmpty());
        }
        try (KafkaKeyRecords restarted = new KafkaKeyRecords(client)) {
            assertThat(restarted.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            ParticipantKeys later = new ParticipantKeys(master, restarted, false, Duration.ofMillis(300));
            assertThat(later.open(ALICE, "goal.description", sealed))
                    .as("the erasure marker is the newest record of the key").isEmpty();
            // The marker stays on the compacted topic (a tombstone would go): a record read years later is known
            // to be about an erased participant, not one whose key is merely late.
            assertThat(later.sawErased(ALICE)).isTrue();
            assertThat(later.openShared(ALICE, "goal.description", sealed)).isEmpty();
            // A participant with no key yet and no marker is not taken for erased: the caller is told to retry.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> later.openShared(
                    "p_bbbbbbbbbbbbbbbbbbbbbbbbbb", "goal.description", sealed))
                    .isInstanceOf(KeysUnavailableException.class);
        }
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> reader =
                     new org.apache.kafka.clients.consumer.KafkaConsumer<>(java.util.Map.of("bootstrap.servers",
                             client.get("bootstrap.servers"), "auto.offset.reset", "earliest"),
                             new org.apache.kafka.common.serialization.StringDeserializer(),
                             new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            var partitions = reader.partitionsFor(KafkaKeyRecords.TOPIC).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            java.util.List<byte[]> values = new java.util.ArrayList<>();
            long deadline = System.currentTimeMillis() + 10_000;
            while (values.size() < 2 && System.currentTimeMillis() < deadline) {
                reader.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (ALICE.equals(r.key())) {
                        values.add(r.value());
                    }
                });
            }
            assertThat(values).hasSize(2);
            assertThat(KafkaKeyRecords.erasedValue(values.get(1))).as("a marker, not a tombstone").isTrue();
            assertThat(values.get(1)).isNotNull().asString(StandardCharsets.US_ASCII).isEqualTo("tend:erased");
        }
    }

    @Test
    void theKeyTopicIsCompactedWithTheErasureBound() {
        assertThat(KafkaKeyRecords.topicConfig(Duration.ofMinutes(30))).containsEntry("cleanup.policy", "compact")
                .containsEntry("max.compaction.lag.ms", "1800000").containsEntry("segment.ms", "1800000")
                .containsEntry("delete.retention.ms", "1800000");
    }
}
