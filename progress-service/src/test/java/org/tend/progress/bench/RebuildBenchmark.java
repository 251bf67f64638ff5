package org.tend.progress.bench;

import ch.qos.logback.classic.Level;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.tend.progress.TestEvents;
import org.tend.progress.query.ProjectionEvents;
import org.tend.progress.query.ProjectionNames;
import org.tend.contracts.ContractValidator;
import org.tend.plumbing.projection.RebuildProgress;
import org.tend.plumbing.projection.RebuildRunner;
import org.tend.progress.query.JourneyProjection;
import org.tend.progress.query.ProjectionWriter;

/**
 * How fast a rebuild runs, against what the store itself can do. Not a test: a main, run by
 * {@code mvn -B -pl progress-service test-compile exec:exec [-Dbench.events=N]}.
 *
 * <p>Starts an embedded KRaft broker, writes N CloudEvents records (default 100,000) across the three topics for
 * N/10 participants (enrolment, three assessments, two recommendation sets, a goal, three ratings each, in time order
 * across all participants as the services would publish them), then for each mongo-java-server backend (memory, and
 * H2 on a temporary file) measures (a) the store's own bulk-upsert rate for documents like the projection's, one
 * event per upsert, and (b) a full rebuild by {@link RebuildRunner}, in events per second, and prints both and their
 * ratio (what folding a batch per document buys). A first, unreported pass on the memory backend warms the JVM up.
 */
public final class RebuildBenchmark {

    private static final String[] INSTRUMENTS = {"phq-9", "gad-7"};
    private static final String[] BANDS = {"minimal", "mild", "moderate", "moderately-severe", "severe"};
    private static final String[] INTERVENTIONS = {"cbt", "mbsr", "behavioural-activation", "guided-self-help",
            "art-therapy", "music-therapy", "counselling", "ipt", "sleep-hygiene", "exercise-programme",
            "peer-support", "digital-cbt"};

    private RebuildBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(Level.WARN);
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        RebuildRunner.Options options = RebuildRunner.Options.defaults();
        if (args.length > 1) {
            options = options.withFoldEvents(Integer.parseInt(args[1]));
        }

        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3,
                ProjectionEvents.TOPICS.toArray(String[]::new));
        broker.afterPropertiesSet();
        try {
            long start = System.nanoTime();
            int written = produce(broker.getBrokersAsString(), events);
            System.out.printf(Locale.ROOT, "wrote %,d records for %,d participants in %.1f s%n", written, events / 10,
                    seconds(start));

            // One unreported pass, so that neither backend's figures carry the JIT's warm-up.
            run("warm-up", MemoryBackend::new, broker.getBrokersAsString(), events, options);
            // The reference: the same records read by a bare consumer with the rebuild's fetch settings, each
            // record's bytes touched and nothing else done. Best of three, so a slow read does not flatter the ratio.
            double raw = 0;
            for (int i = 0; i < 3; i++) {
                raw = Math.max(raw, rawConsumeRate(broker.getBrokersAsString(), written, options));
            }
            System.out.printf(Locale.ROOT, "raw Kafka consume: %,.0f records/s%n", raw);

            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "%-8s %16s %16s %8s %12s %10s", "backend", "store upserts/s",
                    "rebuild events/s", "ratio", "documents", "rebuild s"));
            double memoryRate;
            Path h2File = Files.createTempFile("progress-bench-", ".mv");
            Files.delete(h2File);
            try {
                Result memory = run("memory", MemoryBackend::new, broker.getBrokersAsString(), events, options);
                memoryRate = memory.rate();
                lines.add(memory.line());
                lines.add(run("h2", () -> new H2Backend(h2File.toString()), broker.getBrokersAsString(), events,
                        options).line());
            } finally {
                Files.deleteIfExists(h2File);
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "rebuild of %,d records (max.poll.records %d, fold %d events per write)%n",
                    written, options.maxPollRecords(), options.foldEvents());
            lines.forEach(System.out::println);
            System.out.printf(Locale.ROOT, "memory-backend rebuild / raw Kafka consume = %,.0f / %,.0f = %.1f %%"
                    + " (target >= 25 %%)%n", memoryRate, raw, 100 * memoryRate / raw);
        } finally {
            broker.destroy();
        }
    }

    /** One backend's table line and its rebuild rate (events/s). */
    private record Result(String line, double rate) {
    }

    private static Result run(String name, Supplier<MongoBackend> backends, String bootstrap, int events,
                              RebuildRunner.Options options) {
        MongoBackend backend = backends.get();
        MongoServer server = new MongoServer(backend);
        int port = server.bind().getPort();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            double upserts = storeUpsertRate(client.getDatabase("bench-store"), Math.min(events, 30_000),
                    Math.max(1, events / 10));
            client.getDatabase("bench-store").drop();
            System.out.printf(Locale.ROOT, "%s: store does %,.0f bulk upserts/s%n", name, upserts);

            MongoDatabase database = client.getDatabase("bench-rebuild");
            RebuildProgress progress = new RebuildProgress();
            long start = System.nanoTime();
            new RebuildRunner(bootstrap, new JourneyProjection(new ProjectionWriter(database),
                    new ProjectionEvents(ContractValidator.load())), options).run(1, progress, () -> false);
            double elapsed = seconds(start);
            double rate = progress.eventsApplied() / elapsed;
            long documents = database.getCollection(ProjectionNames.journeys(1)).countDocuments();
            System.out.printf(Locale.ROOT, "%s: rebuild applied %,d events (%,d skipped) into %,d journeys with %,d"
                            + " document writes in %d bulk writes, %.1f s (%s): %,.0f events/s%n", name,
                    progress.eventsApplied(), progress.eventsSkipped(), documents, progress.documentsWritten(),
                    progress.writes(), elapsed, progress.timings(), rate);
            return new Result(String.format(Locale.ROOT, "%-8s %16.0f %16.0f %8.2f %12d %10.1f", name, upserts, rate,
                    rate / upserts, documents, elapsed), rate);
        } finally {
            server.shutdownNow();
            if (backend instanceof H2Backend h2) {
                h2.close();
            }
        }
    }

    /**
     * The store's own rate for writes like the projection's, without folding: each upsert sets one event (a
     * sub-document keyed by a fresh id) in one of {@code documents} participant documents, 1,000 upserts per
     * unordered bulk write.
     */
    private static double storeUpsertRate(MongoDatabase database, int upserts, int documents) {
        MongoCollection<Document> collection = database.getCollection("journeys");
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        Random random = new Random(7);
        long start = System.nanoTime();
        List<WriteModel<Document>> batch = new ArrayList<>(1000);
        for (int i = 0; i < upserts; i++) {
            String participant = "p_" + String.format(Locale.ROOT, "%026d", random.nextInt(documents));
            Document event = new Document("id", UUID.randomUUID().toString()).append("type", "assessment-completed")
                    .append("time", Instant.now().toString()).append("assessmentId", UUID.randomUUID().toString())
                    .append("programmeId", UUID.randomUUID().toString()).append("instrumentId", "phq-9")
                    .append("instrumentVersion", "1").append("totalScore", random.nextInt(28))
                    .append("scoreMin", 0).append("scoreMax", 27).append("band", "moderate");
            batch.add(new UpdateOneModel<>(Filters.eq("_id", participant),
                    new Document("$set", new Document("events." + event.getString("id"), event)), upsert));
            if (batch.size() == 1000) {
                collection.bulkWrite(batch, new BulkWriteOptions().ordered(false));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            collection.bulkWrite(batch, new BulkWriteOptions().ordered(false));
        }
        return upserts / seconds(start);
    }

    /** Records per second a bare consumer reads all the projection's topics from offset 0, deserialising nothing. */
    private static double rawConsumeRate(String bootstrap, int expected, RebuildRunner.Options options) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, options.maxPollRecords());
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, options.fetchMinBytes());
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) options.fetchMaxWait().toMillis());
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 << 20);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : ProjectionEvents.TOPICS) {
                consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic,
                        info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long start = System.nanoTime();
            long records = 0;
            long bytes = 0;
            while (records < expected) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    records++;
                    bytes += record.value().length;
                }
            }
            double rate = records / seconds(start);
            if (bytes < 0) {
                throw new IllegalStateException();
            }
            return rate;
        }
    }

    private record Timed(Instant time, ProducerRecord<String, byte[]> record) {
    }

    /** Writes the records in time order across all participants, as the services would have published them. */
    static int produce(String bootstrap, int events) {
        return produce(bootstrap, events, java.util.function.UnaryOperator.identity());
    }

    /** The same records, each passed through {@code transform} (sealing, say) before it is sent. */
    static int produce(String bootstrap, int events,
                       java.util.function.UnaryOperator<ProducerRecord<String, byte[]>> transform) {
        Random random = new Random(42);
        Instant origin = Instant.parse("2025-01-06T08:00:00Z");
        int participants = Math.max(1, events / 10);
        int programmes = Math.max(1, participants / 500);
        List<Timed> timed = new ArrayList<>(events + 64);
        List<String> programmeIds = new ArrayList<>();
        for (int p = 0; p < programmes; p++) {
            String programme = UUID.randomUUID().toString();
            programmeIds.add(programme);
            timed.add(new Timed(origin, TestEvents.programmeCreated(programme, 6, origin)));
            timed.add(new Timed(origin.plusSeconds(60), TestEvents.practitionerAssigned(programme,
                    pseudonym(random), origin.plusSeconds(60))));
        }
        for (int i = 0; i < INTERVENTIONS.length; i++) {
            Instant at = origin.plusSeconds(120 + i);
            timed.add(new Timed(at, TestEvents.interventionPublished(INTERVENTIONS[i], "Intervention " + i, 1, at)));
        }
        for (int p = 0; p < participants; p++) {
            String participant = pseudonym(random);
            String programme = programmeIds.get(random.nextInt(programmes));
            Instant start = origin.plus(Duration.ofMinutes(10 + random.nextInt(180 * 24 * 60)));
            String instrument = INSTRUMENTS[random.nextInt(INSTRUMENTS.length)];
            String goal = UUID.randomUUID().toString();
            String intervention = INTERVENTIONS[random.nextInt(INTERVENTIONS.length)];
            timed.add(at(start, TestEvents.enrolled(participant, programme, random.nextBoolean() ? "ops" : null,
                    start)));
            int rating = random.nextInt(4);
            for (int a = 0; a < 3; a++) {
                Instant assessed = start.plus(Duration.ofDays(30L * a)).plusSeconds(600);
                String assessment = UUID.randomUUID().toString();
                String band = BANDS[Math.max(0, 3 - a - random.nextInt(2))];
                timed.add(at(assessed, TestEvents.assessmentCompleted(participant, programme, assessment, instrument,
                        Math.max(0, 18 - 5 * a - random.nextInt(4)), band, assessed)));
                if (a < 2) {
                    Instant issued = assessed.plusSeconds(2);
                    timed.add(at(issued, TestEvents.recommendationsIssued(participant, assessment, band, "step-2",
                            List.of(intervention, INTERVENTIONS[random.nextInt(INTERVENTIONS.length)]), issued)));
                }
                Instant rated = assessed.plus(Duration.ofDays(7));
                rating = Math.min(10, rating + random.nextInt(4));
                if (a == 0) {
                    Instant set = assessed.plus(Duration.ofDays(1));
                    timed.add(at(set, TestEvents.goalSet(participant, goal, intervention, set)));
                }
                timed.add(at(rated, TestEvents.goalRated(participant, goal, rating, rated)));
            }
        }
        timed.sort(Comparator.comparing(Timed::time));
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (Timed t : timed) {
                producer.send(transform.apply(t.record()));
            }
            producer.flush();
        }
        return timed.size();
    }

    private static Timed at(Instant time, ProducerRecord<String, byte[]> record) {
        return new Timed(time, record);
    }

    private static String pseudonym(Random random) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder id = new StringBuilder("p_");
        for (int i = 0; i < 26; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
