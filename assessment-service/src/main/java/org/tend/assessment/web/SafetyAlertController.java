package org.tend.assessment.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tend.assessment.config.AssessmentSettings;
import org.tend.assessment.domain.programme.ProgrammeDirectory;
import org.tend.assessment.domain.programme.ProgrammeProfile;
import org.tend.assessment.domain.safety.AcknowledgeSafetyConcern;
import org.tend.assessment.query.SafetyAlerts;
import org.tend.assessment.query.SafetyAlerts.Alert;
import org.tend.plumbing.audit.Audit;
import org.tend.plumbing.axon.Commands;
import org.tend.plumbing.caseload.Caseload;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.security.RequiresRole;
import org.tend.security.Role;
import org.tend.plumbing.web.ForbiddenException;
import org.tend.plumbing.web.NotFoundException;

/** Safety alerts, for the practitioners of the participant's programme only. */
@RestController
@RequestMapping("/api/safety/alerts")
class SafetyAlertController {

    /**
     * @param acknowledgeBy when the alert falls overdue ({@code raisedAt} + {@code tend.safety.acknowledge-within})
     * @param overdue whether that time has passed without an acknowledgement
     */
    record AlertView(String concernId, String participantId, String programmeId, String assessmentId,
                     String instrumentId, String rule, Instant raisedAt, Instant acknowledgeBy, boolean overdue) {
    }

    record AcknowledgementView(String concernId, String assessmentId, String acknowledgedBy, Instant acknowledgedAt) {
    }

    private final SafetyAlerts alerts;
    private final ProgrammeDirectory programmes;
    private final Commands commands;
    private final AssessmentSettings settings;
    private final ReadYourWrites readYourWrites;

    SafetyAlertController(SafetyAlerts alerts, ProgrammeDirectory programmes, Commands commands,
                          AssessmentSettings settings, ReadYourWrites readYourWrites) {
        this.alerts = alerts;
        this.programmes = programmes;
        this.commands = commands;
        this.settings = settings;
        this.readYourWrites = readYourWrites;
    }

    /** Open alerts of every programme the practitioner serves, oldest first. */
    @RequiresRole(Role.PRACTITIONER)
    @GetMapping
    List<AlertView> open(Caller caller) {
        Instant now = commands.now();
        return alerts.openFor(caller.pseudonym()).stream().map(alert -> {
            Instant due = alert.raisedAt().plus(settings.acknowledgeWithin());
            return new AlertView(alert.concernId(), alert.participantId(), alert.programmeId(), alert.assessmentId(),
                    alert.instrumentId(), alert.rule(), alert.raisedAt(), due, now.isAfter(due));
        }).toList();
    }

    @RequiresRole(Role.PRACTITIONER)
    @PostMapping("/{concernId}/acknowledgement")
    @ResponseStatus(HttpStatus.CREATED)
    AcknowledgementView acknowledge(@PathVariable UUID concernId, Caller caller) {
        String id = concernId.toString();
        Alert alert = alerts.find(id)
                .orElseThrow(() -> new NotFoundException("concernId", "There is no such safety alert"));
        Audit.participant(alert.participantId());
        if (Caseload.access(caller, alert.participantId(), List.of(alert.programmeId()), programme -> programmes
                .find(programme).map(p -> p.isServedBy(caller.pseudonym())).orElse(false))
                != Caseload.Access.ASSIGNED_PRACTITIONER) {
            throw new ForbiddenException("Only a practitioner of the participant's programme may acknowledge this");
        }
        Instant now = commands.now();
        commands.send(new AcknowledgeSafetyConcern(alert.assessmentId(), id, caller.pseudonym(), now), "concernId");
        readYourWrites.await("acknowledgement of " + id,
                () -> alerts.find(id).map(a -> !a.open()).orElse(false));
        return new AcknowledgementView(id, alert.assessmentId(), caller.pseudonym(), now);
    }
}
