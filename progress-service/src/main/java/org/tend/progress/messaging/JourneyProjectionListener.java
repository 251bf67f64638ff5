package org.tend.progress.messaging;

import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.tend.plumbing.messaging.InboundEvents;
import org.tend.plumbing.messaging.MalformedEventException;
import org.tend.plumbing.messaging.ReceivedEvent;
import org.tend.progress.query.ProjectionGenerations;
import org.tend.progress.query.ProjectionWriter;

/**
 * Projects every poll of the three topics into the journeys: the whole batch is folded into one upsert per document
 * and written into the served generation, and also into the generation a rebuild is filling, if any.
 *
 * <p>A record that can never be applied must not block the others: the records before it are written, then
 * {@link BatchListenerFailedException} names its index, so the plumbing's error handler commits what came before,
 * publishes exactly that record to {@code tend.progress.dead-letters} and delivers the rest again.
 *
 * <p>A write the store refuses for a passing reason (unreachable, timed out, electing a primary) is retried here with
 * back-off for up to {@code storeOutage}: thrown at once, the plumbing's handler would retry the batch twice within a
 * second and then send every record of it to the dead letters. Beyond that the batch fails as a whole.
 */
public class JourneyProjectionListener {

    private static final Logger log = LoggerFactory.getLogger(JourneyProjectionListener.class);

    private final InboundEvents inbound;
    private final ProjectionWriter writer;
    private final ProjectionGenerations generations;
    private final Duration storeOutage;

    public JourneyProjectionListener(InboundEvents inbound, ProjectionWriter writer,
                                     ProjectionGenerations generations, Duration storeOutage) {
        this.inbound = inbound;
        this.writer = writer;
        this.generations = generations;
        this.storeOutage = storeOutage;
    }

    @KafkaListener(id = "progress-journeys", groupId = "tend-progress", batch = "true",
            topics = {"tend.assessment.events", "tend.catalogue.events", "tend.goal.events"})
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        List<ReceivedEvent<?>> changes = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                inbound.read(records.get(i)).ifPresent(changes::add);
            } catch (MalformedEventException e) {
                apply(changes);
                ConsumerRecord<String, byte[]> poison = records.get(i);
                log.warn("record {}-{}@{} cannot be applied: {}", poison.topic(), poison.partition(), poison.offset(),
                        e.getMessage());
                throw new BatchListenerFailedException(e.getMessage(), e, i);
            }
        }
        apply(changes);
    }

    private void apply(List<ReceivedEvent<?>> changes) {
        if (changes.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + storeOutage.toNanos();
        long backOffMillis = 200;
        while (true) {
            try {
                generations.writeTo(targets -> writer.apply(changes, targets));
                return;
            } catch (MongoSocketException | MongoTimeoutException | MongoNotPrimaryException
                     | MongoNodeIsRecoveringException e) {
                if (System.nanoTime() + backOffMillis * 1_000_000 > deadline) {
                    throw e;
                }
                log.warn("the store refused a write ({}); retrying in {} ms", e.getMessage(), backOffMillis);
                try {
                    Thread.sleep(backOffMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backOffMillis = Math.min(backOffMillis * 2, 5_000);
            }
        }
    }
}
