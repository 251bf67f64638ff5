package org.tend.assessment.retention;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.tend.assessment.domain.enrolment.EnrolmentDirectory;
import org.tend.assessment.domain.enrolment.EraseParticipant;
import org.tend.assessment.erasure.ErasureReports;

/**
 * Erases the participants of every closed programme whose retention period has ended: every
 * {@code tend.retention.sweep-interval} (a minute by default) it sends an {@link EraseParticipant} for each member not
 * erased yet, exactly as a participant's own erasure does (their key destroyed, every service confirming), and keeps
 * the erasures with the programme for its one report ({@link RetentionReports}).
 *
 * <p>Like the expiry sweep it keeps nothing of its own: the erasure id of a member is derived from the programme and
 * the pseudonym, so a sweep repeated (after a crash, on a second instance) sends the same erasure, which the
 * enrolment refuses as already erased; a member whose enrolment the read model learns late is erased by a later round.
 */
@Component
public class RetentionSweep {

    static final String REQUESTED_BY = "retention";
    private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);

    private final RetentionViews views;
    private final CommandGateway commands;
    private final EnrolmentDirectory enrolments;
    private final ErasureReports reports;
    private final Clock clock;

    public RetentionSweep(RetentionViews views, CommandGateway commands, EnrolmentDirectory enrolments,
                          ErasureReports reports, Clock clock) {
        this.views = views;
        this.commands = commands;
        this.enrolments = enrolments;
        this.reports = reports;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${tend.retention.sweep-interval:PT1M}",
            fixedDelayString = "${tend.retention.sweep-interval:PT1M}")
    public void run() {
        sweep();
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
            List<String> erasures = new ArrayList<>();
            for (String participantId : views.membersOf(retention.programmeId())) {
                String erasureId = erasureIdOf(retention.programmeId(), participantId);
                if (retention.erasureIds().contains(erasureId)) {
                    continue;
                }
                if (enrolments.enrolmentOf(participantId).isEmpty()) {
                    continue; // erased already (at their own request), or not enrolled after all
                }
                try {
                    commands.sendAndWait(new EraseParticipant(participantId, erasureId, REQUESTED_BY, now));
                    reports.open(erasureId, participantId, REQUESTED_BY, now);
                    erasures.add(erasureId);
                    started++;
                } catch (RuntimeException e) {
                    // One failure must not stop the rest; the next sweep tries again.
                    log.warn("could not erase a participant of closed programme {}: {}", retention.programmeId(),
                            e.toString());
                }
            }
            views.started(retention.programmeId(), erasures, now);
        }
        return started;
    }
}
