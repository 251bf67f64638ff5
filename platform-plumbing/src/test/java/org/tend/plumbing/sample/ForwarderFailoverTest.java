package org.tend.plumbing.sample;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.tend.plumbing.messaging.KafkaForwarder;
import org.tend.testsupport.EmbeddedMongo;
import org.tend.testsupport.TestTokens;

/**
 * Two instances of a service (two application contexts) on one database and one broker, with three event processors
 * (the Kafka forwarder and two projections). The processors are spread over both instances (SegmentBalancer), each
 * owned by one at a time; when the forwarder's owner dies without a word (its store connection cut, so it neither
 * releases nor extends its claims: what a kill -9 looks like from the store), the other takes the forwarder over
 * within 10 s and forwards the rest, and holds every processor. Every event stored is on the topic, none missing.
 */
class ForwarderFailoverTest {

    static final String TOPIC = "tend.sample.events";
    static final Duration TAKEOVER_BOUND = Duration.ofSeconds(10);

    final EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
    final String database = "failover-" + UUID.randomUUID().toString().substring(0, 8);
    final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    @AfterEach
    void stop() {
        contexts.forEach(context -> {
            try {
                context.close();
            } catch (RuntimeException e) {
                // the dead instance's context may fail to close cleanly: its store connection is gone
            }
        });
        broker.destroy();
    }

    @Test
    void processorsAreSpreadOverInstancesAndTheForwarderIsTakenOverWithinTenSecondsWhenItsOwnerDies() {
        broker.afterPropertiesSet();
        ConfigurableApplicationContext one = start("instance-one");
        await().atMost(Duration.ofSeconds(30)).until(() -> claims(one).getOrDefault("instance-one", 0) == 3);
        ConfigurableApplicationContext two = start("instance-two");
        // The first instance claimed all three; the balancer hands one over to the second, and no more.
        await().atMost(Duration.ofSeconds(30)).until(() -> claims(one).getOrDefault("instance-two", 0) == 1);
        assertThat(claims(one)).containsEntry("instance-one", 2);

        List<String> before = create(one, 20);
        Map<String, Integer> seen = readUntil(allStored(two), Duration.ofSeconds(30));
        assertThat(seen.keySet()).containsAll(before);

        String ownerName = owner(one).orElseThrow();
        ConfigurableApplicationContext owner = ownerName.equals("instance-one") ? one : two;
        ConfigurableApplicationContext survivor = owner == one ? two : one;
        String survivorName = owner == one ? "instance-two" : "instance-one";
        kill(owner);
        long died = System.nanoTime();
        List<String> after = create(survivor, 20);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> owner(survivor).filter(survivorName::equals).isPresent());
        Duration takeover = Duration.ofNanos(System.nanoTime() - died);
        Set<String> stored = allStored(survivor);
        seen = readUntil(stored, Duration.ofSeconds(30));
        Duration forwarded = Duration.ofNanos(System.nanoTime() - died);
        System.out.printf("forwarder failover: %s claimed kafka-forwarder %d ms after %s died; every event of the"
                + " store was on %s %d ms after%n", survivorName, takeover.toMillis(), ownerName, TOPIC,
                forwarded.toMillis());

        assertThat(stored).hasSize(40).containsAll(before).containsAll(after);
        assertThat(seen.keySet()).as("every stored event is on the topic, none missing").containsAll(stored);
        assertThat(seen.keySet()).as("and nothing else").isSubsetOf(stored);
        assertThat(takeover).isLessThanOrEqualTo(TAKEOVER_BOUND);
        // The survivor runs every processor now (no other instance is live).
        await().atMost(Duration.ofSeconds(15)).until(() -> claims(survivor).getOrDefault(survivorName, 0) == 3);
    }

    /** Two projections beside the forwarder: tracking processors of one segment each. */
    public static class Projections {
        @org.springframework.context.annotation.Bean
        SampleProjection sampleA() {
            return new SampleProjection();
        }

        @org.springframework.context.annotation.Bean
        OtherProjection sampleB() {
            return new OtherProjection();
        }
    }

    @org.axonframework.config.ProcessingGroup("sample-a")
    public static class SampleProjection {
        @org.axonframework.eventhandling.EventHandler
        void on(SampleApplication.CounterCreated event) {
        }
    }

    @org.axonframework.config.ProcessingGroup("sample-b")
    public static class OtherProjection {
        @org.axonframework.eventhandling.EventHandler
        void on(SampleApplication.CounterCreated event) {
        }
    }

    /** The live claims of every processor's segments, counted by owner. */
    private static Map<String, Integer> claims(ConfigurableApplicationContext context) {
        long fresh = System.currentTimeMillis() - 5_000;
        Map<String, Integer> claims = new java.util.HashMap<>();
        for (Document token : context.getBean(MongoTemplate.class).trackingTokensCollection().find()) {
            Object stamp = token.get("timestamp");
            if (token.getString("owner") != null && stamp instanceof Number millis && millis.longValue() > fresh) {
                claims.merge(token.getString("owner"), 1, Integer::sum);
            }
        }
        return claims;
    }

    private ConfigurableApplicationContext start(String instance) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class, Projections.class).run(
                "--server.port=0",
                "--spring.profiles.active=local",
                "--spring.mongodb.uri=" + EmbeddedMongo.connectionString(),
                "--tend.mongodb.database=" + database,
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestTokens.ISSUER,
                "--tend.jwt.audience=" + TestTokens.AUDIENCE,
                "--tend.pseudonym.key=test-pseudonym-key-0123456789abcdefghijkl",
                "--tend.messaging.topic=" + TOPIC,
                "--tend.messaging.source=/tend/sample-service",
                "--tend.messaging.dead-letter-topic=tend.sample.dead-letters",
                "--tend.messaging.consumes=tend.sample.inbound",
                "--tend.reconciliation.interval=PT0S",
                "--tend.instance.id=" + instance);
        contexts.add(context);
        return context;
    }

    /** What a kill -9 leaves in the store: claims that are neither extended nor released. */
    private static void kill(ConfigurableApplicationContext context) {
        context.getBean(MongoClient.class).close();
        context.close();
    }

    private static List<String> create(ConfigurableApplicationContext context, int count) {
        CommandGateway commands = context.getBean(CommandGateway.class);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String counter = UUID.randomUUID().toString();
            commands.sendAndWait(new SampleApplication.CreateCounter(counter, "p_failover" + i, i % 10));
            ids.add(eventIdOf(context, counter));
        }
        return ids;
    }

    private static String eventIdOf(ConfigurableApplicationContext context, String aggregate) {
        return context.getBean(MongoTemplate.class).eventCollection()
                .find(eq("aggregateIdentifier", aggregate)).first().getString("eventIdentifier");
    }

    private static Set<String> allStored(ConfigurableApplicationContext context) {
        Set<String> ids = new HashSet<>();
        for (Document event : context.getBean(MongoTemplate.class).eventCollection().find()) {
            ids.add(event.getString("eventIdentifier"));
        }
        return ids;
    }

    private static java.util.Optional<String> owner(ConfigurableApplicationContext context) {
        Document token = context.getBean(MongoTemplate.class).trackingTokensCollection()
                .find(and(eq("processorName", KafkaForwarder.PROCESSING_GROUP), eq("segment", 0))).first();
        return java.util.Optional.ofNullable(token).map(t -> t.getString("owner"));
    }

    /** The ce_ids on the topic (with how often each), read until every one expected is there or time is up. */
    private Map<String, Integer> readUntil(Set<String> expected, Duration within) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + within.toNanos();
            while (!seen.keySet().containsAll(expected) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String id = new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
                    seen.merge(id, 1, Integer::sum);
                }
            }
        }
        return seen;
    }
}
