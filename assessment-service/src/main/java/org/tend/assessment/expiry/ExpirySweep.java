package org.tend.assessment.expiry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.tend.assessment.domain.assessment.ExpireAssessment;
import org.tend.assessment.query.AssessmentViews;
import org.tend.plumbing.instance.LeasedJob;
import org.tend.plumbing.instance.Leases;

/**
 * Expires assessments left unfinished: every {@code tend.assessment.expiry-sweep-interval} it asks the read model for
 * started assessments past their expiry and sends each an {@link ExpireAssessment} command.
 *
 * <p>Why a sweep and not Axon's {@code DeadlineManager}: the only deadline manager that needs no extra
 * infrastructure, {@code SimpleDeadlineManager}, keeps its schedules in memory, so a restart would forget every
 * pending expiry; the persistent ones need Quartz, JobRunr or a database scheduler. The sweep keeps nothing of its
 * own: the expiry time is in the {@code AssessmentStarted} event and in the read model rebuilt from it, so it
 * survives restarts, catches up on whatever fell due while the service was down, and is safe to run on several
 * instances at once (the command is a no-op on an assessment that is finished or not yet due). An expiry may be
 * recorded up to one interval late; the aggregate refuses answers and submission from the moment of expiry anyway.
 *
 * <p>With several instances, the scheduled sweep runs on one of them (the lease {@value #JOB}): two sweeping at once
 * would only send each command twice, for nothing.
 */
@Component
public class ExpirySweep {

    private static final Logger log = LoggerFactory.getLogger(ExpirySweep.class);
    private static final int BATCH = 500;
    /** The lease that gives the scheduled sweep to one instance. */
    public static final String JOB = "expiry-sweep";

    private final AssessmentViews views;
    private final CommandGateway commands;
    private final Clock clock;
    private final LeasedJob job;

    public ExpirySweep(AssessmentViews views, CommandGateway commands, Clock clock, Leases leases,
                       @Value("${tend.assessment.expiry-sweep-interval:PT5M}") Duration interval) {
        this.views = views;
        this.commands = commands;
        this.clock = clock;
        this.job = leases.job(JOB, Leases.jobTtl(interval));
    }

    @Scheduled(initialDelayString = "${tend.assessment.expiry-sweep-interval:PT5M}",
            fixedDelayString = "${tend.assessment.expiry-sweep-interval:PT5M}")
    public void run() {
        job.run(() -> sweep());
    }

    /** Sends the expiry commands due now; returns how many assessments were due. */
    public int sweep() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<String> due = views.unfinishedExpiredBy(now, BATCH);
        for (String assessmentId : due) {
            try {
                commands.sendAndWait(new ExpireAssessment(assessmentId, now));
            } catch (RuntimeException e) {
                // One failure must not stop the rest; the next sweep tries again.
                log.warn("could not expire assessment {}: {}", assessmentId, e.toString());
            }
        }
        return due.size();
    }
}
