package org.tend.assessment.retention;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.tend.assessment.domain.enrolment.EnrolmentDirectory;
import org.tend.assessment.domain.enrolment.EraseParticipant;
import org.tend.assessment.domain.programme.ProgrammeDirectory;
import org.tend.assessment.domain.programme.ProgrammeProfile;
import org.tend.assessment.erasure.ErasureReports;
import org.tend.plumbing.instance.LeasedJob;
import org.tend.plumbing.instance.Leases;

/**
 * Erases the participants of every closed programme whose retention period has ended: every
 * {@code tend.retention.sweep-interval} (a minute by default) it sends an {@link EraseParticipant} for each member not
 * erased yet, exactly as a participant's own erasure does (their key destroyed, every service confirming), and keeps
 * the erasures with the programme for its one report ({@link RetentionReports}).
 *
 * <p>Like the expiry sweep it keeps nothing of its own: the erasure id of a member is derived from the programme and
 * the pseudonym, so a sweep repeated (after a crash, on a second instance) sends the same erasure, which the
 * enrolment refuses as already erased; a member whose enrolment the read model learns late is erased by a later round.
 * With several instances the scheduled sweep runs on one of them (the lease {@value #JOB}), so a member's erasure is
 * not sent twice at once.
 */
@Component
public class RetentionSweep {

    static final String REQUESTED_BY = "retention";
    private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);
    /** The lease that gives the scheduled sweep to one instance. */
    public static final String JOB = "retention-sweep";

    private final RetentionViews views;
    private final CommandGateway commands;
    private final EnrolmentDirectory enrolments;
    private final ErasureReports reports;
    private final ProgrammeDirectory programmes;
    private final Clock clock;
    private final LeasedJob job;

    public RetentionSweep(RetentionViews views, CommandGateway commands, EnrolmentDirectory enrolments,
                          ErasureReports reports, ProgrammeDirectory programmes, Clock clock, Leases leases,
                          @Value("${tend.retention.sweep-interval:PT1M}") Duration interval) {
        this.job = leases.job(JOB, Leases.jobTtl(interval));
        this.programmes = programmes;
        this.views = views;
        this.commands = commands;
        this.enrolments = enrolments;
        this.reports = reports;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${tend.retention.sweep-interval:PT1M}",
            fixedDelayString = "${tend.retention.sweep-interval:PT1M}")
    public void run() {
        job.run(() -> sweep());
    }

    /** The erasure of a programme's member that retention starts: the same however often it is started. */
    public static String erasureIdOf(String programmeId, String participantId) {
        return UUID.nameUUIDFromBytes(("retention|" + programmeId + "|" + participantId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Starts the erasures due now; returns how many were started. */
    public int sweep() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int started = 0;
        for (RetentionViews.Retention retention : views.endedBy(now)) {
            String programmeId = retention.programmeId();
            // The programme itself decides, not the read model, which may not show an extension accepted a moment ago.
            boolean ended = programmes.find(programmeId).map(ProgrammeProfile::eraseAfter)
                    .filter(eraseAfter -> !now.isBefore(eraseAfter)).isPresent();
            if (!ended) {
                continue;
            }
            for (String participantId : views.membersOf(programmeId)) {
                String erasureId = erasureIdOf(programmeId, participantId);
                if (reports.find(erasureId, Optional.empty()).isPresent()) {
                    views.started(programmeId, List.of(erasureId), now); // sent before; attached, if it was not
                    continue;
                }
                if (enrolments.enrolmentOf(participantId).isEmpty()) {
                    continue; // erased already (at their own request, with their own report), or not enrolled
                }
                // Attached to the programme before it is sent, so that no erasure it starts escapes its report.
                views.started(programmeId, List.of(erasureId), now);
                try {
                    commands.sendAndWait(new EraseParticipant(participantId, erasureId, REQUESTED_BY, now));
                    reports.open(erasureId, participantId, REQUESTED_BY, now);
                    started++;
                } catch (RuntimeException e) {
                    // One failure must not stop the rest; the next sweep tries again.
                    log.warn("could not erase a participant of closed programme {}: {}", programmeId, e.toString());
                }
            }
            views.started(programmeId, List.of(), now);
        }
        return started;
    }
}
