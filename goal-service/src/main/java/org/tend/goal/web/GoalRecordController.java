package org.tend.goal.web;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tend.fhir.FhirRecords;
import org.tend.fhir.FhirResponses;
import org.tend.goal.fhir.GoalRecords;
import org.tend.goal.query.GoalViews;
import org.tend.plumbing.axon.Commands;
import org.tend.plumbing.caseload.CaseloadDirectory;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.security.RequiresRole;
import org.tend.plumbing.web.BadRequestException;
import org.tend.security.Role;

/**
 * The participant's goals, ratings and plan as FHIR R4: this service's part of their record, which the gateway puts
 * together with the other services' parts at {@code /api/me/export}. Withdrawn consent does not stop it.
 */
@RestController
class GoalRecordController {

    private static final String JSON = FhirResponses.JSON;

    private final GoalAccess access;
    private final GoalViews views;
    private final GoalRecords records;
    private final Commands commands;
    private final CaseloadDirectory caseloads;

    GoalRecordController(GoalAccess access, GoalViews views, GoalRecords records, Commands commands,
                         CaseloadDirectory caseloads) {
        this.caseloads = caseloads;
        this.access = access;
        this.views = views;
        this.records = records;
        this.commands = commands;
    }

    /** The caller's own goals: a FHIR {@code Bundle} of type {@code collection}. */
    @RequiresRole(Role.PARTICIPANT)
    @GetMapping(value = "/api/goals/me/record", produces = {FhirRecords.MEDIA_TYPE, JSON})
    ResponseEntity<String> mine(Caller caller) {
        return bundle(caller.pseudonym());
    }

    /** A participant's goals, for a practitioner who serves their programme. */
    @RequiresRole(Role.PRACTITIONER)
    @GetMapping(value = "/api/goals/record", produces = {FhirRecords.MEDIA_TYPE, JSON})
    ResponseEntity<String> ofParticipant(@RequestParam(required = false) String participantId, Caller caller) {
        access.forParticipant(caller, BadRequestException.requirePseudonym("participantId", participantId));
        return bundle(participantId);
    }

    private ResponseEntity<String> bundle(String participantId) {
        boolean withdrawn = caseloads.consentWithdrawnAt(participantId).isPresent();
        return FhirResponses.part("goal:" + participantId, commands.now(),
                records.of(views.goalsOf(participantId), withdrawn));
    }
}
