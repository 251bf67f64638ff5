package org.tend.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class FhirRecordsTest {

    static final String PARTICIPANT = "p_aaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final R4Validation VALIDATION = new R4Validation(List.of());

    static Observation score(Observation.ObservationStatus status) {
        Observation o = new Observation().setStatus(status)
                .setCode(new CodeableConcept(new Coding("http://loinc.org", "44261-6", null)))
                .setSubject(FhirRecords.participant(PARTICIPANT)).setValue(new IntegerType(12));
        o.setId(FhirRecords.id("observation", "a-1"));
        return o;
    }

    @Test
    void idsAreStableAndFullUrlsAreUuidUrns() {
        assertThat(FhirRecords.id("observation", "a-1")).isEqualTo(FhirRecords.id("observation", "a-1"))
                .isNotEqualTo(FhirRecords.id("observation", "a-2"))
                .isNotEqualTo(FhirRecords.id("questionnaire-response", "a-1"))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(FhirRecords.reference("observation", "a-1").getReference())
                .isEqualTo("urn:uuid:" + FhirRecords.id("observation", "a-1"));
    }

    @Test
    void theParticipantIsReferredToByPseudonymAlone() {
        String json = FhirRecords.json(score(Observation.ObservationStatus.FINAL));
        assertThat(json).contains("\"identifier\":{\"system\":\"urn:tend:participant\",\"value\":\"" + PARTICIPANT + "\"}")
                .doesNotContain("display");
    }

    @Test
    void theValidatorPassesAValidObservationAndNamesWhatIsWrongWithAnInvalidOne() {
        Bundle valid = FhirRecords.collection("x", Instant.parse("2026-01-01T00:00:00Z"),
                List.of(score(Observation.ObservationStatus.FINAL)));
        assertThat(VALIDATION.errors(valid)).isEmpty();

        Observation noStatus = score(null);
        assertThat(VALIDATION.errors(noStatus)).anySatisfy(e -> assertThat(e).contains("Observation.status"));
        Bundle roundTripped = FhirRecords.parse(Bundle.class, FhirRecords.json(valid));
        assertThat(roundTripped.getEntry()).hasSize(1);
        assertThat(roundTripped.getEntryFirstRep().getFullUrl()).startsWith("urn:uuid:");
    }

    @Test
    void theBaseIsAnAbsoluteUrlWithoutATrailingSlash() {
        FhirBase base = new FhirBase("https://tend.example.org/fhir/");
        assertThat(base.questionnaire("phq-9")).isEqualTo("https://tend.example.org/fhir/Questionnaire/phq-9");
        assertThat(base.activityDefinition("cbt")).isEqualTo("https://tend.example.org/fhir/ActivityDefinition/cbt");
        assertThatThrownBy(() -> new FhirBase("/fhir")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aResponseIsCheckedAgainstItsQuestionnaire() {
        org.hl7.fhir.r4.model.Questionnaire q = new org.hl7.fhir.r4.model.Questionnaire();
        q.setId("q1");
        q.setUrl("https://tend.example.org/fhir/Questionnaire/q1");
        q.setVersion("1.0.0");
        q.setName("Q1");
        q.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
        q.addItem().setLinkId("i1").setText("Item one").setType(
                org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType.CHOICE)
                .addAnswerOption().setValue(new Coding("https://tend.example.org/fhir/CodeSystem/a", "0", "No"));
        R4Validation validation = new R4Validation(List.of(q));
        org.hl7.fhir.r4.model.QuestionnaireResponse r = new org.hl7.fhir.r4.model.QuestionnaireResponse();
        r.setQuestionnaire(q.getUrl() + "|1.0.0");
        r.setStatus(org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        r.addItem().setLinkId("i1").setText("Item one").addAnswer()
                .setValue(new Coding("https://tend.example.org/fhir/CodeSystem/a", "0", "No"));
        assertThat(validation.errors(r)).isEmpty();
        assertThat(validation.messages(r)).noneMatch(m -> m.contains("could not be resolved"));

        r.getItemFirstRep().getAnswerFirstRep()
                .setValue(new Coding("https://tend.example.org/fhir/CodeSystem/a", "7", "Seven"));
        assertThat(validation.errors(r)).isNotEmpty();
    }
}
