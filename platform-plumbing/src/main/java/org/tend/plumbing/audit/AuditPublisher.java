package org.tend.plumbing.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.messaging.CloudEventRecords;
import org.tend.plumbing.messaging.IntegrationEvent;

/**
 * Publishes the outbox's unsent entries to {@code tend.audit.entries} ({@code tend.audit.entry-recorded.v1}, keyed by
 * the actor, {@code ce_id} = the entry id) with the service's Kafka producer ({@code acks=all}, idempotent), and marks
 * them sent once the broker has acknowledged them. While the broker is away nothing is marked, and the next round
 * sends them again; a record sent twice is kept once by the reader, which inserts by entry id. Also deletes what the
 * outbox no longer needs to keep. Runs on a thread of its own, never on a request's.
 */
public final class AuditPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditPublisher.class);

    private final AuditOutbox outbox;
    private final KafkaTemplate<String, byte[]> kafka;
    private final CloudEventRecords records;
    private final Clock clock;
    private final AuditSettings settings;
    private final Object lifecycle = new Object();
    private ScheduledExecutorService scheduler;
    private Instant lastPurge = Instant.MIN;
    private boolean failing;

    public AuditPublisher(AuditOutbox outbox, KafkaTemplate<String, byte[]> kafka, CloudEventRecords records,
                          Clock clock, AuditSettings settings) {
        this.outbox = outbox;
        this.kafka = kafka;
        this.records = records;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * One round: sends up to a batch of unsent entries and marks those the broker acknowledged.
     *
     * @return how many were sent
     */
    public synchronized int publishPending() {
        List<AuditEntry> entries = outbox.unsent(settings.publishBatch());
        if (entries.isEmpty()) {
            return 0;
        }
        List<String> sent = new ArrayList<>();
        try {
            // The first alone: while the broker is away each send waits max.block.ms, so a whole batch would wait
            // that long once per entry. One failure ends the round; the next round starts again from the oldest.
            await(send(entries.get(0)));
            sent.add(entries.get(0).entryId());
            List<CompletableFuture<?>> pending = new ArrayList<>();
            for (AuditEntry entry : entries.subList(1, entries.size())) {
                pending.add(send(entry));
            }
            for (int i = 0; i < pending.size(); i++) {
                await(pending.get(i));
                sent.add(entries.get(i + 1).entryId());
            }
            if (failing) {
                log.info("audit entries reach {} again", EventTypes.AUDIT_TOPIC);
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("audit entries cannot be sent to {} yet ({}); they stay in {} and are sent when the broker"
                        + " is back", EventTypes.AUDIT_TOPIC, e.getMessage(), AuditOutbox.COLLECTION);
                failing = true;
            }
        } finally {
            outbox.markSent(sent, clock.instant());
        }
        return sent.size();
    }

    /** Deletes the outbox's entries sent longer than {@code tend.audit.outbox-retention} ago. */
    public long purgeSent() {
        return outbox.purgeSentBefore(clock.instant().minus(settings.outboxRetention()));
    }

    private CompletableFuture<?> send(AuditEntry entry) {
        ProducerRecord<String, byte[]> record = records.toRecord(EventTypes.AUDIT_TOPIC, entry.entryId(),
                entry.occurredAt(), new IntegrationEvent(EventTypes.AUDIT_ENTRY_RECORDED_V1, entry.actorId(),
                        entry.data()));
        return kafka.send(record);
    }

    private void await(CompletableFuture<?> future) {
        try {
            future.get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e.getCause() == null ? e.toString() : e.getCause().toString(), e);
        }
    }

    private void tick() {
        try {
            while (publishPending() == settings.publishBatch()) {
                // a full batch: more may be waiting
            }
            Instant now = clock.instant();
            if (!now.isBefore(lastPurge.plus(settings.purgeInterval()))) {
                lastPurge = now;
                long purged = purgeSent();
                if (purged > 0) {
                    log.info("deleted {} sent audit entries older than {} from {}", purged, settings.outboxRetention(),
                            AuditOutbox.COLLECTION);
                }
            }
        } catch (RuntimeException e) {
            // The store may be away; the next round tries again.
            log.warn("audit outbox round failed: {}", e.toString());
        }
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "tend-audit-publisher");
                thread.setDaemon(true);
                return thread;
            });
            long interval = settings.publishInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void stop() {
        synchronized (lifecycle) {
            if (scheduler != null) {
                scheduler.shutdownNow();
                scheduler = null;
            }
        }
    }

    @Override
    public boolean isRunning() {
        synchronized (lifecycle) {
            return scheduler != null;
        }
    }
}
