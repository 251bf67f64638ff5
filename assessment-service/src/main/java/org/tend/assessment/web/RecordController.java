package org.tend.assessment.web;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tend.assessment.data.InstrumentLibrary;
import org.tend.assessment.domain.instrument.InstrumentDefinition;
import org.tend.assessment.fhir.AssessmentRecords;
import org.tend.assessment.fhir.InstrumentQuestionnaires;
import org.tend.assessment.query.AssessmentStates;
import org.tend.assessment.query.AssessmentViews;
import org.tend.fhir.FhirRecords;
import org.tend.fhir.FhirResponses;
import org.tend.plumbing.axon.Commands;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.security.RequiresRole;
import org.tend.plumbing.web.BadRequestException;
import org.tend.plumbing.web.NotFoundException;
import org.tend.security.Role;

/**
 * The participant's assessments as FHIR R4 (this service's part of their record, which the gateway puts together
 * with the other services' parts at {@code /api/me/export}), and the instruments as the canonical questionnaires the
 * responses name. Withdrawn consent does not stop this: a person may always read what is held about them.
 */
@RestController
class RecordController {

    private static final String JSON = FhirResponses.JSON;

    private final AssessmentViews views;
    private final AssessmentStates states;
    private final InstrumentLibrary library;
    private final AssessmentRecords records;
    private final InstrumentQuestionnaires questionnaires;
    private final PractitionerAccess access;
    private final Commands commands;

    RecordController(AssessmentViews views, AssessmentStates states, InstrumentLibrary library,
                     AssessmentRecords records, InstrumentQuestionnaires questionnaires, PractitionerAccess access,
                     Commands commands) {
        this.views = views;
        this.states = states;
        this.library = library;
        this.records = records;
        this.questionnaires = questionnaires;
        this.access = access;
        this.commands = commands;
    }

    /** The caller's own assessments: a FHIR {@code Bundle} of type {@code collection}. */
    @RequiresRole(Role.PARTICIPANT)
    @GetMapping(value = "/api/assessments/me/record", produces = {FhirRecords.MEDIA_TYPE, JSON})
    ResponseEntity<String> mine(Caller caller) {
        return bundle(caller.pseudonym());
    }

    /** A participant's assessments, for a practitioner who serves their programme. */
    @RequiresRole(Role.PRACTITIONER)
    @GetMapping(value = "/api/assessments/record", produces = {FhirRecords.MEDIA_TYPE, JSON})
    ResponseEntity<String> ofParticipant(@RequestParam(required = false) String participantId, Caller caller) {
        access.requireServes(caller, BadRequestException.requirePseudonym("participantId", participantId));
        return bundle(participantId);
    }

    /** An instrument as a FHIR {@code Questionnaire}: the current version, or the one named by {@code version}. */
    @RequiresRole({Role.PARTICIPANT, Role.PRACTITIONER, Role.HR, Role.ADMIN})
    @GetMapping(value = "/fhir/Questionnaire/{instrumentId}", produces = {FhirRecords.MEDIA_TYPE, JSON})
    ResponseEntity<String> questionnaire(@PathVariable String instrumentId,
                                         @RequestParam(required = false) String version, Caller caller) {
        InstrumentDefinition d = (version == null ? library.find(instrumentId) : library.find(instrumentId, version))
                .orElseThrow(() -> new NotFoundException(version == null ? "instrumentId" : "version",
                        "There is no instrument " + instrumentId + (version == null ? "" : " " + version)));
        return FhirResponses.of(questionnaires.of(d));
    }

    private ResponseEntity<String> bundle(String participantId) {
        List<Resource> resources = new ArrayList<>();
        for (AssessmentViews.AssessmentSummary summary : views.ofParticipant(participantId)) {
            states.find(summary.assessmentId()).ifPresent(state -> resources.addAll(records.of(state,
                    library.find(state.instrumentId(), state.instrumentVersion()).orElseThrow(() ->
                            new IllegalStateException("the library lacks " + state.instrumentId() + " "
                                    + state.instrumentVersion() + ", which scored assessment "
                                    + state.assessmentId() + ": no part of the record is given without it")))));
        }
        return FhirResponses.part("assessment:" + participantId, commands.now(), resources);
    }
}
