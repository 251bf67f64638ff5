package org.tend.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tend.assessment.expiry.ExpirySweep;
import org.tend.testsupport.TestTokens;

/**
 * Phase 2: an assessment rendered and taken over time (start → answers → submission, resumed in between, expired
 * when left unfinished), and screeners leading on to the full instrument.
 */
class AssessmentJourneyTest extends ServiceTestSupport {

    @Autowired
    ExpirySweep sweep;

    static Map<String, Object> body(Map<String, ?> answers) {
        Map<String, Object> body = new HashMap<>();
        body.put("answers", answers);
        return body;
    }

    @Test
    void anAssessmentIsStartedAnsweredOverTimeResumedAndSubmitted() {
        String token = enrolled(unique("fay"), newProgramme());
        JsonNode started = post("/api/assessments", token, Map.of("instrumentId", "gad-7",
                "answers", Map.of("gad7-1", 1))).expect(201).json();
        String id = started.path("assessmentId").asText();
        assertThat(started.path("status").asText()).isEqualTo("started");
        assertThat(started.path("instrumentVersion").asText()).isEqualTo("1.0.0");
        assertThat(started.path("answers").path("gad7-1").asInt()).isEqualTo(1);
        assertThat(started.path("expiresAt").asText()).endsWith("Z");
        assertThat(started.has("score")).isFalse();

        JsonNode saved = put("/api/assessments/" + id + "/answers", token,
                body(Map.of("gad7-2", 2, "gad7-3", 3))).expect(200).json();
        assertThat(saved.path("answers").size()).isEqualTo(3);

        put("/api/assessments/" + id + "/answers", token, body(Map.of("gad7-4", 4, "gad7-9", 1)))
                .expectProblem(422, "answers.gad7-4:not-an-option", "answers.gad7-9:unknown-item");
        Map<String, Integer> withdraw = new HashMap<>();
        withdraw.put("gad7-3", null);
        put("/api/assessments/" + id + "/answers", token, body(withdraw)).expect(200);

        JsonNode resumed = get("/api/assessments/" + id, token).expect(200).json();
        assertThat(resumed.path("answers").toString()).isEqualTo("{\"gad7-1\":1,\"gad7-2\":2}");
        assertThat(get("/api/assessments/next-steps", token).expect(200).json().findValuesAsText("assessmentId"))
                .containsExactly(id);

        long before = storedEvents();
        post("/api/assessments/" + id + "/submission", token, null).expectProblem(422, "answers.gad7-3:required",
                "answers.gad7-4:required", "answers.gad7-5:required", "answers.gad7-6:required",
                "answers.gad7-7:required");
        assertThat(storedEvents()).isEqualTo(before);

        put("/api/assessments/" + id + "/answers", token,
                body(Map.of("gad7-3", 2, "gad7-4", 1, "gad7-5", 1, "gad7-6", 0, "gad7-7", 0))).expect(200);
        JsonNode result = post("/api/assessments/" + id + "/submission", token, null).expect(200).json();
        assertThat(result.path("status").asText()).isEqualTo("completed");
        assertThat(result.path("score").asInt()).isEqualTo(7);
        assertThat(result.path("band").path("code").asText()).isEqualTo("mild");

        post("/api/assessments/" + id + "/submission", token, null)
                .expectProblem(409, "assessmentId:already-completed");
        put("/api/assessments/" + id + "/answers", token, body(Map.of("gad7-1", 0)))
                .expectProblem(409, "assessmentId:already-completed");
        assertThat(get("/api/assessments/me", token).expect(200).json().get(0).path("status").asText())
                .isEqualTo("completed");
        assertThat(get("/api/assessments/next-steps", token).expect(200).json()).isEmpty();
    }

    @Test
    void nobodyElseAnswersOrSubmitsAParticipantsAssessment() {
        String programmeId = newProgramme();
        String token = enrolled(unique("gil"), programmeId);
        String id = post("/api/assessments", token, Map.of("instrumentId", "phq-2")).expect(201).json()
                .path("assessmentId").asText();
        String other = enrolled(unique("hal"), programmeId);
        put("/api/assessments/" + id + "/answers", other, body(Map.of("phq2-1", 1)))
                .expectProblem(404, "assessmentId:unknown");
        post("/api/assessments/" + id + "/submission", other, null).expectProblem(404, "assessmentId:unknown");
        String practitioner = unique("dr.ivy");
        assign(programmeId, practitioner);
        put("/api/assessments/" + id + "/answers", TestTokens.practitioner(practitioner),
                body(Map.of("phq2-1", 1))).expectProblem(403);
        put("/api/assessments/" + id + "/answers", token, Map.of()).expectProblem(400, "answers:required");
        put("/api/assessments/" + id + "/answers", token, "{\"answers\":").expectProblem(400, "body:malformed-json");
    }

    @Test
    void anAssessmentLeftUnfinishedExpiresAndCanNoLongerBeAnswered() {
        String token = enrolled(unique("jo"), newProgramme());
        String id = post("/api/assessments", token, Map.of("instrumentId", "phq-9",
                "answers", Map.of("phq9-1", 2))).expect(201).json().path("assessmentId").asText();

        clock.advance(Duration.ofDays(7).plusMinutes(1));
        put("/api/assessments/" + id + "/answers", token, body(Map.of("phq9-2", 1)))
                .expectProblem(409, "assessmentId:expired");
        post("/api/assessments/" + id + "/submission", token, null).expectProblem(409, "assessmentId:expired");
        assertThat(get("/api/assessments/next-steps", token).expect(200).json()).isEmpty();

        assertThat(sweep.sweep()).isGreaterThanOrEqualTo(1);
        JsonNode expired = get("/api/assessments/" + id, token).expect(200).json();
        assertThat(expired.path("status").asText()).isEqualTo("expired");
        assertThat(expired.path("expiredAt").asText()).endsWith("Z");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                get("/api/assessments/me", token).expect(200).json().get(0).path("status").asText())
                .isEqualTo("expired"));
        // Sweeping again changes nothing: the assessment is no longer started.
        long before = storedEvents();
        sweep.sweep();
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void anAssessmentNotYetDueIsLeftAloneByTheSweep() {
        String token = enrolled(unique("kim"), newProgramme());
        String id = post("/api/assessments", token, Map.of("instrumentId", "gad-2")).expect(201).json()
                .path("assessmentId").asText();
        clock.advance(Duration.ofDays(6));
        sweep.sweep();
        assertThat(get("/api/assessments/" + id, token).expect(200).json().path("status").asText())
                .isEqualTo("started");
    }

    @Test
    void aPositivePhq2MakesThePhq9DueUntilItIsCompleted() {
        String token = enrolled(unique("lee"), newProgramme());
        JsonNode screen = take(token, "phq-2", answers("phq2", 2, 2)).expect(201).json();
        assertThat(screen.path("band").path("code").asText()).isEqualTo("positive");
        JsonNode step = screen.path("nextSteps").get(0);
        assertThat(step.path("action").asText()).isEqualTo("take-assessment");
        assertThat(step.path("instrumentId").asText()).isEqualTo("phq-9");
        assertThat(step.path("reason").asText()).isEqualTo("positive-screen");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode next = get("/api/assessments/next-steps", token).expect(200).json();
            assertThat(next.findValuesAsText("instrumentId")).containsExactly("phq-9");
            assertThat(next.get(0).path("becauseAssessmentId").asText())
                    .isEqualTo(screen.path("assessmentId").asText());
            assertThat(next.get(0).path("title").asText()).contains("PHQ-9");
        });

        take(token, "phq-9", phq9(1, 1, 1, 0, 0, 0, 0, 0, 0)).expect(201);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get("/api/assessments/next-steps", token).expect(200).json()).isEmpty());
    }

    @Test
    void aPositiveGad2MakesTheGad7DueAndANegativeOneNothing() {
        String token = enrolled(unique("max"), newProgramme());
        assertThat(take(token, "gad-2", answers("gad2", 1, 1)).expect(201).json().path("nextSteps")).isEmpty();
        take(token, "gad-2", answers("gad2", 3, 1)).expect(201);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                get("/api/assessments/next-steps", token).expect(200).json().findValuesAsText("instrumentId"))
                .containsExactly("gad-7"));
    }

    @Test
    void aWho5At50PercentMakesThePhq9Due() {
        String token = enrolled(unique("ned"), newProgramme());
        JsonNode who5 = take(token, "who-5", answers("who5", 3, 3, 3, 2, 2)).expect(201).json();
        assertThat(who5.path("score").asInt()).isEqualTo(52);
        assertThat(who5.path("nextSteps")).isEmpty();
        JsonNode low = take(token, "who-5", answers("who5", 3, 3, 3, 2, 1)).expect(201).json();
        assertThat(low.path("score").asInt()).isEqualTo(48);
        assertThat(low.path("nextSteps").findValuesAsText("instrumentId")).containsExactly("phq-9");
    }

    @Test
    void nextStepsAreForParticipantsOnly() {
        get("/api/assessments/next-steps", TestTokens.practitioner("p")).expectProblem(403);
        get("/api/assessments/next-steps", TestTokens.hr("h")).expectProblem(403);
    }
}
