package org.tend.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.tend.contracts.EventTypes;
import org.tend.testsupport.TestTokens;

/**
 * PHQ-9 item 9 ≥ 1 raises a safety concern whatever the total: the participant is shown crisis signposting, the
 * programme's practitioners (and only they) get an open alert until one of them acknowledges it, and nothing of it
 * ever reaches Kafka.
 */
class SafetyRoutingTest extends ServiceTestSupport {

    static final org.tend.contracts.ContractValidator CONTRACTS = org.tend.contracts.ContractValidator.load();

    @org.springframework.beans.factory.annotation.Autowired
    org.tend.assessment.messaging.AlertCountsPublisher alertCounts;

    /** A programme with its own signposting, a practitioner, an outsider practitioner and an enrolled participant. */
    String programmeId;
    final String practitioner = unique("dr.grey");
    final String outsider = unique("dr.white");
    final String subject = unique("erin");

    String participantToken;

    void setUpProgramme() {
        programmeId = newProgramme();
        assign(programmeId, practitioner);
        assign(newProgramme(), outsider);
        participantToken = enrolled(subject, programmeId);
    }

    JsonNode openAlerts(String practitionerSubject) {
        return get("/api/safety/alerts", TestTokens.practitioner(practitionerSubject)).expect(200).json();
    }

    JsonNode alertFor(String assessmentId, String practitionerSubject) {
        for (JsonNode alert : openAlerts(practitionerSubject)) {
            if (alert.path("assessmentId").asText().equals(assessmentId)) {
                return alert;
            }
        }
        return null;
    }

    @Test
    void item9AtOneWithATotalOfOneAlertsTheProgrammesPractitionerAndNobodyElse() {
        setUpProgramme();
        JsonNode result = take(participantToken, "phq-9", phq9(0, 0, 0, 0, 0, 0, 0, 0, 1)).expect(201).json();
        String assessmentId = result.path("assessmentId").asText();
        assertThat(result.path("score").asInt()).isEqualTo(1);
        assertThat(result.path("band").path("code").asText()).isEqualTo("minimal");
        assertThat(result.path("safety").path("concernRaised").asBoolean()).isTrue();
        assertThat(result.path("safety").path("signposting").asText())
                .isEqualTo("Acme crisis line: call 0800 000 000");
        assertThat(result.path("nextSteps").findValuesAsText("action"))
                .containsExactly("crisis-support", "practitioner-review");

        // Visible at once: the submission returns only once the alert is routed.
        JsonNode alert = alertFor(assessmentId, practitioner);
        assertThat(alert).as("the alert of the programme's practitioner").isNotNull();
        assertThat(alert.path("participantId").asText()).isEqualTo(pseudonym(subject));
        assertThat(alert.path("programmeId").asText()).isEqualTo(programmeId);
        assertThat(alert.path("rule").asText()).isEqualTo("phq-9.item-9");
        assertThat(alert.path("instrumentId").asText()).isEqualTo("phq-9");
        assertThat(alert.path("raisedAt").asText()).endsWith("Z");
        assertThat(alert.path("overdue").asBoolean()).isFalse();
        assertThat(alert.path("concernId").asText()).matches("[0-9a-f-]{36}");

        assertThat(alertFor(assessmentId, outsider)).as("another programme's practitioner sees nothing").isNull();
        assertThat(openAlerts(unique("dr.nobody"))).isEmpty();

        JsonNode forPractitioner = get("/api/assessments?participantId=" + pseudonym(subject),
                TestTokens.practitioner(practitioner)).expect(200).json();
        assertThat(forPractitioner.get(0).path("safety").path("concernRaised").asBoolean()).isTrue();
    }

    @Test
    void nobodyButPractitionersReadsOrAcknowledgesAlerts() {
        for (String token : List.of(TestTokens.participant(unique("p")), TestTokens.hr("hana"), admin())) {
            get("/api/safety/alerts", token).expectProblem(403);
            post("/api/safety/alerts/00000000-0000-4000-8000-000000000000/acknowledgement", token, null)
                    .expectProblem(403);
        }
    }

    @Test
    void aPractitionerOfTheProgrammeAcknowledgesAnAlertOnce() {
        setUpProgramme();
        String assessmentId = take(participantToken, "phq-9", phq9(3, 3, 3, 3, 3, 3, 3, 3, 3)).expect(201)
                .json().path("assessmentId").asText();
        String concernId = alertFor(assessmentId, practitioner).path("concernId").asText();
        String path = "/api/safety/alerts/" + concernId + "/acknowledgement";

        post(path, TestTokens.practitioner(outsider), null).expectProblem(403);
        post(path, participantToken, null).expectProblem(403);

        JsonNode ack = post(path, TestTokens.practitioner(practitioner), null).expect(201).json();
        assertThat(ack.path("concernId").asText()).isEqualTo(concernId);
        assertThat(ack.path("acknowledgedBy").asText()).isEqualTo(pseudonym(practitioner));
        assertThat(ack.path("acknowledgedAt").asText()).endsWith("Z");
        assertThat(alertFor(assessmentId, practitioner)).as("no longer open").isNull();

        String colleague = unique("dr.brown");
        assign(programmeId, colleague);
        post(path, TestTokens.practitioner(colleague), null).expectProblem(409, "concernId:already-acknowledged");
        post(path, TestTokens.practitioner(practitioner), null).expectProblem(409, "concernId:already-acknowledged");

        post("/api/safety/alerts/00000000-0000-4000-8000-000000000000/acknowledgement",
                TestTokens.practitioner(practitioner), null).expectProblem(404, "concernId:unknown");
        post("/api/safety/alerts/not-a-uuid/acknowledgement", TestTokens.practitioner(practitioner), null)
                .expectProblem(400, "concernId:type");
    }

    @Test
    void anAlertLeftUnacknowledgedPastTheDeadlineIsOverdue() {
        setUpProgramme();
        String assessmentId = take(participantToken, "phq-9", phq9(0, 0, 0, 0, 0, 0, 0, 0, 2)).expect(201)
                .json().path("assessmentId").asText();
        clock.advance(Duration.ofHours(4).minusMinutes(1));
        assertThat(alertFor(assessmentId, practitioner).path("overdue").asBoolean()).isFalse();
        clock.advance(Duration.ofMinutes(2));
        JsonNode alert = alertFor(assessmentId, practitioner);
        assertThat(alert.path("overdue").asBoolean()).isTrue();
        assertThat(alert.path("acknowledgeBy").asText()).endsWith("Z");
    }

    /**
     * The practitioners' digest (sent by progress-service) learns how many of a programme's alerts are overdue: a
     * count per programme on the internal topic, sent when it changes, naming no one.
     */
    @Test
    void theOverdueCountOfAProgrammeGoesOutWhenItChangesAndNamesNoOne() {
        setUpProgramme();
        String assessmentId = take(participantToken, "phq-9", phq9(0, 0, 0, 0, 0, 0, 0, 0, 2)).expect(201)
                .json().path("assessmentId").asText();
        alertCounts.publish(); // whatever other tests left, counted once
        clock.advance(Duration.ofHours(4).plusMinutes(1));
        assertThat(alertCounts.publish()).isPositive();
        assertThat(alertCounts.publish()).as("nothing changed").isZero();
        List<ConsumerRecord<String, byte[]>> counts = rawRecordsUntil(EventTypes.ALERT_COUNTS_TOPIC,
                r -> programmeId.equals(r.key()) && wholeRecord(r).contains("\"overdueAlerts\":1"));
        ConsumerRecord<String, byte[]> overdue = counts.stream().filter(r -> programmeId.equals(r.key()))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(CONTRACTS.validate(EventTypes.SAFETY_ALERTS_OVERDUE_V1, overdue.value())).isEmpty();
        assertThat(header(overdue, "ce_type")).isEqualTo(EventTypes.SAFETY_ALERTS_OVERDUE_V1);
        assertThat(wholeRecord(overdue)).doesNotContain(assessmentId).doesNotContain(pseudonym(subject))
                .doesNotContain("phq").doesNotContain(practitioner);

        String concernId = alertFor(assessmentId, practitioner).path("concernId").asText();
        post("/api/safety/alerts/" + concernId + "/acknowledgement", TestTokens.practitioner(practitioner), null)
                .expect(201);
        assertThat(alertCounts.publish()).isPositive();
        assertThat(rawRecordsUntil(EventTypes.ALERT_COUNTS_TOPIC, r -> programmeId.equals(r.key())
                && wholeRecord(r).contains("\"overdueAlerts\":0"))).isNotEmpty();
    }

    @Test
    void aPractitionerAssignedAfterTheConcernSeesItToo() {
        setUpProgramme();
        String assessmentId = take(participantToken, "phq-9", phq9(0, 0, 0, 0, 0, 0, 0, 0, 1)).expect(201)
                .json().path("assessmentId").asText();
        String late = unique("dr.late");
        assign(programmeId, late);
        assertThat(alertFor(assessmentId, late)).isNotNull();
    }

    @Test
    void item9AtZeroRaisesNothing() {
        setUpProgramme();
        JsonNode result = take(participantToken, "phq-9", phq9(3, 3, 3, 3, 3, 3, 3, 3, 0)).expect(201).json();
        assertThat(result.path("safety").path("concernRaised").asBoolean()).isFalse();
        assertThat(alertFor(result.path("assessmentId").asText(), practitioner)).isNull();
    }

    @Test
    void noSafetyConcernOrAcknowledgementEverReachesKafka() {
        setUpProgramme();
        String assessmentId = take(participantToken, "phq-9", phq9(0, 0, 0, 0, 0, 0, 0, 0, 1)).expect(201)
                .json().path("assessmentId").asText();
        String concernId = alertFor(assessmentId, practitioner).path("concernId").asText();
        post("/api/safety/alerts/" + concernId + "/acknowledgement", TestTokens.practitioner(practitioner), null)
                .expect(201);
        // A programme created afterwards is forwarded after the concern and its acknowledgement (one ordered
        // stream): once its record is there, anything the concern could have produced would be there too.
        String sentinel = newProgramme();
        List<ConsumerRecord<String, byte[]>> all = recordsUntil(r -> sentinel.equals(r.key()));

        // Only these types (which of them other tests have produced by now varies): nothing about the concern.
        assertThat(all).extracting(ServiceTestSupport::type).isSubsetOf(EventTypes.PROGRAMME_CREATED_V1,
                EventTypes.PROGRAMME_SETTINGS_CHANGED_V1,
                EventTypes.PRACTITIONER_ASSIGNED_V1, EventTypes.PRACTITIONER_UNASSIGNED_V1,
                EventTypes.PARTICIPANT_ENROLLED_V1, EventTypes.ASSESSMENT_COMPLETED_V1, EventTypes.CONSENT_WITHDRAWN_V1,
                EventTypes.CONSENT_RENEWED_V1, EventTypes.PARTICIPANT_ERASED_V1);
        List<ConsumerRecord<String, byte[]>> aboutIt = all.stream()
                .filter(r -> wholeRecord(r).contains(assessmentId)).toList();
        assertThat(aboutIt).extracting(ServiceTestSupport::type).containsExactly(EventTypes.ASSESSMENT_COMPLETED_V1);
        assertThat(all).allSatisfy(record -> assertThat(wholeRecord(record))
                .doesNotContain(concernId).doesNotContain("item-9").doesNotContain("phq9-9")
                .doesNotContainIgnoringCase("safety").doesNotContainIgnoringCase("concern")
                .doesNotContain(subject).doesNotContain(practitioner));
        assertThat(all).extracting(ConsumerRecord::key).doesNotContain(pseudonym(practitioner));
    }

    // ---- care holds: safety overrides everything ----

    @Test
    void aSafetyConcernHoldsTheParticipantsRecommendationsUntilTheirPractitionerReleasesThem() {
        setUpProgramme();
        String participantId = pseudonym(subject);
        assertThat(get("/api/care-holds/me", participantToken).expect(200).json().path("held").asBoolean()).isFalse();

        take(participantToken, "phq-9", phq9(0, 0, 0, 0, 0, 0, 0, 0, 1)).expect(201);

        // Held from the moment the participant has their answer.
        JsonNode hold = get("/api/care-holds/me", participantToken).expect(200).json();
        assertThat(hold.path("held").asBoolean()).isTrue();
        assertThat(get("/api/care-holds?participantId=" + participantId, TestTokens.practitioner(practitioner))
                .expect(200).json().path("held").asBoolean()).isTrue();
        // On the internal topic: the participant and the time, no reason.
        ConsumerRecord<String, byte[]> placed = only(recordsUntil(EventTypes.CARE_HOLDS_TOPIC,
                r -> participantId.equals(r.key())), EventTypes.CARE_HOLD_PLACED_V1, participantId);
        assertThat(CONTRACTS.validate(EventTypes.CARE_HOLD_PLACED_V1, placed.value())).isEmpty();
        assertThat(wholeRecord(placed)).doesNotContain("phq").doesNotContain("item").doesNotContain(programmeId);

        // Only a practitioner of the participant's programme releases it, once.
        post("/api/care-holds/" + participantId + "/release", TestTokens.practitioner(outsider), null)
                .expectProblem(403);
        JsonNode released = post("/api/care-holds/" + participantId + "/release",
                TestTokens.practitioner(practitioner), null).expect(200).json();
        assertThat(released.path("held").asBoolean()).isFalse();
        assertThat(released.path("releasedBy").asText()).isEqualTo(pseudonym(practitioner));
        assertThat(released.path("releasedAt").asText()).isNotBlank();
        post("/api/care-holds/" + participantId + "/release", TestTokens.practitioner(practitioner), null)
                .expectProblem(409, "participantId:not-held");
        ConsumerRecord<String, byte[]> release = recordsUntil(EventTypes.CARE_HOLDS_TOPIC,
                r -> participantId.equals(r.key()) && EventTypes.CARE_HOLD_RELEASED_V1.equals(type(r))).stream()
                .filter(r -> EventTypes.CARE_HOLD_RELEASED_V1.equals(type(r)) && participantId.equals(r.key()))
                .findFirst().orElseThrow();
        assertThat(CONTRACTS.validate(EventTypes.CARE_HOLD_RELEASED_V1, release.value())).isEmpty();
        assertThat(wholeRecord(release)).doesNotContain(pseudonym(practitioner));

        JsonNode own = get("/api/care-holds/me", participantToken).expect(200).json();
        assertThat(own.path("held").asBoolean()).isFalse();
        assertThat(own.has("releasedBy")).as("a participant is not told their practitioner's pseudonym").isFalse();

        // A later concern holds them again.
        take(participantToken, "phq-9", phq9(0, 0, 0, 0, 0, 0, 0, 0, 2)).expect(201);
        assertThat(get("/api/care-holds/me", participantToken).expect(200).json().path("held").asBoolean()).isTrue();
        // Nothing of the hold reaches the public assessment stream.
        assertThat(recordsUntil(r -> participantId.equals(r.key())).stream().map(ServiceTestSupport::type))
                .noneMatch(type -> type.contains("care-hold"));
    }

    @Test
    void answersWithoutAConcernPlaceNoHold() {
        setUpProgramme();
        take(participantToken, "phq-9", phq9(3, 3, 3, 3, 3, 3, 3, 3, 0)).expect(201);
        assertThat(get("/api/care-holds/me", participantToken).expect(200).json().path("held").asBoolean()).isFalse();
        post("/api/care-holds/" + pseudonym(subject) + "/release", TestTokens.practitioner(practitioner), null)
                .expectProblem(409, "participantId:not-held");
    }
}
