package org.tend.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tend.contracts.EventTypes;

/**
 * The local broker refuses what {@link TopicAccess} does not grant, and allows what it does, against one real
 * broker for the class: a forged write, analytics writing or reading dead letters, a service reading a topic it
 * does not consume, a client that does not log in or logs in with a wrong password.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BrokerAccessTest {

    @TempDir
    static Path dataDir;
    static KafkaBroker broker;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    static void startBroker() throws Exception {
        broker = KafkaBroker.onFreePort(dataDir);
        broker.start();
        // One record on every topic for the readers to find, whatever order the tests run in.
        try (KafkaProducer<String, byte[]> producer = producer(broker.adminLogin(), true)) {
            for (NewTopic topic : TopicAccess.topics()) {
                producer.send(new ProducerRecord<>(topic.name(), "p_genuine", bytes("{}"))).get(30, TimeUnit.SECONDS);
            }
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void aPractitionerAssignmentForgedByGoalServiceIsRefusedAndNothingIsAppended() throws Exception {
        Map<TopicPartition, Long> before = endOffsets(EventTypes.ASSESSMENT_TOPIC);
        String programmeId = UUID.randomUUID().toString();
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", bytes(UUID.randomUUID().toString()));
        headers.add("ce_type", bytes(EventTypes.PRACTITIONER_ASSIGNED_V1));
        headers.add("ce_source", bytes("/tend/assessment-service"));
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_time", bytes(Instant.now().toString()));
        headers.add("ce_dataschema", bytes(EventTypes.dataschemaOf(EventTypes.PRACTITIONER_ASSIGNED_V1)));
        headers.add("content-type", bytes("application/json"));
        byte[] data = bytes("{\"programmeId\":\"" + programmeId + "\",\"practitionerId\":\"p_"
                + "a".repeat(26) + "\",\"assignedAt\":\"" + Instant.now() + "\"}");

        // As the services send: idempotent, acks=all.
        try (KafkaProducer<String, byte[]> goal = producer(broker.login("goal"), true)) {
            Throwable refusal = sendRefusal(goal, new ProducerRecord<>(EventTypes.ASSESSMENT_TOPIC, null, programmeId,
                    data, headers));
            assertThat(refusal).isInstanceOf(TopicAuthorizationException.class)
                    .hasMessageContaining(EventTypes.ASSESSMENT_TOPIC);
            // The same producer may write its own topic: the refusal is about the topic, not the client.
            goal.send(new ProducerRecord<>(EventTypes.GOAL_TOPIC, "p_own", bytes("{}"))).get(30, TimeUnit.SECONDS);
        }

        assertThat(endOffsets(EventTypes.ASSESSMENT_TOPIC)).isEqualTo(before);
        assertThat(readAll(broker.adminLogin(), EventTypes.ASSESSMENT_TOPIC))
                .noneMatch(record -> programmeId.equals(record.key()));
    }

    @Test
    void everyPrincipalWritesAndReadsWhatTheTableGrants() throws Exception {
        for (TopicAccess.Principal principal : TopicAccess.PRINCIPALS) {
            KafkaLogin login = broker.login(principal.name());
            try (KafkaProducer<String, byte[]> producer = producer(login, true)) {
                for (String topic : principal.writes()) {
                    producer.send(new ProducerRecord<>(topic, "p_" + principal.name(), bytes("{}")))
                            .get(30, TimeUnit.SECONDS);
                }
            }
            for (String topic : principal.reads()) {
                // A service's own group: it may read and commit there (assign(), so no rebalance to wait for).
                String group = principal.group() != null ? principal.group()
                        : principal.groupPrefix() != null ? principal.groupPrefix() + "notebook" : null;
                assertThat(readAndCommit(login, topic, group)).as(principal.name() + " reads " + topic).isPositive();
            }
        }
    }

    @Test
    void analyticsReadsTheEventTopicsButWritesNoTopicAndReadsNoDeadLetters() throws Exception {
        KafkaLogin analytics = broker.login(TopicAccess.ANALYTICS);
        for (String topic : TopicAccess.EVENT_TOPICS) {
            assertThat(readAll(analytics, topic)).as(topic).extracting(ConsumerRecord::key).contains("p_genuine");
        }
        // Not idempotent, so each refusal is the topic's own (an idempotent one is refused its producer id first).
        try (KafkaProducer<String, byte[]> producer = producer(analytics, false)) {
            for (NewTopic topic : TopicAccess.topics()) {
                assertThat(sendRefusal(producer, new ProducerRecord<>(topic.name(), "p_analyst", bytes("{}"))))
                        .as(topic.name()).isInstanceOf(TopicAuthorizationException.class);
            }
        }
        for (String service : List.of("assessment", "catalogue", "goal", "progress")) {
            assertThat(readRefusal(analytics, EventTypes.deadLettersTopicOf(service), null))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
        // Only its own groups: it cannot move a service's offsets.
        assertThat(readRefusal(analytics, EventTypes.ASSESSMENT_TOPIC, "tend-progress"))
                .isInstanceOf(GroupAuthorizationException.class);
    }

    @Test
    void aServiceCannotReadATopicItDoesNotConsumeNorUseAnotherServicesGroup() throws Exception {
        KafkaLogin catalogue = broker.login("catalogue");
        assertThat(readRefusal(catalogue, EventTypes.GOAL_TOPIC, null)).isInstanceOf(TopicAuthorizationException.class);
        assertThat(readRefusal(catalogue, EventTypes.GOAL_TOPIC, "tend-catalogue"))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThat(readRefusal(catalogue, EventTypes.ASSESSMENT_TOPIC, "tend-goal"))
                .isInstanceOf(GroupAuthorizationException.class);
        assertThat(readRefusal(broker.login("goal"), TopicAccess.CARE_HOLDS_TOPIC, null))
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void aClientThatDoesNotLogInOrGivesAWrongPasswordIsRefused() throws Exception {
        Map<TopicPartition, Long> before = endOffsets(EventTypes.GOAL_TOPIC);

        Map<String, Object> plain = new HashMap<>();
        plain.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        plain.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000);
        try (KafkaProducer<String, byte[]> anonymous = new KafkaProducer<>(plain, new StringSerializer(),
                new ByteArraySerializer())) {
            // The listener expects a SASL handshake and drops the connection: the client never gets metadata.
            assertThat(sendRefusal(anonymous, new ProducerRecord<>(EventTypes.GOAL_TOPIC, "p_anon", bytes("{}"))))
                    .isInstanceOf(TimeoutException.class);
        }

        KafkaLogin wrong = broker.login("goal").withPassword("not-the-password");
        try (KafkaProducer<String, byte[]> impostor = producer(wrong, true)) {
            assertThat(sendRefusal(impostor, new ProducerRecord<>(EventTypes.GOAL_TOPIC, "p_impostor", bytes("{}"))))
                    .isInstanceOf(SaslAuthenticationException.class);
        }
        try (Admin impostor = Admin.create(wrong.clientConfig())) {
            Throwable refusal = catchThrowable(() -> impostor.listTopics().names().get(10, TimeUnit.SECONDS));
            assertThat(refusal).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SaslAuthenticationException.class);
        }

        assertThat(endOffsets(EventTypes.GOAL_TOPIC)).isEqualTo(before);
    }

    @Test
    void theBrokerHoldsTheTablesTopicsAndExactlyItsAcls() throws Exception {
        try (Admin admin = Admin.create(broker.adminLogin().clientConfig())) {
            Set<AclBinding> acls = new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values()
                    .get(10, TimeUnit.SECONDS));
            assertThat(acls).isEqualTo(TopicAccess.aclBindings());

            List<String> names = TopicAccess.topics().stream().map(NewTopic::name).toList();
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
            for (NewTopic wanted : TopicAccess.topics()) {
                assertThat(topics.get(wanted.name()).partitions()).as(wanted.name()).hasSize(wanted.numPartitions());
            }
        }
    }

    private static KafkaProducer<String, byte[]> producer(KafkaLogin login, boolean idempotent) {
        Map<String, Object> config = new HashMap<>(login.clientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, idempotent);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** What refused the send: thrown by {@code send} or by its future. */
    private static Throwable sendRefusal(KafkaProducer<String, byte[]> producer, ProducerRecord<String, byte[]> record) {
        Throwable thrown = catchThrowable(() -> producer.send(record).get(20, TimeUnit.SECONDS));
        assertThat(thrown).as("the send to " + record.topic() + " was refused").isNotNull();
        return thrown instanceof ExecutionException ? thrown.getCause() : thrown;
    }

    private static KafkaConsumer<String, byte[]> consumer(KafkaLogin login, String group) {
        Map<String, Object> config = new HashMap<>(login.clientConfig());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(String topic) {
        return TopicAccess.topics().stream().filter(t -> t.name().equals(topic)).findFirst().stream()
                .flatMap(t -> java.util.stream.IntStream.range(0, t.numPartitions())
                        .mapToObj(p -> new TopicPartition(topic, p)))
                .toList();
    }

    /** Every record of a topic, read with assign() and no group. */
    private static List<ConsumerRecord<String, byte[]>> readAll(KafkaLogin login, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(login, null)) {
            List<TopicPartition> partitions = partitions(topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** Reads a topic and commits its position in {@code group} (when not null); returns how many records it read. */
    private static int readAndCommit(KafkaLogin login, String topic, String group) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(login, group)) {
            List<TopicPartition> partitions = partitions(topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            int read = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (read == 0 && System.nanoTime() < deadline) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
            if (group != null) {
                Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
                partitions.forEach(p -> positions.put(p, new OffsetAndMetadata(consumer.position(p))));
                consumer.commitSync(positions);
            }
            return read;
        }
    }

    /** What refused reading {@code topic}: with {@code group}, by subscribing as the services do; else by assign(). */
    private static Throwable readRefusal(KafkaLogin login, String topic, String group) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(login, group)) {
            if (group != null) {
                consumer.subscribe(List.of(topic));
            } else {
                consumer.assign(partitions(topic));
                consumer.seekToBeginning(partitions(topic));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    assertThat(consumer.poll(Duration.ofMillis(200))).as(login.username() + " read " + topic).isEmpty();
                } catch (org.apache.kafka.common.KafkaException refused) {
                    return refused;
                }
            }
        }
        throw new AssertionError(login.username() + " was not refused reading " + topic);
    }

    private static Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        try (Admin admin = Admin.create(broker.adminLogin().clientConfig())) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions(topic).forEach(p -> latest.put(p, OffsetSpec.latest()));
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((p, info) -> end.put(p, info.offset()));
            return end;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
