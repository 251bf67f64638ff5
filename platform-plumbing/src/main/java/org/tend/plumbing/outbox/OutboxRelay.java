package org.tend.plumbing.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.tend.plumbing.messaging.CloudEventRecords;

/**
 * Sends what an outbox holds and has not sent yet, as CloudEvents, with the service's Kafka producer ({@code acks=all},
 * idempotent), and marks as sent only what the broker acknowledged. While the broker is away nothing is marked and
 * the next round sends the same entries again; an entry sent twice carries the same {@code ce_id}, and readers keep
 * each id once. The one send loop behind every outbox of the plumbing (the audit trail's, {@link EventOutbox}es).
 */
public final class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** Where the relay finds entries to send and records that they were sent. */
    public interface Source {
        /** The collection the entries wait in (for logs). */
        String name();

        /** Entries not sent yet, oldest first. */
        List<OutboxEntry> unsent(int limit);

        void markSent(Collection<String> ids, java.time.Instant sentAt);
    }

    private final Source source;
    private final KafkaTemplate<String, byte[]> kafka;
    private final CloudEventRecords records;
    private final Clock clock;
    private final Duration sendTimeout;
    private final int batch;
    private boolean failing;

    public OutboxRelay(Source source, KafkaTemplate<String, byte[]> kafka, CloudEventRecords records, Clock clock,
                       Duration sendTimeout, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1");
        }
        this.source = source;
        this.kafka = kafka;
        this.records = records;
        this.clock = clock;
        this.sendTimeout = sendTimeout;
        this.batch = batch;
    }

    /** Entries sent in one round at most. */
    public int batch() {
        return batch;
    }

    /**
     * One round: sends up to a batch of unsent entries and marks those the broker acknowledged.
     *
     * @return how many were sent
     */
    public synchronized int publishPending() {
        List<OutboxEntry> entries = source.unsent(batch);
        if (entries.isEmpty()) {
            return 0;
        }
        List<String> sent = new ArrayList<>();
        try {
            // The first alone: while the broker is away each send waits max.block.ms, so a whole batch would wait
            // that long once per entry. One failure ends the round; the next round starts again from the oldest.
            await(send(entries.get(0)));
            sent.add(entries.get(0).id());
            List<CompletableFuture<?>> pending = new ArrayList<>();
            for (OutboxEntry entry : entries.subList(1, entries.size())) {
                pending.add(send(entry));
            }
            for (int i = 0; i < pending.size(); i++) {
                await(pending.get(i));
                sent.add(entries.get(i + 1).id());
            }
            if (failing) {
                log.info("the entries of {} reach the broker again", source.name());
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("the entries of {} cannot be sent yet ({}); they stay there and are sent when the broker is"
                        + " back", source.name(), e.getMessage());
                failing = true;
            }
        } finally {
            source.markSent(sent, clock.instant());
        }
        return sent.size();
    }

    private CompletableFuture<?> send(OutboxEntry entry) {
        if (records.aboutErasedParticipant(entry.event())) {
            return CompletableFuture.completedFuture(null); // dropped: its participant was erased meanwhile
        }
        ProducerRecord<String, byte[]> record = records.toRecord(entry.topic(), entry.id(), entry.time(),
                entry.event());
        return kafka.send(record);
    }

    private void await(CompletableFuture<?> future) {
        try {
            future.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e.getCause() == null ? e.toString() : e.getCause().toString(), e);
        }
    }
}
