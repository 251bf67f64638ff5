package org.tend.local.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.tend.local.KafkaLogin;
import org.tend.local.TopicRecords;

/**
 * Reads a whole topic as an analytics consumer would, and re-sends records as a faulty producer would; each as a
 * principal of the broker's ACLs (the analytics principal to read, the topic's producer to re-send, the admin to
 * look at a service's consumer group).
 */
final class TopicLog {

    private TopicLog() {
    }

    static List<ConsumerRecord<String, byte[]>> readAll(KafkaLogin reader, String topic) {
        return TopicRecords.readAll(reader, topic, Duration.ofSeconds(30));
    }

    /** Sends a record again, headers and all: what a producer retry after a lost acknowledgement does. */
    static void resend(KafkaLogin producer, ConsumerRecord<String, byte[]> record) {
        Properties props = new Properties();
        props.putAll(producer.clientConfig());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> client = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            client.send(new ProducerRecord<>(record.topic(), null, record.key(), record.value(), record.headers()))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until a consumer group has committed every record now on the topics: it has seen them all. */
    static void awaitConsumed(KafkaLogin operator, String group, List<String> topics, Duration timeout) {
        Properties props = new Properties();
        props.putAll(operator.clientConfig());
        try (Admin admin = Admin.create(props);
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                     new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                boolean done = end.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
                if (done) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("group " + group + " did not consume " + topics + " within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
