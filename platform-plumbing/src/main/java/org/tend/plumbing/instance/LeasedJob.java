package org.tend.plumbing.instance;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A periodic job that runs on one instance of a service at a time: each run first acquires (or renews) the job's
 * {@link Leases lease}, and is skipped on every instance that does not get it. The holder keeps the lease from run to
 * run (its ttl outlasts the interval, {@link Leases#jobTtl}), renews it every third of the ttl while a run lasts, and
 * once more when the run ends; so the job stays with one instance while it lives, and when it dies the lease expires
 * and the first run of another instance after that takes it over: at most one ttl plus one interval after the dead
 * holder's last run.
 *
 * <p>A holder that cannot renew in time (a pause longer than the ttl, the store away) may find a run of another
 * instance overlapping the end of its own; the jobs are written to tolerate that (each is idempotent), the lease only
 * makes it rare.
 */
public final class LeasedJob {

    private static final Logger log = LoggerFactory.getLogger(LeasedJob.class);
    private static final ScheduledExecutorService RENEWALS = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tend-lease-renewal");
        thread.setDaemon(true);
        return thread;
    });

    private final Leases leases;
    private final String name;
    private final Duration ttl;

    LeasedJob(Leases leases, String name, Duration ttl) {
        this.leases = leases;
        this.name = name;
        this.ttl = ttl;
    }

    public String name() {
        return name;
    }

    /** Runs {@code work} if this instance holds the job's lease; returns whether it ran. */
    public boolean run(Runnable work) {
        return run(acquisition -> work.run());
    }

    /**
     * Runs {@code work} if this instance holds the job's lease, telling it whether the lease was just acquired (a job
     * that keeps state in memory between runs must start afresh then: another instance ran it meanwhile).
     */
    public boolean run(Consumer<Leases.Acquisition> work) {
        Leases.Acquisition acquisition;
        try {
            acquisition = leases.acquire(name, ttl);
        } catch (RuntimeException e) {
            log.warn("job {} skipped: its lease cannot be read ({})", name, e.toString());
            return false;
        }
        if (!acquisition.held()) {
            return false;
        }
        if (acquisition == Leases.Acquisition.ACQUIRED) {
            log.info("instance {} runs job {} from now on", leases.instance(), name);
        }
        long every = Math.max(1, ttl.toMillis() / 3);
        ScheduledFuture<?> renewal = RENEWALS.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        try {
            work.accept(acquisition);
        } finally {
            renewal.cancel(false);
            renew();
        }
        return true;
    }

    private void renew() {
        try {
            if (!leases.acquire(name, ttl).held()) {
                log.warn("instance {} lost the lease of job {} while running it (another instance took it over)",
                        leases.instance(), name);
            }
        } catch (RuntimeException e) {
            log.warn("the lease of job {} cannot be renewed ({})", name, e.toString());
        }
    }
}
