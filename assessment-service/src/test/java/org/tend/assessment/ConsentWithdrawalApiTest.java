package org.tend.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.testsupport.TestTokens;

/**
 * A participant withdraws consent (GDPR Art. 7(3)) and may give it again: the withdrawal is published, and while it
 * stands assessment-service accepts no new data about them.
 */
class ConsentWithdrawalApiTest extends ServiceTestSupport {

    static final ContractValidator CONTRACTS = ContractValidator.load();

    @Test
    void aWithdrawalIsPublishedAndNoNewAssessmentIsAcceptedUntilConsentIsGivenAgain() {
        String subject = unique("wanda");
        String token = enrolled(subject, newProgramme());
        String participantId = pseudonym(subject);
        // A partial assessment started before the withdrawal may not be finished after it either.
        String partial = post("/api/assessments", token, Map.of("instrumentId", "phq-9", "answers",
                Map.of("phq9-1", 1))).expect(201).json().path("assessmentId").asText();

        JsonNode withdrawn = post("/api/enrolments/me/withdrawal", token, Map.of()).expect(200).json();
        assertThat(withdrawn.path("consentGiven").asBoolean()).isFalse();
        assertThat(withdrawn.path("consentWithdrawnAt").asText()).isNotBlank();
        assertThat(get("/api/enrolments/me", token).expect(200).json().path("consentGiven").asBoolean()).isFalse();

        long before = storedEvents();
        take(token, "phq-9", phq9(1, 1, 1, 1, 1, 1, 1, 1, 0)).expectProblem(409, "participantId:consent-withdrawn");
        post("/api/assessments", token, Map.of("instrumentId", "gad-7"))
                .expectProblem(409, "participantId:consent-withdrawn");
        put("/api/assessments/" + partial + "/answers", token, Map.of("answers", Map.of("phq9-2", 1)))
                .expectProblem(409, "participantId:consent-withdrawn");
        post("/api/assessments/" + partial + "/submission", token, Map.of())
                .expectProblem(409, "participantId:consent-withdrawn");
        assertThat(storedEvents()).as("nothing written while consent is withdrawn").isEqualTo(before);

        JsonNode renewed = post("/api/enrolments/me/consent", token, Map.of("consent", true)).expect(200).json();
        assertThat(renewed.path("consentGiven").asBoolean()).isTrue();
        assertThat(renewed.has("consentWithdrawnAt") && !renewed.path("consentWithdrawnAt").isNull()).isFalse();
        take(token, "phq-9", phq9(1, 1, 1, 1, 1, 1, 1, 1, 0)).expect(201);

        List<ConsumerRecord<String, byte[]>> records = recordsUntil(
                r -> participantId.equals(r.key()) && EventTypes.CONSENT_RENEWED_V1.equals(type(r)));
        ConsumerRecord<String, byte[]> withdrawal = only(records, EventTypes.CONSENT_WITHDRAWN_V1, participantId);
        ConsumerRecord<String, byte[]> renewal = only(records, EventTypes.CONSENT_RENEWED_V1, participantId);
        assertThat(CONTRACTS.validate(EventTypes.CONSENT_WITHDRAWN_V1, withdrawal.value())).isEmpty();
        assertThat(CONTRACTS.validate(EventTypes.CONSENT_RENEWED_V1, renewal.value())).isEmpty();
        assertThat(data(withdrawal).path("participantId").asText()).isEqualTo(participantId);
        assertThat(wholeRecord(withdrawal)).doesNotContain(subject);
        assertThat(withdrawal.offset()).isLessThan(renewal.offset());
    }

    @Test
    void withdrawingTwiceNotBeingEnrolledAndRenewingWhatStandsAreProblemsThatChangeNothing() {
        String token = enrolled(unique("walt"), newProgramme());
        post("/api/enrolments/me/consent", token, Map.of("consent", true))
                .expectProblem(409, "participantId:consent-given");
        post("/api/enrolments/me/withdrawal", token, Map.of()).expect(200);
        long before = storedEvents();
        post("/api/enrolments/me/withdrawal", token, Map.of()).expectProblem(409, "participantId:already-withdrawn");
        post("/api/enrolments/me/consent", token, Map.of("consent", false))
                .expectProblem(422, "consent:must-be-true");
        post("/api/enrolments/me/consent", token, Map.of()).expectProblem(400, "consent:required");
        assertThat(storedEvents()).isEqualTo(before);

        String stranger = TestTokens.participant(unique("wes"));
        post("/api/enrolments/me/withdrawal", stranger, Map.of()).expectProblem(409, "participantId:not-enrolled");
        post("/api/enrolments/me/consent", stranger, Map.of("consent", true))
                .expectProblem(409, "participantId:not-enrolled");
        assertThat(storedEvents()).isEqualTo(before);
        get("/api/enrolments/me", stranger).expectProblem(404, "participantId:unknown");
    }

    @Test
    void onlyTheParticipantWithdrawsTheirOwnConsent() {
        for (String token : List.of(TestTokens.practitioner("pra"), TestTokens.hr("hana"), admin())) {
            post("/api/enrolments/me/withdrawal", token, Map.of()).expectProblem(403);
            post("/api/enrolments/me/consent", token, Map.of("consent", true)).expectProblem(403);
        }
    }
}
