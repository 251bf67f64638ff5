package org.tend.plumbing.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.tend.plumbing.instance.LeasedJob;
import org.tend.plumbing.instance.Leases;

/**
 * Publishes an {@link EventOutbox} on a thread of its own: every {@code interval} it sends what is pending (through an
 * {@link OutboxRelay}, round after round while rounds come back full) and, once per {@code purgeInterval}, deletes
 * what was sent longer than {@code retention} ago. A failed round (broker or store away) is logged and tried again.
 *
 * <p>With several instances of the service, one relays the outbox at a time ({@link #exclusive}: the lease
 * {@code outbox:<collection>}): two relays reading the same unsent entries would send each of them twice, every
 * round. When the holder dies the lease runs out and another instance carries on from the oldest unsent entry, so
 * nothing is lost; an entry the dead one sent but had not yet marked is sent again, with the same {@code ce_id}.
 */
public class OutboxPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);

    private final EventOutbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;
    private final Duration interval;
    private final Duration retention;
    private final Duration purgeInterval;
    private final Object lifecycle = new Object();
    private ScheduledExecutorService scheduler;
    private Instant lastPurge = Instant.MIN;
    private volatile LeasedJob lease;

    public OutboxPublisher(EventOutbox outbox, OutboxRelay relay, Clock clock, Duration interval, Duration retention,
                           Duration purgeInterval) {
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
        this.interval = interval;
        this.retention = retention;
        this.purgeInterval = purgeInterval;
    }

    /**
     * Relays only while this instance holds the outbox's lease (ttl {@link Leases#jobTtl} of the interval, at least
     * 10 s: how long the outbox may wait after its relay dies).
     */
    public OutboxPublisher exclusive(Leases leases) {
        this.lease = leases.job("outbox:" + outbox.name(), Leases.jobTtl(interval));
        return this;
    }

    /** One round of sending; how many entries were sent. */
    public int publishPending() {
        return relay.publishPending();
    }

    /** Deletes the entries sent longer than the retention ago. */
    public long purgeSent() {
        return outbox.purgeSentBefore(clock.instant().minus(retention));
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
            while (relay.publishPending() == relay.batch()) {
                // a full batch: more may be waiting
            }
            Instant now = clock.instant();
            if (!now.isBefore(lastPurge.plus(purgeInterval))) {
                lastPurge = now;
                long purged = purgeSent();
                if (purged > 0) {
                    log.info("deleted {} sent entries older than {} from {}", purged, retention, outbox.name());
                }
            }
        } catch (RuntimeException e) {
            log.warn("a round of {} failed: {}", outbox.name(), e.toString());
        }
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (scheduler == null) {
                scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "tend-outbox-" + outbox.name());
                    thread.setDaemon(true);
                    return thread;
                });
                long millis = interval.toMillis();
                scheduler.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
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
