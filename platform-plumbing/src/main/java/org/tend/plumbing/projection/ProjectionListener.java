package org.tend.plumbing.projection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.tend.plumbing.messaging.InboundEvents;
import org.tend.plumbing.messaging.MalformedEventException;
import org.tend.plumbing.messaging.Outages;
import org.tend.plumbing.messaging.ReceivedEvent;
import org.tend.plumbing.messaging.RecordListener;

/**
 * The live side of a {@link Projection}: every poll is folded into one batch and written into the served generation,
 * and also into the generation a rebuild is filling, if any, as the store says at the time of the write (a rebuild
 * may run on another instance: {@link ProjectionGenerations} explains why reading them per batch is enough). A service subclasses it only to put its
 * {@code @KafkaListener(batch = "true", ...)} on a method that calls {@link #onBatch}.
 *
 * <p>A record that cannot be applied must not take the others with it. Whatever fails is named to the plumbing's error
 * handler by its index ({@link BatchListenerFailedException}), which commits what came before, retries from that
 * record and, for a record at fault, publishes exactly that record to the service's dead letters and delivers the
 * rest again:
 * <ul>
 *   <li>a record that breaks its contract: the records before it are written first;</li>
 *   <li>a write the store refuses for the content of one record: the batch is written record by record to find it,
 *       the ones before it are written;</li>
 *   <li>a store outage ({@link Outages}: unreachable, timed out, electing a primary, …): retried here with back-off
 *       for up to {@code storeOutage}, then named at the first unwritten record, which the error handler retries
 *       for as long as the outage lasts; never dead-lettered (thrown without an index, the handler would retry the
 *       whole poll twice and then send every record of it to the dead letters).</li>
 * </ul>
 */
public class ProjectionListener implements RecordListener {

    private static final Logger log = LoggerFactory.getLogger(ProjectionListener.class);

    /** Where a poll's changes are written. */
    @FunctionalInterface
    public interface Writes {
        void write(List<ReceivedEvent<?>> changes);
    }

    private final InboundEvents inbound;
    private final Writes writes;
    private final Duration storeOutage;

    /** Writes into every current target of {@code generations}. */
    public ProjectionListener(Projection projection, ProjectionGenerations generations, Duration storeOutage) {
        this(projection.inbound(), changes -> generations.writeTo(targets -> {
            Projection.Batch batch = projection.newBatch();
            changes.forEach(batch::add);
            return projection.write(batch, targets);
        }), storeOutage);
    }

    public ProjectionListener(InboundEvents inbound, Writes writes, Duration storeOutage) {
        this.inbound = inbound;
        this.writes = writes;
        this.storeOutage = storeOutage;
    }

    /** One poll, as a batch {@code @KafkaListener} receives it. */
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        List<ReceivedEvent<?>> changes = new ArrayList<>(records.size());
        List<Integer> indexes = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                int index = i;
                inbound.read(records.get(i)).ifPresent(event -> {
                    changes.add(event);
                    indexes.add(index);
                });
            } catch (MalformedEventException e) {
                apply(changes, indexes);
                throw new BatchListenerFailedException(e.getMessage(), e, i);
            } catch (RuntimeException e) {
                // Reading needs infrastructure too (a sealed record waits for its participant's key): what was read
                // before it is written, and the poll is retried from this record with the outage back-off, never
                // dead-lettered. Anything else names this record to the error handler.
                apply(changes, indexes);
                throw new BatchListenerFailedException(e.getMessage(), e, i);
            }
        }
        apply(changes, indexes);
    }

    /** One record on its own, as a dead letter is re-driven. */
    @Override
    public void on(ConsumerRecord<String, byte[]> record) {
        onBatch(List.of(record));
    }

    /** Writes the changes, or names the first record that was not written and why. */
    private void apply(List<ReceivedEvent<?>> changes, List<Integer> indexes) {
        if (changes.isEmpty()) {
            return;
        }
        try {
            write(changes);
            return;
        } catch (RuntimeException e) {
            if (Outages.isOutage(e) || changes.size() == 1) {
                throw new BatchListenerFailedException(e.getMessage(), e, indexes.get(0));
            }
            log.warn("a poll of {} events could not be written ({}); writing them one by one to find the one at fault",
                    changes.size(), e.toString());
        }
        for (int k = 0; k < changes.size(); k++) {
            try {
                write(List.of(changes.get(k)));
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException(e.getMessage(), e, indexes.get(k));
            }
        }
    }

    /** Writes, riding out a short store outage. */
    private void write(List<ReceivedEvent<?>> changes) {
        long deadline = System.nanoTime() + storeOutage.toNanos();
        long backOffMillis = 200;
        while (true) {
            try {
                writes.write(changes);
                return;
            } catch (RuntimeException e) {
                if (!Outages.isOutage(e) || System.nanoTime() + backOffMillis * 1_000_000 > deadline) {
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
