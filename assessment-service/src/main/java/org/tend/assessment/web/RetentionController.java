package org.tend.assessment.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.tend.assessment.domain.programme.ChangeRetention;
import org.tend.assessment.domain.programme.CloseProgramme;
import org.tend.assessment.domain.programme.ProgrammeDirectory;
import org.tend.assessment.domain.programme.ProgrammeProfile;
import org.tend.assessment.domain.programme.RetentionPeriod;
import org.tend.assessment.retention.RetentionReports;
import org.tend.assessment.retention.RetentionReports.Report;
import org.tend.plumbing.axon.Commands;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.security.RequiresRole;
import org.tend.plumbing.web.NoControlCharacters;
import org.tend.plumbing.web.NotFoundException;
import org.tend.security.Role;

/**
 * Retention of a closed programme (GDPR storage limitation): an administrator closes a programme with a retention
 * period, may change the period until it ends, and reads the one report of the erasure that follows: when the period
 * ends every participant of the programme is erased as if they had asked (their key destroyed, every service
 * confirming), by the retention sweep.
 */
@RestController
class RetentionController {

    /** @param retention an ISO-8601 period of days, weeks, months or years, P0D to P10Y, e.g. {@code P1Y} */
    record RetentionRequest(@NotBlank @Size(max = 20) @NoControlCharacters String retention) {
    }

    private final Commands commands;
    private final ProgrammeDirectory programmes;
    private final RetentionReports reports;
    private final ReadYourWrites readYourWrites;

    RetentionController(Commands commands, ProgrammeDirectory programmes, RetentionReports reports,
                        ReadYourWrites readYourWrites) {
        this.commands = commands;
        this.programmes = programmes;
        this.reports = reports;
        this.readYourWrites = readYourWrites;
    }

    /**
     * Closes the programme: from now on nobody enrols (409 {@code programme-closed} on the enrolment code), and when
     * the retention period ends its participants are erased. 422 {@code retention}/{@code iso-8601-period} or
     * {@code range}; 409 {@code programme-closed} when it already is; 404 for no such programme.
     */
    @RequiresRole(Role.ADMIN)
    @PostMapping("/api/programmes/{programmeId}/closure")
    Report close(@PathVariable UUID programmeId, @Valid @RequestBody RetentionRequest request, Caller caller) {
        String id = existing(programmeId);
        Instant now = commands.now();
        commands.send(new CloseProgramme(id, request.retention(), caller.pseudonym(), now), "programmeId");
        return reportOnceVisible(id, r -> true);
    }

    /**
     * A new retention period, counted from the closure. 422 as for closing; 409 {@code programme-open} before the
     * programme is closed, {@code retention-ended} once the period has ended.
     */
    @RequiresRole(Role.ADMIN)
    @PutMapping("/api/programmes/{programmeId}/retention")
    Report change(@PathVariable UUID programmeId, @Valid @RequestBody RetentionRequest request, Caller caller) {
        String id = existing(programmeId);
        commands.send(new ChangeRetention(id, request.retention(), caller.pseudonym(), commands.now()),
                "programmeId");
        String period = RetentionPeriod.parse(request.retention()).toString();
        return reportOnceVisible(id, r -> r.retention().equals(period));
    }

    /** The retention report of a closed programme. 404 {@code programmeId} for no such programme or an open one. */
    @RequiresRole(Role.ADMIN)
    @GetMapping("/api/programmes/{programmeId}/retention")
    Report report(@PathVariable UUID programmeId) {
        String id = existing(programmeId);
        return reports.of(id).orElseThrow(() -> new NotFoundException("programmeId",
                "The programme is open: it has no retention report until it is closed"));
    }

    private String existing(UUID programmeId) {
        String id = programmeId.toString();
        programmes.find(id).orElseThrow(() -> new NotFoundException("programmeId", "There is no programme " + id));
        return id;
    }

    /** The report once the read model shows the change; if it lags longer, what the programme itself says. */
    private Report reportOnceVisible(String id, java.util.function.Predicate<Report> current) {
        readYourWrites.await("retention of " + id, () -> reports.of(id).filter(current).isPresent());
        return reports.of(id).filter(current).orElseGet(() -> {
            ProgrammeProfile profile = programmes.find(id).orElseThrow();
            return RetentionReports.justClosed(id, profile.closedAt(), profile.retention(), profile.eraseAfter());
        });
    }
}
