package org.tend.progress.bench;

import ch.qos.logback.classic.Level;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.keys.InMemoryKeyRecords;
import org.tend.keys.MasterKey;
import org.tend.keys.ParticipantKeys;
import org.tend.plumbing.projection.RebuildProgress;
import org.tend.plumbing.projection.RebuildRunner;
import org.tend.progress.query.JourneyProjection;
import org.tend.progress.query.ProjectionEvents;
import org.tend.progress.query.ProjectionWriter;

/**
 * What sealing the records on the topics costs a rebuild (issue 10): the same N records (RebuildBenchmark's mix) on
 * two brokers, in the clear on one and sealed with each participant's key on the other, rebuilt alternately into
 * mongo-java-server's memory backend, best of {@code rounds} each; prints both rates and their ratio. The rebuilding
 * consumer holds the keys in memory (a follower of the key topic that has read it), as a running service does. Not a
 * test: {@code ./benchmark.sh rebuild-sealing [events] [rounds]}.
 */
public final class SealedRebuildBenchmark {

    private SealedRebuildBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(Level.WARN);
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        MasterKey master = MasterKey.fromKeysetJson(MasterKey.generateKeysetJson());
        InMemoryKeyRecords shared = new InMemoryKeyRecords();
        ParticipantKeys maker = new ParticipantKeys(master, shared, true);
        ParticipantKeys reader = new ParticipantKeys(master, shared, false, Duration.ofSeconds(10));

        EmbeddedKafkaKraftBroker plainBroker = new EmbeddedKafkaKraftBroker(1, 3,
                ProjectionEvents.TOPICS.toArray(String[]::new));
        EmbeddedKafkaKraftBroker sealedBroker = new EmbeddedKafkaKraftBroker(1, 3,
                ProjectionEvents.TOPICS.toArray(String[]::new));
        plainBroker.afterPropertiesSet();
        sealedBroker.afterPropertiesSet();
        try {
            int written = RebuildBenchmark.produce(plainBroker.getBrokersAsString(), events);
            int sealed = RebuildBenchmark.produce(sealedBroker.getBrokersAsString(), events,
                    record -> seal(record, maker));
            System.out.printf(Locale.ROOT, "wrote %,d records in the clear and %,d with each participant's records"
                    + " sealed%n", written, sealed);
            RebuildRunner.Options options = RebuildRunner.Options.defaults();
            // Warm-up of both paths, unreported.
            rebuild(plainBroker.getBrokersAsString(), new ProjectionEvents(ContractValidator.load()), options);
            rebuild(sealedBroker.getBrokersAsString(), new ProjectionEvents(ContractValidator.load(), reader), options);
            double plain = 0;
            double opened = 0;
            List<String> runs = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                double p = rebuild(plainBroker.getBrokersAsString(), new ProjectionEvents(ContractValidator.load()),
                        options);
                double o = rebuild(sealedBroker.getBrokersAsString(),
                        new ProjectionEvents(ContractValidator.load(), reader), options);
                runs.add(String.format(Locale.ROOT, "%,.0f / %,.0f", p, o));
                plain = Math.max(plain, p);
                opened = Math.max(opened, o);
            }
            System.out.println("rounds (clear / sealed events/s): " + String.join("; ", runs));
            System.out.printf(Locale.ROOT, "rebuild of %,d records, memory backend, best of %d: clear %,.0f events/s,"
                    + " sealed %,.0f events/s, sealed / clear = %.2f%n", written, rounds, plain, opened,
                    opened / plain);
        } finally {
            plainBroker.destroy();
            sealedBroker.destroy();
        }
    }

    /** The record as a service publishes it: data sealed with the participant's key for the sealed types. */
    static ProducerRecord<String, byte[]> seal(ProducerRecord<String, byte[]> record, ParticipantKeys keys) {
        var type = record.headers().lastHeader("ce_type");
        String name = type == null ? null : new String(type.value(), StandardCharsets.UTF_8);
        if (name == null || !EventTypes.SEALED.contains(name)) {
            return record;
        }
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.remove("content-type");
        headers.add("content-type", EventTypes.SEALED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(), record.key(),
                keys.seal(record.key(), EventTypes.sealingContext(name), record.value()), headers);
    }

    private static double rebuild(String bootstrap, ProjectionEvents events, RebuildRunner.Options options) {
        MongoServer server = new MongoServer(new MemoryBackend());
        int port = server.bind().getPort();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoDatabase database = client.getDatabase("bench-rebuild");
            RebuildProgress progress = new RebuildProgress();
            long start = System.nanoTime();
            new RebuildRunner(bootstrap, new JourneyProjection(new ProjectionWriter(database), events), options)
                    .run(1, progress, () -> false);
            double rate = progress.eventsApplied() / RebuildBenchmark.seconds(start);
            if (progress.eventsSkipped() > 0) {
                throw new IllegalStateException(progress.eventsSkipped() + " events skipped");
            }
            return rate;
        } finally {
            server.shutdownNow();
        }
    }
}
