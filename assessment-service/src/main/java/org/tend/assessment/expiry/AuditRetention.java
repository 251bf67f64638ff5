package org.tend.assessment.expiry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.tend.assessment.query.AuditTrail;
import org.tend.plumbing.audit.AuditSettings;
import org.tend.plumbing.instance.LeasedJob;
import org.tend.plumbing.instance.Leases;

/**
 * Lets the audit trail forget what it may no longer keep: every {@code tend.audit.purge-interval} (PT1H) it deletes the
 * entries that occurred more than {@code tend.audit.retention} (P400D) before the service clock's now. An entry is
 * deleted up to one interval late.
 *
 * <p>Why a sweep and not a MongoDB TTL index: the embedded store of local runs and tests does not expire documents
 * (its TTL indexes are plain indexes), so only a sweep is tested the way it runs; and a TTL index holds its period in the index, so a
 * changed {@code tend.audit.retention} would need the index dropped and rebuilt, where the sweep simply reads it.
 *
 * <p>With several instances the purge runs on one of them (the lease {@value #JOB}).
 */
@Component
public class AuditRetention {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);
    /** The lease that gives the scheduled purge to one instance. */
    public static final String JOB = "audit-retention";

    private final AuditTrail trail;
    private final AuditSettings settings;
    private final Clock clock;
    private final LeasedJob job;

    public AuditRetention(AuditTrail trail, AuditSettings settings, Clock clock, Leases leases,
                          @Value("${tend.audit.purge-interval:PT1H}") Duration interval) {
        this.trail = trail;
        this.settings = settings;
        this.clock = clock;
        this.job = leases.job(JOB, Leases.jobTtl(interval));
    }

    @Scheduled(initialDelayString = "${tend.audit.purge-interval:PT1H}",
            fixedDelayString = "${tend.audit.purge-interval:PT1H}")
    public void run() {
        try {
            job.run(() -> purge());
        } catch (RuntimeException e) {
            log.warn("audit trail purge failed; the next one tries again: {}", e.toString());
        }
    }

    /** Deletes what retention lets go at the clock's now; returns how many entries. */
    public long purge() {
        Instant cutoff = clock.instant().minus(settings.retention());
        long purged = trail.purgeBefore(cutoff);
        if (purged > 0) {
            log.info("deleted {} audit entries that occurred before {} (retention {})", purged, cutoff,
                    settings.retention());
        }
        return purged;
    }
}
