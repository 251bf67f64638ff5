package org.tend.assessment.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.tend.assessment.domain.assessment.AssessmentCompleted;
import org.tend.assessment.domain.assessment.AssessmentState;
import org.tend.assessment.domain.assessment.AssessmentStatus;
import org.tend.assessment.domain.instrument.InstrumentDefinition;
import org.tend.assessment.domain.instrument.Item;
import org.tend.fhir.FhirBase;
import org.tend.fhir.FhirRecords;

/**
 * assessment-service's part of a participant's record: a {@code QuestionnaireResponse} per assessment (completed,
 * still open, or expired unfinished), with the answers as the questionnaire's codings, and for each completed one an
 * {@code Observation} of its score (category {@code survey}; the LOINC total-score code where the instrument has one,
 * e.g. PHQ-9 44261-6, GAD-7 70274-6; the band as its interpretation) derived from the response.
 */
public final class AssessmentRecords {

    /** The identifier system of an assessment's id in Tend. */
    public static final String ASSESSMENT_SYSTEM = "urn:tend:assessment";
    static final String SURVEY = "http://terminology.hl7.org/CodeSystem/observation-category";

    private final FhirBase base;
    private final InstrumentQuestionnaires questionnaires;

    public AssessmentRecords(FhirBase base, InstrumentQuestionnaires questionnaires) {
        this.base = base;
        this.questionnaires = questionnaires;
    }

    /** The resources of one assessment, scored with {@code definition} (the version that scored it). */
    public List<Resource> of(AssessmentState state, InstrumentDefinition definition) {
        List<Resource> resources = new ArrayList<>(2);
        QuestionnaireResponse response = response(state, definition);
        resources.add(response);
        if (state.status() == AssessmentStatus.COMPLETED && state.result() != null) {
            resources.add(score(state.result(), definition));
        }
        return resources;
    }

    private QuestionnaireResponse response(AssessmentState state, InstrumentDefinition d) {
        QuestionnaireResponse r = new QuestionnaireResponse();
        r.setId(FhirRecords.id("questionnaire-response", state.assessmentId()));
        r.setIdentifier(new Identifier().setSystem(ASSESSMENT_SYSTEM).setValue(state.assessmentId()));
        r.setQuestionnaire(base.questionnaire(d.id()) + "|" + d.version());
        r.setStatus(switch (state.status()) {
            case COMPLETED -> QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED;
            case EXPIRED -> QuestionnaireResponse.QuestionnaireResponseStatus.STOPPED;
            default -> QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS;
        });
        r.setSubject(FhirRecords.participant(state.participantId()));
        r.setAuthored(FhirRecords.date(state.result() != null ? state.result().completedAt()
                : state.expiredAt() != null ? state.expiredAt() : state.startedAt()));
        Map<String, Integer> answers = state.result() != null ? state.result().answers() : state.answers();
        for (Item item : d.items()) {
            Integer value = answers.get(item.id());
            if (value == null) {
                continue;
            }
            d.optionsFor(item).options().stream().filter(o -> o.value() == value).findFirst().ifPresent(option ->
                    r.addItem().setLinkId(item.id()).setText(item.text()).addAnswer()
                            .setValue(questionnaires.answer(d, item, option)));
        }
        return r;
    }

    private Observation score(AssessmentCompleted result, InstrumentDefinition d) {
        Observation o = new Observation();
        o.setId(FhirRecords.id("observation", result.assessmentId()));
        o.addIdentifier().setSystem(ASSESSMENT_SYSTEM).setValue(result.assessmentId());
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept(new Coding(SURVEY, "survey", "Survey")));
        CodeableConcept code = new CodeableConcept().setText(d.title() + " score");
        if (d.loincTotal() != null) {
            code.addCoding(new Coding(InstrumentQuestionnaires.LOINC, d.loincTotal(), null));
        }
        code.addCoding(new Coding(base.codeSystem("instrument-scores"), d.id(), d.title() + " score"));
        o.setCode(code);
        o.setSubject(FhirRecords.participant(result.participantId()));
        o.setEffective(new DateTimeType(FhirRecords.date(result.completedAt())));
        o.setIssued(FhirRecords.date(result.completedAt()));
        o.setValue(new IntegerType(result.score()));
        o.addReferenceRange().setLow((Quantity) new Quantity().setValue(result.scoreMin()))
                .setHigh((Quantity) new Quantity().setValue(result.scoreMax()));
        o.addInterpretation(new CodeableConcept(new Coding(base.codeSystem(d.id() + "-bands"), result.band(),
                result.bandLabel())).setText(result.bandLabel()));
        o.addDerivedFrom(FhirRecords.reference("questionnaire-response", result.assessmentId()));
        return o;
    }
}
