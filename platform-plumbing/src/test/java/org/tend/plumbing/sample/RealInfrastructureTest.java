package org.tend.plumbing.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import com.mongodb.client.MongoDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;
import org.tend.plumbing.idempotency.IdempotencyRecords;
import org.tend.testsupport.TestJwtConfiguration;
import org.tend.testsupport.TestTokens;

/**
 * The same wiring as {@link PlumbingIntegrationTest}, against a real MongoDB replica set and a real Kafka broker
 * in containers: the event store's unique index and the Mongo tracking token behave as in production, which
 * mongo-java-server only approximates. Runs wherever Docker exists; skipped cleanly where it does not.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tend.messaging.topic=tend.sample.events",
        "tend.messaging.source=/tend/sample-service",
        "tend.messaging.dead-letter-topic=tend.sample.dead-letters",
        "tend.mongodb.database=tend-sample",
        "tend.pseudonym.key=test-pseudonym-key-0123456789abcdefghijkl",
        "spring.profiles.active=local",
        "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestTokens.ISSUER,
        "tend.jwt.audience=" + TestTokens.AUDIENCE})
@Import(TestJwtConfiguration.class)
@DirtiesContext
class RealInfrastructureTest {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0");
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", MONGO::getReplicaSetUrl);
        registry.add("spring.kafka.bootstrap-servers", KAFKA::getBootstrapServers);
    }

    @LocalServerPort
    int port;

    @Test
    void commandsAreStoredInMongoDbAndEveryEventReachesKafkaOnce() {
        RestClient http = RestClient.builder().baseUrl("http://localhost:" + port).build();
        int commands = 25;
        for (int i = 0; i < commands; i++) {
            var status = http.post().uri("/api/counters")
                    .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.participant("person-" + i)))
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("start", i % 10))
                    .retrieve().toBodilessEntity().getStatusCode();
            assertThat(status.value()).isEqualTo(201);
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "real-infrastructure-test");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("tend.sample.events"));
            long deadline = System.currentTimeMillis() + 60_000;
            while (records.size() < commands && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        assertThat(records.stream().map(r -> new String(r.headers().lastHeader("ce_id").value())).distinct())
                .hasSize(commands);
    }

    @Autowired
    MongoDatabase database;

    /** Idempotency-Key on real MongoDB: one creation per key, the TTL index in place to purge expired records. */
    @Test
    void idempotencyKeysKeepOneOutcomeAndExpireByTtlIndex() {
        RestClient http = RestClient.builder().baseUrl("http://localhost:" + port).build();
        String key = java.util.UUID.randomUUID().toString();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            bodies.add(http.post().uri("/api/counters")
                    .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.participant("keyed")))
                    .header("Idempotency-Key", key)
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("start", 1))
                    .retrieve().body(String.class));
        }
        assertThat(bodies.get(1)).isEqualTo(bodies.get(0));
        List<org.bson.Document> indexes = database.getCollection(IdempotencyRecords.COLLECTION).listIndexes()
                .into(new ArrayList<>());
        assertThat(indexes).anySatisfy(index -> assertThat(index.get("expireAfterSeconds")).isNotNull());
    }
}
