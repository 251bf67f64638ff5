package org.tend.catalogue.web;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tend.catalogue.domain.plan.PlanHistory;
import org.tend.catalogue.fhir.CatalogueRecords;
import org.tend.catalogue.query.CarePlanViews;
import org.tend.catalogue.query.InterventionDirectory;
import org.tend.catalogue.query.InterventionView;
import org.tend.catalogue.query.RecommendationViews;
import org.tend.fhir.FhirRecords;
import org.tend.fhir.FhirResponses;
import org.tend.plumbing.axon.Commands;
import org.tend.plumbing.caseload.CaseloadDirectory;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.security.RequiresRole;
import org.tend.plumbing.web.BadRequestException;
import org.tend.plumbing.web.NotFoundException;
import org.tend.security.Role;

/**
 * The catalogue's entries as FHIR {@code ActivityDefinition}s, and a participant's recommendations as FHIR: this
 * service's part of their record, which the gateway puts together with the other parts at {@code /api/me/export}.
 * Withdrawn consent does not stop it: a person may always read what is held about them.
 */
@RestController
class CatalogueRecordController {

    private static final String JSON = FhirResponses.JSON;

    private final InterventionDirectory directory;
    private final RecommendationViews views;
    private final CaseloadDirectory caseloads;
    private final CatalogueRecords records;
    private final Commands commands;
    private final CarePlanViews plans;

    CatalogueRecordController(InterventionDirectory directory, RecommendationViews views,
                              CaseloadDirectory caseloads, CatalogueRecords records, Commands commands,
                              CarePlanViews plans) {
        this.plans = plans;
        this.directory = directory;
        this.views = views;
        this.caseloads = caseloads;
        this.records = records;
        this.commands = commands;
    }

    /** A catalogue entry as the canonical {@code ActivityDefinition} a plan's activity points to. */
    @RequiresRole({Role.PARTICIPANT, Role.PRACTITIONER, Role.HR, Role.ADMIN})
    @GetMapping(value = "/fhir/ActivityDefinition/{interventionId}", produces = {FhirRecords.MEDIA_TYPE, JSON})
    ResponseEntity<String> activityDefinition(@PathVariable String interventionId, Caller caller) {
        InterventionView entry = directory.find(interventionId).orElseThrow(() -> new NotFoundException(
                "interventionId", "There is no intervention " + interventionId + " in the catalogue"));
        return FhirResponses.of(records.activityDefinition(entry));
    }

    /** The caller's own recommendations: a FHIR {@code Bundle} of type {@code collection}. */
    @RequiresRole(Role.PARTICIPANT)
    @GetMapping(value = "/api/recommendations/me/record", produces = {FhirRecords.MEDIA_TYPE, JSON})
    ResponseEntity<String> mine(Caller caller) {
        return bundle(caller.pseudonym());
    }

    /** A participant's recommendations, for a practitioner who serves their programme. */
    @RequiresRole(Role.PRACTITIONER)
    @GetMapping(value = "/api/recommendations/record", produces = {FhirRecords.MEDIA_TYPE, JSON})
    ResponseEntity<String> ofParticipant(@RequestParam(required = false) String participantId, Caller caller) {
        caseloads.require(caller, BadRequestException.requirePseudonym("participantId", participantId));
        return bundle(participantId);
    }

    private ResponseEntity<String> bundle(String participantId) {
        List<Resource> resources = new java.util.ArrayList<>(views.find(participantId).map(view -> {
            Map<String, InterventionView> entries = view.latest() == null ? Map.of() : directory.findAll(
                    view.latest().recommendations().stream().map(r -> r.interventionId()).toList());
            return records.of(view, entries, caseloads.consentWithdrawnAt(participantId).isPresent());
        }).orElse(List.of()));
        plans.find(participantId).ifPresent(plan -> {
            List<PlanHistory.Span> spans = PlanHistory.spans(plan.adjustments());
            resources.addAll(records.carePlan(participantId, plan.level(), spans, directory.findAll(
                    spans.stream().map(PlanHistory.Span::interventionId).distinct().toList())));
        });
        return FhirResponses.part("catalogue:" + participantId, commands.now(), resources);
    }
}
