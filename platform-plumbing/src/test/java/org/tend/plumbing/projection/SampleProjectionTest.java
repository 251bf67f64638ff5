package org.tend.plumbing.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.messaging.CloudEventRecords;
import org.tend.plumbing.messaging.InboundEvents;
import org.tend.plumbing.messaging.IntegrationEvent;
import org.tend.plumbing.messaging.MessagingAutoConfiguration;
import org.tend.plumbing.messaging.ReceivedEvent;
import org.tend.plumbing.web.UnavailableException;
import org.tend.testsupport.EmbeddedMongo;

/**
 * The generation and rebuild machinery with the smallest projection there is: each programme's minimum group size,
 * from {@code programme-created} on the assessment topic. What a service writes to use it is all in
 * {@link ProgrammeSizes}: about forty lines.
 */
@EmbeddedKafka(partitions = 3, topics = EventTypes.ASSESSMENT_TOPIC)
class SampleProjectionTest {

    record Created(String programmeId, int minimumGroupSize) {
    }

    /** The sample projection: one collection, one type, an idempotent {@code $set} per programme. */
    static final class ProgrammeSizes implements Projection {
        private final MongoDatabase database;
        private final int layout;
        private final InboundEvents inbound = InboundEvents.reading(ContractValidator.load())
                .type(EventTypes.PROGRAMME_CREATED_V1, Created.class).build();

        ProgrammeSizes(MongoDatabase database, int layout) {
            this.database = database;
            this.layout = layout;
        }

        static final class Sizes implements Batch {
            final Map<String, Integer> sizes = new LinkedHashMap<>();

            @Override
            public void add(ReceivedEvent<?> event) {
                if (event.data() instanceof Created created) {
                    sizes.put(created.programmeId(), created.minimumGroupSize());
                }
            }

            @Override
            public int events() {
                return sizes.size();
            }
        }

        @Override
        public String name() {
            return "sample";
        }

        @Override
        public List<String> collections() {
            return List.of("sizes");
        }

        @Override
        public int layout() {
            return layout;
        }

        @Override
        public List<String> topics() {
            return List.of(EventTypes.ASSESSMENT_TOPIC);
        }

        @Override
        public InboundEvents inbound() {
            return inbound;
        }

        @Override
        public Batch newBatch() {
            return new Sizes();
        }

        @Override
        public Written write(Batch batch, Collection<Integer> generations) {
            Map<String, Integer> sizes = ((Sizes) batch).sizes;
            for (int generation : generations) {
                sizes.forEach((id, size) -> database.getCollection(Projection.collection("sizes", generation))
                        .updateOne(Filters.eq("_id", id), Updates.set("size", size), new UpdateOptions().upsert(true)));
            }
            return new Written(sizes.size(), sizes.size());
        }
    }

    static final MongoClient CLIENT = MongoClients.create(EmbeddedMongo.connectionString());
    final MongoDatabase db = CLIENT.getDatabase("projection-" + UUID.randomUUID().toString().substring(0, 8));

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    static ProducerRecord<String, byte[]> created(String programmeId, int size) {
        return new CloudEventRecords(MessagingAutoConfiguration.integrationJson(), "/tend/assessment-service")
                .toRecord(EventTypes.ASSESSMENT_TOPIC, UUID.randomUUID().toString(), Instant.parse("2025-03-03T09:00:00Z"),
                        new IntegrationEvent(EventTypes.PROGRAMME_CREATED_V1, programmeId, Map.of(
                                "programmeId", programmeId, "organisationId", UUID.randomUUID().toString(),
                                "minimumGroupSize", size, "createdAt", "2025-03-03T09:00:00Z")));
    }

    static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> sent, long offset) {
        return new ConsumerRecord<>(sent.topic(), 0, offset, 0L, TimestampType.CREATE_TIME, 0, 0, sent.key(),
                sent.value(), sent.headers(), java.util.Optional.empty());
    }

    long count(int generation) {
        return db.getCollection(Projection.collection("sizes", generation)).countDocuments();
    }

    @Test
    void aRebuildReadsEveryPartitionFromTheBeginningIntoTheNextGenerationAndSwitchesOnceCaughtUp(
            EmbeddedKafkaBroker broker) throws Exception {
        List<String> programmes = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int i = 0; i < 30; i++) {
                String programme = UUID.randomUUID().toString();
                programmes.add(programme);
                producer.send(created(programme, 5 + i % 10)).get();
            }
        }
        ProgrammeSizes projection = new ProgrammeSizes(db, 1);
        ProjectionGenerations generations = new ProjectionGenerations(db, Clock.systemUTC(), projection);
        // What the live listener had written before: one programme, in generation 1.
        projection.write(batchOf(projection, programmes.get(0)), List.of(1));
        RebuildRunner runner = new RebuildRunner(broker.getBrokersAsString(), projection,
                RebuildRunner.Options.defaults().withFoldEvents(7));

        try (RebuildService rebuilds = new RebuildService(generations, runner::run, db, Clock.systemUTC(),
                Duration.ZERO)) {
            RebuildStatus started = rebuilds.start();
            assertThat(started.generation()).isEqualTo(2);

            await().atMost(Duration.ofSeconds(60)).until(() -> rebuilds.find(started.rebuildId()).orElseThrow()
                    .state() == RebuildStatus.State.CAUGHT_UP);
            RebuildStatus done = rebuilds.find(started.rebuildId()).orElseThrow();
            assertThat(done.recordsRead()).isEqualTo(30);
            assertThat(done.eventsApplied()).isEqualTo(30);
            assertThat(done.positionsTotal()).isEqualTo(done.targetOffsetsTotal()).isEqualTo(30);
        }
        assertThat(generations.active()).isEqualTo(2);
        assertThat(ProjectionGenerations.readableGeneration(db, 1)).isEqualTo(2);
        assertThat(count(2)).isEqualTo(30);
        assertThat(db.getCollection("sizes_g2").find(Filters.eq("_id", programmes.get(3))).first().getInteger("size"))
                .isEqualTo(8);
        await().atMost(Duration.ofSeconds(10)).until(() -> !db.listCollectionNames().into(new ArrayList<>())
                .contains("sizes_g1"));
    }

    @Test
    void whileAGenerationIsBuiltTheLiveListenerWritesIntoBoth() {
        ProgrammeSizes projection = new ProgrammeSizes(db, 1);
        ProjectionGenerations generations = new ProjectionGenerations(db, Clock.systemUTC(), projection);
        ProjectionListener listener = new ProjectionListener(projection, generations, Duration.ofSeconds(1));
        String before = UUID.randomUUID().toString();
        String during = UUID.randomUUID().toString();

        listener.onBatch(List.of(consumed(created(before, 10), 0)));
        int building = generations.beginBuilding();
        listener.onBatch(List.of(consumed(created(during, 10), 1)));

        assertThat(building).isEqualTo(2);
        assertThat(count(1)).isEqualTo(2);
        assertThat(count(2)).as("the rebuild brings the earlier one").isEqualTo(1);

        generations.abandon(building);
        assertThat(db.listCollectionNames().into(new ArrayList<>())).doesNotContain("sizes_g2");
        listener.onBatch(List.of(consumed(created(UUID.randomUUID().toString(), 10), 2)));
        assertThat(count(1)).isEqualTo(3);
    }

    @Test
    void aGenerationOfAnOlderLayoutIsRefusedWith503UntilARebuildReplacesIt() {
        new ProjectionGenerations(db, Clock.systemUTC(), new ProgrammeSizes(db, 1));
        ProjectionGenerations upgraded = new ProjectionGenerations(db, Clock.systemUTC(), new ProgrammeSizes(db, 2));

        assertThat(upgraded.servesOutdatedLayout()).isTrue();
        assertThatThrownBy(upgraded::readableGeneration).isInstanceOfSatisfying(UnavailableException.class, e -> {
            assertThat(e.status().value()).isEqualTo(503);
            assertThat(e.retryAfter()).isPositive();
        });
        assertThat(ProjectionGenerations.activeGeneration(db)).isEqualTo(1);

        upgraded.activate(upgraded.beginBuilding());

        assertThat(upgraded.servesOutdatedLayout()).isFalse();
        assertThat(upgraded.readableGeneration()).isEqualTo(2);
    }

    @Test
    void aCollectionBelongsToTheGenerationItsNameCarries() {
        ProjectionGenerations generations = new ProjectionGenerations(db, Clock.systemUTC(), new ProgrammeSizes(db, 1));

        assertThat(generations.collectionsOf(4)).containsExactly("sizes_g4");
        assertThat(generations.generationOf("sizes_g12")).isEqualTo(12);
        assertThat(generations.generationOf("sizes_gx")).isEqualTo(-1);
        assertThat(generations.generationOf("rebuilds")).isEqualTo(-1);
    }

    private static Projection.Batch batchOf(ProgrammeSizes projection, String programme) {
        Projection.Batch batch = projection.newBatch();
        ((ProgrammeSizes.Sizes) batch).sizes.put(programme, 5);
        return batch;
    }
}
