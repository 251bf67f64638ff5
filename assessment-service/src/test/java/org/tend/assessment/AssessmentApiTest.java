package org.tend.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.testsupport.RoleRefusals;
import org.tend.testsupport.RoleRefusals.Call;
import org.tend.testsupport.TestTokens;

/** Taking an assessment in one call, reading results, and every way to get it wrong. */
class AssessmentApiTest extends ServiceTestSupport {

    static final ContractValidator CONTRACTS = ContractValidator.load();

    /** Reached directly, the service itself refuses individual data to HR, admin and unknown roles. */
    @Test
    void individualDataIsRefusedToHrAdminAndUnknownRolesByTheServiceItself() {
        String someone = pseudonymizer.pseudonymFor("someone-" + UUID.randomUUID());
        String answers = "{\"instrumentId\":\"phq-9\",\"answers\":{},\"submit\":false}";
        RoleRefusals.assertRefused(port, List.of(
                Call.post("/api/assessments", answers),
                Call.get("/api/assessments/me"),
                Call.get("/api/assessments/next-steps"),
                Call.get("/api/assessments?participantId=" + someone),
                Call.get("/api/assessments/" + UUID.randomUUID()),
                Call.put("/api/assessments/" + UUID.randomUUID() + "/answers", "{\"answers\":{}}"),
                Call.post("/api/assessments/" + UUID.randomUUID() + "/submission", null),
                Call.get("/api/enrolments/me"),
                Call.post("/api/enrolments", "{\"enrolmentCode\":\"" + enrolmentCode(newProgramme())
                        + "\",\"consent\":true}"),
                Call.get("/api/care-holds/me"),
                Call.get("/api/care-holds?participantId=" + someone),
                Call.post("/api/care-holds/" + someone + "/release", null),
                Call.post("/api/invitations/redemptions", "{\"code\":\"" + invitation(newProgramme()) + "\"}"),
                Call.get("/api/safety/alerts"),
                Call.post("/api/safety/alerts/" + UUID.randomUUID() + "/acknowledgement", null)));
    }

    /** One participant cannot grow their journey without bound: 20 starts in any 24 hours, then 422. */
    @Test
    void aParticipantStartsAtMostTheDailyLimitOfAssessmentsIn24Hours() {
        String token = enrolled(unique("eager"), newProgramme());
        for (int i = 0; i < 20; i++) {
            post("/api/assessments", token, Map.of("instrumentId", "phq-2")).expect(201);
        }
        long before = storedEvents();
        post("/api/assessments", token, Map.of("instrumentId", "phq-2")).expectProblem(422, "instrumentId:daily-limit");
        assertThat(storedEvents()).isEqualTo(before);
        // Another participant is not affected; a day later the participant may start again.
        post("/api/assessments", enrolled(unique("calm"), newProgramme()), Map.of("instrumentId", "phq-2"))
                .expect(201);
        clock.advance(java.time.Duration.ofDays(1).plusSeconds(1));
        post("/api/assessments", token, Map.of("instrumentId", "phq-2")).expect(201);
    }

    @Test
    void aPhq9IsScoredCompletedAndPublishedWithItsVersionButWithoutItsAnswers() {
        String programmeId = newProgramme();
        String subject = unique("alice");
        String token = enrolled(subject, programmeId);
        String participantId = pseudonym(subject);

        Response response = take(token, "phq-9", phq9(2, 2, 1, 1, 1, 1, 1, 1, 0)).expect(201);
        JsonNode result = response.json();
        String assessmentId = result.path("assessmentId").asText();
        assertThat(result.path("instrumentId").asText()).isEqualTo("phq-9");
        assertThat(result.path("instrumentVersion").asText()).isEqualTo("1.0.0");
        assertThat(result.path("status").asText()).isEqualTo("completed");
        assertThat(result.path("score").asInt()).isEqualTo(10);
        assertThat(result.path("rawScore").asInt()).isEqualTo(10);
        assertThat(result.has("scaledScore")).isFalse();
        assertThat(result.path("scoreRange").path("min").asInt()).isZero();
        assertThat(result.path("scoreRange").path("max").asInt()).isEqualTo(27);
        assertThat(result.path("band").path("code").asText()).isEqualTo("moderate");
        assertThat(result.path("band").path("label").asText()).isEqualTo("Moderate");
        assertThat(result.path("safety").path("concernRaised").asBoolean()).isFalse();
        assertThat(result.path("safety").has("signposting")).isFalse();
        assertThat(result.path("nextSteps").isArray()).isTrue();
        assertThat(result.path("completedAt").asText()).endsWith("Z");

        JsonNode mine = get("/api/assessments/me", token).expect(200).json();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).path("assessmentId").asText()).isEqualTo(assessmentId);
        assertThat(mine.get(0).path("band").path("code").asText()).isEqualTo("moderate");
        assertThat(mine.get(0).has("answers")).isFalse();

        JsonNode detail = get("/api/assessments/" + assessmentId, token).expect(200).json();
        assertThat(detail.path("answers").path("phq9-1").asInt()).isEqualTo(2);

        ConsumerRecord<String, byte[]> record = recordsUntil(r -> participantId.equals(r.key())
                && EventTypes.ASSESSMENT_COMPLETED_V1.equals(type(r))).stream()
                .filter(r -> EventTypes.ASSESSMENT_COMPLETED_V1.equals(type(r)) && participantId.equals(r.key()))
                .findFirst().orElseThrow();
        assertThat(CONTRACTS.validate(EventTypes.ASSESSMENT_COMPLETED_V1, record.value())).isEmpty();
        assertThat(header(record, "ce_source")).isEqualTo("/tend/assessment-service");
        assertThat(header(record, "ce_dataschema"))
                .isEqualTo("urn:tend:schema:" + EventTypes.ASSESSMENT_COMPLETED_V1);
        JsonNode data = data(record);
        assertThat(data.path("assessmentId").asText()).isEqualTo(assessmentId);
        assertThat(data.path("participantId").asText()).isEqualTo(participantId);
        assertThat(data.path("programmeId").asText()).isEqualTo(programmeId);
        assertThat(data.path("instrumentVersion").asText()).isEqualTo("1.0.0");
        assertThat(data.path("totalScore").asInt()).isEqualTo(10);
        assertThat(data.path("band").asText()).isEqualTo("moderate");
        assertThat(wholeRecord(record)).doesNotContain("phq9-1").doesNotContain("answers")
                .doesNotContain(subject).doesNotContain("Moderate");
    }

    @Test
    void aWho5ResultIsThePercentageOn0To100WithTheRawScoreKept() {
        String subject = unique("wanda");
        String token = enrolled(subject, newProgramme());
        JsonNode result = take(token, "who-5", answers("who5", 5, 5, 4, 4, 4)).expect(201).json();
        assertThat(result.path("score").asInt()).isEqualTo(88);
        assertThat(result.path("scaledScore").asInt()).isEqualTo(88);
        assertThat(result.path("rawScore").asInt()).isEqualTo(22);
        assertThat(result.path("scoreRange").path("max").asInt()).isEqualTo(100);
        assertThat(result.path("band").path("code").asText()).isEqualTo("no-indication");

        String participantId = pseudonym(subject);
        JsonNode data = data(recordsUntil(r -> participantId.equals(r.key())
                && EventTypes.ASSESSMENT_COMPLETED_V1.equals(type(r))).stream()
                .filter(r -> participantId.equals(r.key()) && EventTypes.ASSESSMENT_COMPLETED_V1.equals(type(r)))
                .findFirst().orElseThrow());
        assertThat(data.path("totalScore").asInt()).isEqualTo(88);
        assertThat(data.path("scoreRange").path("max").asInt()).isEqualTo(100);
    }

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"instrumentId\":\"phq-9\",\"submit\":true,\"answers\":{\"phq9-1\":0,\"phq9-2\":0,\"phq9-3\":0,\"phq9-4\":0,\"phq9-5\":0,\"phq9-6\":0,\"phq9-7\":0,\"phq9-8\":0}} | 422 | answers.phq9-9:required",
            "{\"instrumentId\":\"phq-9\",\"submit\":true,\"answers\":{\"phq9-1\":4,\"phq9-2\":0,\"phq9-3\":0,\"phq9-4\":0,\"phq9-5\":0,\"phq9-6\":0,\"phq9-7\":0,\"phq9-8\":0,\"phq9-9\":-1}} | 422 | answers.phq9-1:not-an-option,answers.phq9-9:not-an-option",
            "{\"instrumentId\":\"phq-9\",\"submit\":true,\"answers\":{\"phq9-1\":0,\"phq9-2\":0,\"phq9-3\":0,\"phq9-4\":0,\"phq9-5\":0,\"phq9-6\":0,\"phq9-7\":0,\"phq9-8\":0,\"phq9-9\":0,\"gad7-1\":1}} | 422 | answers.gad7-1:unknown-item",
            "{\"instrumentId\":\"phq-9\",\"submit\":true,\"answers\":{\"phq9-1\":null,\"phq9-2\":0,\"phq9-3\":0,\"phq9-4\":0,\"phq9-5\":0,\"phq9-6\":0,\"phq9-7\":0,\"phq9-8\":0,\"phq9-9\":0}} | 422 | answers.phq9-1:required",
            "{\"instrumentId\":\"phq-9\",\"submit\":true}                                 | 422 | answers.phq9-1:required,answers.phq9-2:required,answers.phq9-3:required,answers.phq9-4:required,answers.phq9-5:required,answers.phq9-6:required,answers.phq9-7:required,answers.phq9-8:required,answers.phq9-9:required",
            "{\"instrumentId\":\"phq-9\",\"submit\":true,\"answers\":{\"phq9-1\":\"x\"}}   | 400 | answers.phq9-1:type",
            "{\"instrumentId\":\"phq-9\",\"submit\":true,\"answers\":{\"phq9-1\":1.5}}     | 400 | answers.phq9-1:type",
            "{\"instrumentId\":\"phq-9\",\"submit\":true,\"answers\":{\"phq9-1\":\"1\"}}   | 400 | answers.phq9-1:type",
            "{\"instrumentId\":\"phq-9\",\"submit\":true,\"answers\":[1,2]}               | 400 | answers:type",
            "{\"instrumentId\":\"phq-9\",\"submit\":\"yes\",\"answers\":{}}               | 400 | submit:type",
            "{\"instrumentId\":\"wemwbs\",\"submit\":true,\"answers\":{}}                 | 422 | instrumentId:unknown",
            "{\"submit\":true,\"answers\":{}}                                            | 400 | instrumentId:required",
            "{\"instrumentId\":\"\",\"submit\":true,\"answers\":{}}                       | 400 | instrumentId:required",
            "{\"instrumentId\":\"phq-9\\u0000\",\"submit\":true,\"answers\":{}}            | 422 | instrumentId:control-characters",
            "{\"instrumentId\":\"phq-9\",                                             | 400 | body:malformed-json",
            "not json at all                                                         | 400 | body:malformed-json"})
    void badSubmissionsAreRefusedWithOneErrorPerFaultAndLeaveNoTrace(String body, int status,
                                                                                   String errors) {
        String token = enrolled(unique("bob"), newProgramme());
        long before = storedEvents();
        post("/api/assessments", token, body).expectProblem(status, errors.split(","));
        assertThat(storedEvents()).as("events stored by a refused submission").isEqualTo(before);
        assertThat(get("/api/assessments/me", token).expect(200).json()).isEmpty();
    }

    /**
     * Answers are bounded twice: a coarse cap on any request (100, before the instrument is looked up: 400) and,
     * exactly, the instrument's item count (422 naming {@code answers}, one violation however many keys were sent).
     */
    @Test
    void moreAnswersThanTheInstrumentHasItemsAreRefusedAsAWholeAndLeaveNoTrace() {
        String token = enrolled(unique("uma"), newProgramme());
        long before = storedEvents();
        Map<String, Integer> eleven = new HashMap<>(phq9(0, 0, 0, 0, 0, 0, 0, 0, 0));
        eleven.put("phq9-10", 0);
        eleven.put("gad7-1", 0);
        take(token, "phq-9", eleven).expectProblem(422, "answers:too-many-answers");
        Map<String, Object> startMany = Map.of("instrumentId", "phq-2", "answers",
                Map.of("phq2-1", 0, "phq2-2", 0, "x", 0));
        post("/api/assessments", token, startMany).expectProblem(422, "answers:too-many-answers");
        Map<String, Integer> huge = new HashMap<>();
        for (int i = 0; i < 101; i++) {
            huge.put("item-" + i, 0);
        }
        take(token, "phq-9", huge).expectProblem(400, "answers:range");
        assertThat(storedEvents()).isEqualTo(before);

        String id = post("/api/assessments", token, Map.of("instrumentId", "phq-2")).expect(201).json()
                .path("assessmentId").asText();
        put("/api/assessments/" + id + "/answers", token, Map.of("answers", Map.of("phq2-1", 0, "phq2-2", 0,
                "phq2-3", 0))).expectProblem(422, "answers:too-many-answers");
        put("/api/assessments/" + id + "/answers", token, Map.of("answers", huge)).expectProblem(400, "answers:range");
        assertThat(get("/api/assessments/" + id, token).expect(200).json().path("answers").size()).isZero();
    }

    @Test
    void aParticipantWhoIsNotEnrolledCannotTakeAnAssessment() {
        long before = storedEvents();
        take(TestTokens.participant(unique("nobody")), "phq-9", phq9(0, 0, 0, 0, 0, 0, 0, 0, 0))
                .expectProblem(409, "participantId:not-enrolled");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void onlyParticipantsTakeAssessmentsAndReadTheirOwn() {
        for (String token : List.of(TestTokens.practitioner("pra"), TestTokens.hr("hana"), admin())) {
            take(token, "phq-9", phq9(0, 0, 0, 0, 0, 0, 0, 0, 0)).expectProblem(403);
            get("/api/assessments/me", token).expectProblem(403);
        }
    }

    @Test
    void aPractitionerOfTheProgrammeReadsAParticipantsResultsAndNobodyElseDoes() {
        String programmeId = newProgramme();
        String practitioner = unique("dr.ada");
        assign(programmeId, practitioner);
        String outsider = unique("dr.bea");
        assign(newProgramme(), outsider);
        String subject = unique("carol");
        String token = enrolled(subject, programmeId);
        String participantId = pseudonym(subject);
        String assessmentId = take(token, "gad-7", answers("gad7", 3, 3, 3, 3, 3, 0, 0)).expect(201).json()
                .path("assessmentId").asText();

        String practitionerToken = TestTokens.practitioner(practitioner);
        JsonNode results = get("/api/assessments?participantId=" + participantId, practitionerToken)
                .expect(200).json();
        assertThat(results).hasSize(1);
        assertThat(results.get(0).path("participantId").asText()).isEqualTo(participantId);
        assertThat(results.get(0).path("band").path("code").asText()).isEqualTo("severe");
        assertThat(results.get(0).path("safety").path("concernRaised").asBoolean()).isFalse();
        assertThat(results.get(0).has("answers")).isFalse();
        JsonNode one = get("/api/assessments/" + assessmentId, practitionerToken).expect(200).json();
        assertThat(one.path("answers").path("gad7-1").asInt()).isEqualTo(3);

        String outsiderToken = TestTokens.practitioner(outsider);
        get("/api/assessments?participantId=" + participantId, outsiderToken).expectProblem(403);
        get("/api/assessments/" + assessmentId, outsiderToken).expectProblem(403);
        get("/api/assessments?participantId=p_aaaaaaaaaaaaaaaaaaaaaaaaaa", practitionerToken).expectProblem(403);
        get("/api/assessments/" + assessmentId, TestTokens.participant(unique("dave")))
                .expectProblem(404, "assessmentId:unknown");
        for (String token2 : List.of(token, TestTokens.hr("hana"), admin())) {
            get("/api/assessments?participantId=" + participantId, token2).expectProblem(403);
        }
        get("/api/assessments/" + assessmentId, TestTokens.hr("hana")).expectProblem(403);
        get("/api/assessments/" + assessmentId, admin()).expectProblem(403);
    }

    @Test
    void theParticipantQueryParameterIsChecked() {
        String practitionerToken = TestTokens.practitioner(unique("dr.cy"));
        get("/api/assessments", practitionerToken).expectProblem(400, "participantId:required");
        get("/api/assessments?participantId=alice@example.org", practitionerToken)
                .expectProblem(400, "participantId:pattern");
        get("/api/assessments/not-a-uuid", TestTokens.participant("x")).expectProblem(400, "assessmentId:type");
        get("/api/assessments/00000000-0000-4000-8000-000000000000", TestTokens.participant("x"))
                .expectProblem(404, "assessmentId:unknown");
    }

    @Test
    void anAssessmentIdThatNamesAnotherKindOfStreamIsNotAnAssessment() {
        String programmeId = newProgramme();
        get("/api/assessments/" + programmeId, TestTokens.participant("x")).expectProblem(404);
        Map<String, Object> body = new HashMap<>();
        body.put("answers", Map.of("phq9-1", 1));
        put("/api/assessments/" + programmeId + "/answers", TestTokens.participant("x"), body).expectProblem(404);
    }
}
