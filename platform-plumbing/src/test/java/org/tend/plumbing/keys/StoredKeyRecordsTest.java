package org.tend.plumbing.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.tend.keys.KafkaKeyRecords;
import org.tend.keys.MasterKey;
import org.tend.keys.ParticipantKeys;
import org.tend.testsupport.EmbeddedMongo;

/**
 * The maker's keys are stored before they are shared: a participant gets their key while the broker is away, two
 * instances cannot give them two keys, and the key reaches the topic (and the other services) once the broker is there.
 */
class StoredKeyRecordsTest {

    static final byte[] ANSWERS = "{\"phq9-9\":2}".getBytes(StandardCharsets.UTF_8);
    final MasterKey master = MasterKey.fromKeysetJson(MasterKey.generateKeysetJson());
    final MongoDatabase database = MongoClients.create(EmbeddedMongo.connectionString())
            .getDatabase("keys-" + UUID.randomUUID());

    static String participant() {
        return "p_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
    }

    @Test
    void aKeyIsMadeAndUsedWhileTheBrokerIsAwayAndTwoInstancesAgreeOnIt() {
        // Nothing listens on port 1: every send to the topic fails.
        try (KafkaKeyRecords away = new KafkaKeyRecords(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:1"));
             StoredKeyRecords one = new StoredKeyRecords(database, away, Duration.ofMillis(200));
             StoredKeyRecords two = new StoredKeyRecords(database, away, Duration.ofMillis(200))) {
            String alice = participant();
            long start = System.nanoTime();
            byte[] sealed = new ParticipantKeys(master, one, true).seal(alice, "answers", ANSWERS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not held up by the broker")
                    .isLessThan(Duration.ofSeconds(3));
            // The other instance, asked for her key, takes the stored one rather than making its own.
            ParticipantKeys other = new ParticipantKeys(master, two, true);
            assertThat(other.open(alice, "answers", sealed)).contains(ANSWERS);
            assertThat(other.seal(alice, "answers", ANSWERS)).isNotEmpty();
            assertThat(database.getCollection(StoredKeyRecords.COLLECTION).countDocuments()).isEqualTo(1);
            assertThat(database.getCollection(StoredKeyRecords.COLLECTION).find().first().getBoolean("shared"))
                    .as("the topic has not taken it").isFalse();
        }
    }

    @Test
    void twoInstancesMakingAKeyAtOnceKeepTheFirstStored() {
        try (KafkaKeyRecords away = new KafkaKeyRecords(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:1"));
             StoredKeyRecords one = new StoredKeyRecords(database, away, Duration.ofMinutes(1))) {
            String carol = participant();
            byte[] first = {1, 2, 3};
            assertThat(one.putIfAbsent(carol, first)).isEmpty();
            assertThat(one.putIfAbsent(carol, new byte[] {4, 5, 6})).as("the loser is given the winner's")
                    .hasValueSatisfying(kept -> assertThat(kept).isEqualTo(first));
            assertThat(one.get(carol)).hasValueSatisfying(kept -> assertThat(kept).isEqualTo(first));
        }
    }

    @Test
    void aStoredKeyReachesTheTopicAndItsErasureRemovesItFromBoth() throws Exception {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, KafkaKeyRecords.TOPIC);
        broker.afterPropertiesSet();
        Map<String, Object> client = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString());
        try (KafkaKeyRecords assessmentTopic = new KafkaKeyRecords(client);
             KafkaKeyRecords goalTopic = new KafkaKeyRecords(client);
             StoredKeyRecords stored = new StoredKeyRecords(database, assessmentTopic, Duration.ofMillis(200))) {
            ParticipantKeys assessment = new ParticipantKeys(master, stored, true);
            ParticipantKeys goal = new ParticipantKeys(master, goalTopic, false);
            String bob = participant();
            byte[] sealed = assessment.seal(bob, "answers", ANSWERS);
            await().atMost(Duration.ofSeconds(20)).until(() -> database.getCollection(StoredKeyRecords.COLLECTION)
                    .find(new Document("_id", bob)).first().getBoolean("shared"));
            assertThat(goal.open(bob, "answers", sealed)).contains(ANSWERS);

            assessment.erase(bob);

            Document marker = database.getCollection(StoredKeyRecords.COLLECTION).find(new Document("_id", bob))
                    .first();
            assertThat(marker.keySet()).as("nothing but the retired pseudonym and when").containsOnly("_id",
                    "erasedAt");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> assessment.seal(bob, "answers", ANSWERS))
                    .as("no new key for an erased pseudonym").isInstanceOf(IllegalStateException.class);
            assertThat(assessment.open(bob, "answers", sealed)).isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> goal.open(bob, "answers", sealed).isEmpty());
        } finally {
            broker.destroy();
        }
    }

    /**
     * Two instances: one's share of a key is still on its way when the other erases the participant, and lands on the
     * topic after the erasure marker. The sharer notices the erasure when its share completes and writes the marker
     * again, so the topic ends erased.
     */
    @Test
    void aShareThatLandsAfterAnotherInstancesErasureIsErasedAgain() throws Exception {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, KafkaKeyRecords.TOPIC);
        broker.afterPropertiesSet();
        Map<String, Object> client = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString());
        try (KafkaKeyRecords topicOfOne = new KafkaKeyRecords(client);
             KafkaKeyRecords topicOfTwo = new KafkaKeyRecords(client);
             KafkaKeyRecords reader = new KafkaKeyRecords(client);
             StoredKeyRecords one = new StoredKeyRecords(database, topicOfOne, Duration.ofHours(1));
             StoredKeyRecords two = new StoredKeyRecords(database, topicOfTwo, Duration.ofHours(1))) {
            String dan = participant();
            byte[] key = {7, 7, 7};
            // One made dan's key; its share has not reached the topic yet.
            database.getCollection(StoredKeyRecords.COLLECTION).insertOne(new Document("_id", dan)
                    .append("wrapped", new org.bson.types.Binary(key)).append("shared", false));
            two.erase(dan);
            topicOfOne.share(dan, key).get(10, java.util.concurrent.TimeUnit.SECONDS); // lands after the marker
            await().atMost(Duration.ofSeconds(10)).until(() -> reader.get(dan).isPresent());

            one.shared(dan);

            await().atMost(Duration.ofSeconds(10)).until(() -> reader.get(dan).isEmpty());
            assertThat(database.getCollection(StoredKeyRecords.COLLECTION).find(new Document("_id", dan)).first()
                    .keySet()).containsOnly("_id", "erasedAt");
        } finally {
            broker.destroy();
        }
    }
}
