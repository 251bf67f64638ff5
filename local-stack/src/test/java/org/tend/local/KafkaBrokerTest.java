package org.tend.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record written before a broker restart on the same directory and port is still there afterwards; storage made
 * before the broker required SASL is refused with what to delete.
 */
class KafkaBrokerTest {

    @TempDir
    Path dataDir;

    private KafkaBroker broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void keepsRecordsAcrossARestartOnTheSameDirectoryAndPort() throws Exception {
        broker = KafkaBroker.onFreePort(dataDir);
        String bootstrap = broker.bootstrapServers();
        broker.start();
        assertThat(broker.isRunning()).isTrue();
        assertThat(broker.pid()).isPositive();
        assertThat(broker.rssBytes()).isPositive();
        System.out.printf("broker first start (with format): %d ms, RSS %d MiB%n",
                broker.lastStartTime().toMillis(), broker.rssBytes() >> 20);

        String topic = "tend.test." + UUID.randomUUID();
        KafkaLogin admin = broker.adminLogin();
        try (Admin client = Admin.create(admin.clientConfig())) {
            client.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of("retention.ms", "-1")))).all().get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> producerConfig = new HashMap<>(admin.clientConfig());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "p_key", "before-restart")).get(30, TimeUnit.SECONDS);
        }
        assertThat(readAll(admin, topic, 1)).containsExactly("before-restart");

        broker.stop();
        assertThat(broker.isRunning()).isFalse();

        broker.start();
        System.out.printf("broker restart: %d ms%n", broker.lastStartTime().toMillis());
        assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
        assertThat(readAll(admin, topic, 1)).containsExactly("before-restart");
    }

    @Test
    void refusesStorageFormattedBeforeTheBrokerRequiredSaslAndSaysWhatToDelete() throws Exception {
        Path old = dataDir.resolve("old");
        Files.createDirectories(old.resolve("kraft-logs"));
        Files.writeString(old.resolve("kraft-logs").resolve("meta.properties"), "version=1\n");
        broker = KafkaBroker.onFreePort(old);

        assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Delete " + old.toAbsolutePath());
        assertThatThrownBy(() -> broker.login("goal")).isInstanceOf(IllegalStateException.class);
        assertThat(broker.isRunning()).isFalse();
        assertThat(old.resolve("credentials.properties")).doesNotExist();
    }

    private static List<String> readAll(KafkaLogin login, String topic, int expected) {
        List<String> values = new ArrayList<>();
        Map<String, Object> config = new HashMap<>(login.clientConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
