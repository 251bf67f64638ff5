package org.tend.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.tend.fhir.FhirRecords;
import org.tend.fhir.R4Validation;
import org.tend.testsupport.TestTokens;

/**
 * assessment-service's part of a participant's FHIR record: every assessment as a QuestionnaireResponse against the
 * questionnaire the service serves, every completed one's score as a survey Observation with its LOINC code, all
 * valid against the base R4 profiles, and nothing that names the person.
 */
class RecordExportTest extends ServiceTestSupport {

    Questionnaire questionnaire(String instrumentId, String token) {
        Response served = get("/fhir/Questionnaire/" + instrumentId, token).expect(200);
        assertThat(served.contentType()).startsWith("application/fhir+json");
        return FhirRecords.parse(Questionnaire.class, served.body());
    }

    @Test
    void everyAssessmentIsAResponseToTheServedQuestionnaireAndEveryScoreAValidSurveyObservation() {
        String subject = unique("fiona");
        String programmeId = newProgramme();
        String token = enrolled(subject, programmeId);
        String participantId = pseudonym(subject);
        String phq9 = take(token, "phq-9", phq9(2, 2, 2, 2, 2, 2, 2, 3, 0)).expect(201).json().path("assessmentId")
                .asText();
        String gad7 = take(token, "gad-7", answers("gad7", 1, 1, 2, 1, 1, 0, 0)).expect(201).json()
                .path("assessmentId").asText();
        String partial = post("/api/assessments", token, Map.of("instrumentId", "who-5", "answers",
                Map.of("who5-1", 3))).expect(201).json().path("assessmentId").asText();

        Response part = get("/api/assessments/me/record", token).expect(200);
        assertThat(part.contentType()).startsWith("application/fhir+json");
        assertThat(part.body()).doesNotContain(subject);
        Bundle bundle = FhirRecords.parse(Bundle.class, part.body());
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        List<Resource> resources = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
        assertThat(resources).filteredOn(QuestionnaireResponse.class::isInstance).hasSize(3);
        assertThat(resources).filteredOn(Observation.class::isInstance).hasSize(2);

        Observation phq9Score = observationOf(resources, phq9);
        assertThat(codes(phq9Score)).contains("http://loinc.org|44261-6");
        assertThat(phq9Score.getValueIntegerType().getValue()).isEqualTo(17);
        assertThat(phq9Score.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("survey");
        assertThat(phq9Score.getInterpretationFirstRep().getText()).isEqualToIgnoringCase("moderately severe");
        assertThat(phq9Score.getSubject().getIdentifier().getValue()).isEqualTo(participantId);
        String responseUrl = phq9Score.getDerivedFromFirstRep().getReference();
        Bundle.BundleEntryComponent response = bundle.getEntry().stream()
                .filter(e -> e.getFullUrl().equals(responseUrl)).findFirst().orElseThrow();
        QuestionnaireResponse phq9Response = (QuestionnaireResponse) response.getResource();
        assertThat(phq9Response.getQuestionnaire()).endsWith("/Questionnaire/phq-9|1.0.0");
        assertThat(phq9Response.getStatus()).isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        assertThat(phq9Response.getItem()).hasSize(9);
        assertThat(phq9Response.getItem().get(7).getAnswerFirstRep().getValueCoding().getCode()).isEqualTo("LA6571-9");
        assertThat(codes(observationOf(resources, gad7))).contains("http://loinc.org|70274-6");
        QuestionnaireResponse open = resources.stream().filter(QuestionnaireResponse.class::isInstance)
                .map(QuestionnaireResponse.class::cast)
                .filter(r -> r.getIdentifier().getValue().equals(partial)).findFirst().orElseThrow();
        assertThat(open.getStatus()).isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);

        // Valid against the base R4 profiles, each response checked against the questionnaire the service serves.
        List<Questionnaire> questionnaires = List.of(questionnaire("phq-9", token), questionnaire("gad-7", token),
                questionnaire("who-5", token));
        R4Validation validation = new R4Validation(questionnaires);
        for (Questionnaire q : questionnaires) {
            assertThat(validation.errors(q)).as(q.getUrl()).isEmpty();
        }
        assertThat(validation.errors(bundle)).isEmpty();

        // The same record, for a practitioner who serves the programme (and no one else).
        String pat = unique("pat");
        assign(programmeId, pat);
        Bundle forPat = FhirRecords.parse(Bundle.class, get("/api/assessments/record?participantId=" + participantId,
                TestTokens.practitioner(pat)).expect(200).body());
        assertThat(forPat.getEntry()).hasSize(bundle.getEntry().size());
        get("/api/assessments/record?participantId=" + participantId, TestTokens.practitioner(unique("quinn")))
                .expectProblem(403);
    }

    @Test
    void unknownQuestionnairesAndMalformedParticipantIdsAreProblems() {
        String token = TestTokens.participant(unique("gus"));
        get("/fhir/Questionnaire/no-such", token).expectProblem(404, "instrumentId:unknown");
        get("/fhir/Questionnaire/phq-9?version=9.9.9", token).expectProblem(404, "version:unknown");
        get("/api/assessments/record?participantId=alice", TestTokens.practitioner("pat"))
                .expectProblem(400, "participantId:pattern");
        get("/api/assessments/record", TestTokens.participant(unique("gus"))).expectProblem(403);
        // Someone with no assessments gets an empty part, not an error.
        assertThat(FhirRecords.parse(Bundle.class, get("/api/assessments/me/record", token).expect(200).body())
                .getEntry()).isEmpty();
    }

    static Observation observationOf(List<Resource> resources, String assessmentId) {
        return resources.stream().filter(Observation.class::isInstance).map(Observation.class::cast)
                .filter(o -> o.getIdentifierFirstRep().getValue().equals(assessmentId)).findFirst().orElseThrow();
    }

    static List<String> codes(Observation o) {
        return o.getCode().getCoding().stream().map((Coding c) -> c.getSystem() + "|" + c.getCode()).toList();
    }
}
