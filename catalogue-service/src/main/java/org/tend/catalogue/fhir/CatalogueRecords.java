package org.tend.catalogue.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.ActivityDefinition;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Resource;
import org.tend.catalogue.domain.plan.PlanHistory;
import org.tend.catalogue.domain.recommendation.RankedIntervention;
import org.tend.catalogue.domain.recommendation.RecommendationsIssued;
import org.tend.catalogue.query.InterventionView;
import org.tend.catalogue.query.RecommendationViews;
import org.tend.fhir.FhirBase;
import org.tend.fhir.FhirRecords;

/**
 * The catalogue in FHIR R4: each entry as the canonical {@code ActivityDefinition} that plans point to (served at
 * {@code <base>/ActivityDefinition/<id>}), and the catalogue-service's part of a participant's record: their latest
 * recommendations as a {@code CarePlan} of intent {@code proposal}, each activity pointing at its entry, with the
 * reason it was recommended; while a care hold stands, the proposal is on hold and proposes nothing.
 */
public final class CatalogueRecords {

    static final String SNOMED = "http://snomed.info/sct";

    private final FhirBase base;

    public CatalogueRecords(FhirBase base) {
        this.base = base;
    }

    public ActivityDefinition activityDefinition(InterventionView entry) {
        ActivityDefinition a = new ActivityDefinition();
        a.setId(entry.interventionId());
        a.setUrl(base.activityDefinition(entry.interventionId()));
        a.setVersion(entry.catalogueVersion());
        a.setName(computerName(entry.interventionId()));
        a.setTitle(entry.name());
        a.setStatus(Enumerations.PublicationStatus.ACTIVE);
        a.setDescription(entry.approach());
        if (entry.evidenceNote() != null) {
            a.setUsage(entry.evidenceNote());
        }
        a.setKind(ActivityDefinition.ActivityDefinitionKind.SERVICEREQUEST);
        CodeableConcept code = new CodeableConcept().setText(entry.name());
        if (entry.snomed() != null) {
            code.addCoding(new Coding(SNOMED, entry.snomed().code(), entry.snomed().display()));
        }
        a.setCode(code);
        if (entry.revisedAt() != null || entry.publishedAt() != null) {
            a.setDate(FhirRecords.date(entry.revisedAt() != null ? entry.revisedAt() : entry.publishedAt()));
        }
        for (String target : entry.targets()) {
            a.addTopic(new CodeableConcept(new Coding(base.codeSystem("intervention-targets"), target, null)));
        }
        return a;
    }

    /**
     * The participant's latest recommendations as a proposed plan; nothing when they have none. While their consent
     * stands withdrawn the proposal is on hold (recommendations stop until they consent again).
     */
    public List<Resource> of(RecommendationViews.ParticipantView view, Map<String, InterventionView> entries,
                             boolean consentWithdrawn) {
        List<Resource> resources = new ArrayList<>(1);
        RecommendationsIssued latest = view.latest();
        if (latest == null && view.heldSince() == null) {
            return resources;
        }
        CarePlan plan = new CarePlan();
        plan.setId(FhirRecords.id("recommendations", view.participantId()));
        plan.setIntent(CarePlan.CarePlanIntent.PROPOSAL);
        plan.setSubject(FhirRecords.participant(view.participantId()));
        if (view.heldSince() != null) {
            plan.setStatus(CarePlan.CarePlanStatus.ONHOLD);
            plan.setTitle("Recommendations held for a practitioner's review");
            plan.setCreated(FhirRecords.date(view.heldSince()));
            resources.add(plan);
            return resources;
        }
        plan.setStatus(consentWithdrawn ? CarePlan.CarePlanStatus.ONHOLD : CarePlan.CarePlanStatus.ACTIVE);
        plan.setTitle("Recommended interventions (stepped care " + latest.level() + ")");
        plan.setDescription(latest.levelReason());
        plan.setCreated(FhirRecords.date(latest.issuedAt()));
        for (RankedIntervention r : latest.recommendations()) {
            InterventionView entry = entries.get(r.interventionId());
            CarePlan.CarePlanActivityDetailComponent detail = plan.addActivity().getDetail();
            detail.addInstantiatesCanonical(base.activityDefinition(r.interventionId()));
            detail.setStatus(CarePlan.CarePlanActivityStatus.NOTSTARTED);
            detail.setDescription("#" + r.rank() + " " + (entry != null ? entry.name() : r.interventionId()));
            detail.addReasonCode(new CodeableConcept(new Coding(base.codeSystem("recommendation-reasons"),
                    r.reasonCode(), null)).setText(r.reason()));
        }
        resources.add(plan);
        return resources;
    }

    /**
     * The participant's care plan as it stands (intent {@code plan}): its level, and each intervention with when it
     * began and ended and, for an ended one, the coded reason. Nothing before the plan's first adjustment. The
     * practitioners' notes are not part of it, as they are not shown to the participant.
     */
    public List<Resource> carePlan(String participantId, String level, List<PlanHistory.Span> spans,
                                   Map<String, InterventionView> entries) {
        if (spans.isEmpty() && level == null) {
            return List.of();
        }
        CarePlan plan = new CarePlan();
        plan.setId(FhirRecords.id("care-plan", participantId));
        plan.setIntent(CarePlan.CarePlanIntent.PLAN);
        plan.setSubject(FhirRecords.participant(participantId));
        boolean active = spans.stream().anyMatch(PlanHistory.Span::active);
        plan.setStatus(active ? CarePlan.CarePlanStatus.ACTIVE : CarePlan.CarePlanStatus.COMPLETED);
        plan.setTitle("Care plan (stepped care " + level + ")");
        plan.addCategory(new CodeableConcept(new Coding(base.codeSystem("stepped-care-levels"), level, null)));
        for (PlanHistory.Span span : spans) {
            InterventionView entry = entries.get(span.interventionId());
            CarePlan.CarePlanActivityDetailComponent detail = plan.addActivity().getDetail();
            detail.addInstantiatesCanonical(base.activityDefinition(span.interventionId()));
            detail.setStatus(span.active() ? CarePlan.CarePlanActivityStatus.INPROGRESS
                    : CarePlan.CarePlanActivityStatus.STOPPED);
            detail.setDescription(entry != null ? entry.name() : span.interventionId());
            org.hl7.fhir.r4.model.Period period = new org.hl7.fhir.r4.model.Period()
                    .setStart(FhirRecords.date(span.startedAt()));
            if (span.endedAt() != null) {
                period.setEnd(FhirRecords.date(span.endedAt()));
                detail.setStatusReason(new CodeableConcept(new Coding(base.codeSystem("plan-reasons"),
                        span.endReason(), null)));
            }
            detail.setScheduled(period);
        }
        return List.of(plan);
    }

    /** A FHIR computer-friendly name: {@code mbct-group} → {@code MBCT_GROUP}. */
    static String computerName(String id) {
        String name = id.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        return Character.isLetter(name.charAt(0)) ? name : "I_" + name;
    }
}
