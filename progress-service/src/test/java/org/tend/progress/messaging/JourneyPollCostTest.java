package org.tend.progress.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.tend.contracts.ContractValidator;
import org.tend.plumbing.projection.ProjectionGenerations;
import org.tend.progress.TestEvents;
import org.tend.progress.query.JourneyProjection;
import org.tend.progress.query.ProjectionEvents;
import org.tend.progress.query.ProjectionNames;
import org.tend.progress.query.ProjectionWriter;
import org.tend.testsupport.EmbeddedMongo;

/**
 * What one poll of the journeys costs the store: a bounded number of round trips, whatever the poll's size (the
 * generation state read before and after the write, the erasures looked up, one bulk write per collection), so a
 * catch-up that polls up to {@code max.poll.records} at a time pays them once per poll, not per record. Prints the
 * commands and times per poll size (mongo-java-server in memory: the counts hold for MongoDB, the times do not).
 */
class JourneyPollCostTest {

    static final String PROGRAMME = "0b6c2f4e-1d2a-4c3b-9e8f-7a6b5c4d3e2f";
    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

    @Test
    void aPollCostsTheStoreTheSameFewRoundTripsWhateverItsSize() {
        AtomicInteger commands = new AtomicInteger();
        Map<String, Integer> byName = new TreeMap<>();
        CommandListener counter = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                commands.incrementAndGet();
                synchronized (byName) {
                    byName.merge(event.getCommandName(), 1, Integer::sum);
                }
            }
        };
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(EmbeddedMongo.connectionString()))
                .addCommandListener(counter).build())) {
            MongoDatabase db = client.getDatabase("cost-" + UUID.randomUUID().toString().substring(0, 8));
            ProjectionGenerations generations = ProjectionNames.generations(db, Clock.systemUTC());
            JourneyProjection projection = new JourneyProjection(new ProjectionWriter(db),
                    new ProjectionEvents(ContractValidator.load()));
            JourneyProjectionListener listener = new JourneyProjectionListener(projection, generations,
                    Duration.ofSeconds(1));
            listener.onBatch(poll(0, 10)); // warms up: the members' index, the state document

            Map<Integer, Integer> perPoll = new TreeMap<>();
            int next = 10;
            for (int size : new int[] {1, 10, 100, 1000}) {
                List<ConsumerRecord<String, byte[]>> poll = poll(next, size);
                next += size;
                commands.set(0);
                byName.clear();
                long started = System.nanoTime();
                listener.onBatch(poll);
                long micros = (System.nanoTime() - started) / 1_000;
                perPoll.put(size, commands.get());
                // Reading alone (CloudEvents, the contract's schema, binding): the part no store round trip is in.
                long readStarted = System.nanoTime();
                poll(next, size).forEach(projection.inbound()::read);
                long readMicros = (System.nanoTime() - readStarted) / 1_000;
                System.out.printf("journeys poll of %4d records: %2d store commands %s, %,d µs (%,.0f records/s), "
                                + "of which reading about %,d µs%n", size, commands.get(), byName, micros,
                        size * 1e6 / Math.max(1, micros), readMicros);
            }
            assertThat(perPoll.get(1000)).as("round trips of a poll do not grow with its records")
                    .isEqualTo(perPoll.get(10)).isLessThanOrEqualTo(10);
        }
    }

    /** {@code size} records: enrolments and goals of distinct participants, as a catch-up polls them. */
    static List<ConsumerRecord<String, byte[]>> poll(int first, int size) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String participant = participant(first + i);
            ProducerRecord<String, byte[]> record = i % 2 == 0
                    ? TestEvents.enrolled(participant, PROGRAMME, null, T0.plusSeconds(i))
                    : TestEvents.goalSet(participant, UUID.randomUUID().toString(), "cbt", T0.plusSeconds(i));
            records.add(TestEvents.consumed(record, first + i));
        }
        return records;
    }

    /** A pseudonym of the participants' form, one per index. */
    static String participant(int index) {
        StringBuilder id = new StringBuilder();
        for (int n = index, k = 0; k < 26; k++, n /= 26) {
            id.append((char) ('a' + n % 26));
        }
        return "p_" + id;
    }
}
