package org.tend.plumbing.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.instance.LeasedJob;
import org.tend.plumbing.instance.Leases;
import org.tend.plumbing.messaging.CloudEventRecords;
import org.tend.plumbing.messaging.IntegrationEvent;
import org.tend.plumbing.outbox.OutboxEntry;
import org.tend.plumbing.outbox.OutboxRelay;

/**
 * Publishes the outbox's unsent entries to {@code tend.audit.entries} ({@code tend.audit.entry-recorded.v1}, keyed by
 * the actor, {@code ce_id} = the entry id) with the service's Kafka producer ({@code acks=all}, idempotent), and marks
 * them sent once the broker has acknowledged them. While the broker is away nothing is marked, and the next round
 * sends them again; a record sent twice is kept once by the reader, which inserts by entry id. Also deletes what the
 * outbox no longer needs to keep. Runs on a thread of its own, never on a request's.
 *
 * <p>With several instances one relays the outbox at a time ({@link #exclusive}, the lease
 * {@code outbox:audit_outbox}): otherwise each would send every entry, every round.
 */
public final class AuditPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditPublisher.class);

    private final AuditOutbox outbox;
    private final Clock clock;
    private final AuditSettings settings;
    private final Object lifecycle = new Object();
    private ScheduledExecutorService scheduler;
    private Instant lastPurge = Instant.MIN;
    private final OutboxRelay relay;
    private volatile LeasedJob lease;

    public AuditPublisher(AuditOutbox outbox, KafkaTemplate<String, byte[]> kafka, CloudEventRecords records,
                          Clock clock, AuditSettings settings) {
        this.outbox = outbox;
        this.clock = clock;
        this.settings = settings;
        this.relay = new OutboxRelay(new OutboxRelay.Source() {
            @Override
            public String name() {
                return AuditOutbox.COLLECTION;
            }

            @Override
            public List<OutboxEntry> unsent(int limit) {
                return outbox.unsent(limit).stream().map(entry -> new OutboxEntry(entry.entryId(),
                        EventTypes.AUDIT_TOPIC, entry.occurredAt(), new IntegrationEvent(
                                EventTypes.AUDIT_ENTRY_RECORDED_V1, entry.actorId(), entry.data()))).toList();
            }

            @Override
            public void markSent(Collection<String> ids, Instant sentAt) {
                outbox.markSent(ids, sentAt);
            }
        }, kafka, records, clock, settings.sendTimeout(), settings.publishBatch());
    }

    /** Relays only while this instance holds the outbox's lease (see {@link org.tend.plumbing.outbox.OutboxPublisher}). */
    public AuditPublisher exclusive(Leases leases) {
        this.lease = leases.job("outbox:" + AuditOutbox.COLLECTION, Leases.jobTtl(settings.publishInterval()));
        return this;
    }

    /**
     * One round: sends up to a batch of unsent entries and marks those the broker acknowledged (the plumbing's one
     * send loop, {@link OutboxRelay}).
     *
     * @return how many were sent
     */
    public int publishPending() {
        return relay.publishPending();
    }

    /** Deletes the outbox's entries sent longer than {@code tend.audit.outbox-retention} ago. */
    public long purgeSent() {
        return outbox.purgeSentBefore(clock.instant().minus(settings.outboxRetention()));
    }

    private void tick() {
        LeasedJob job = lease;
        if (job == null) {
            round();
        } else {
            job.run(this::round);
        }
    }

    private void round() {
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
