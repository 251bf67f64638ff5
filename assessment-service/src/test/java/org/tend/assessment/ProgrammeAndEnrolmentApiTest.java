package org.tend.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpMethod;
import org.tend.contracts.OrganisationIds;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.identity.Pseudonymizer;
import org.tend.testsupport.TestTokens;

/** Programmes (administrators), practitioners' assignment, enrolment, instruments, and who may call what. */
class ProgrammeAndEnrolmentApiTest extends ServiceTestSupport {

    static final ContractValidator CONTRACTS = ContractValidator.load();

    @Test
    void anAdministratorCreatesAProgrammeAndItIsPublishedWithoutItsName() {
        Response created = post("/api/programmes", admin(), Map.of("organisationId", "globex", "name",
                "Globex resilience pilot", "minimumGroupSize", 8)).expect(201);
        JsonNode body = created.json();
        String programmeId = body.path("programmeId").asText();
        assertThat(programmeId).matches("[0-9a-f-]{36}");
        assertThat(body.path("organisationId").asText()).isEqualTo("globex");
        assertThat(body.path("publishedOrganisationId").asText()).isEqualTo(OrganisationIds.published("globex"));
        assertThat(body.path("minimumGroupSize").asInt()).isEqualTo(8);
        assertThat(body.path("crisisSignposting").asText()).contains("Samaritans").contains("116 123");

        // The enrolment code is shown once, in this answer; only its hash is kept.
        assertThat(body.path("enrolmentCode").asText()).matches("[0-9A-Z]{5}(-[0-9A-Z]{5}){3}");
        JsonNode read = get("/api/programmes/" + programmeId, admin()).expect(200).json();
        assertThat(read.path("name").asText()).isEqualTo("Globex resilience pilot");
        assertThat(read.path("hasEnrolmentCode").asBoolean()).isTrue();
        assertThat(read.has("enrolmentCode") && !read.path("enrolmentCode").isNull()).isFalse();
        assertThat(get("/api/programmes", admin()).expect(200).json().findValuesAsText("programmeId"))
                .contains(programmeId);

        ConsumerRecord<String, byte[]> record = only(recordsUntil(r -> programmeId.equals(r.key())),
                EventTypes.PROGRAMME_CREATED_V1, programmeId);
        assertThat(header(record, "ce_source")).isEqualTo("/tend/assessment-service");
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_dataschema")).isEqualTo("urn:tend:schema:" + EventTypes.PROGRAMME_CREATED_V1);
        assertThat(header(record, "ce_id")).isNotBlank();
        assertThat(CONTRACTS.validate(EventTypes.PROGRAMME_CREATED_V1, record.value())).isEmpty();
        JsonNode data = data(record);
        assertThat(data.path("programmeId").asText()).isEqualTo(programmeId);
        assertThat(data.path("organisationId").asText()).isEqualTo(OrganisationIds.published("globex"));
        assertThat(data.path("minimumGroupSize").asInt()).isEqualTo(8);
        assertThat(wholeRecord(record)).doesNotContain("Globex resilience pilot").doesNotContain("Samaritans");
    }

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"organisationId\":\"acme\",\"name\":\"A\",\"minimumGroupSize\":4}             | 422 | minimumGroupSize:range",
            "{\"organisationId\":\"acme\",\"name\":\"A\",\"minimumGroupSize\":101}           | 422 | minimumGroupSize:range",
            "{\"organisationId\":\"acme\",\"name\":\"A\",\"minimumGroupSize\":\"five\"}      | 400 | minimumGroupSize:type",
            "{\"organisationId\":\"acme\",\"name\":\"A\",\"minimumGroupSize\":5.5}           | 400 | minimumGroupSize:type",
            "{\"organisationId\":\"acme\",\"name\":\"A\"}                                    | 400 | minimumGroupSize:required",
            "{\"organisationId\":\"acme\",\"minimumGroupSize\":5}                            | 400 | name:required",
            "{\"organisationId\":\"Acme Corp\",\"name\":\"A\",\"minimumGroupSize\":5}        | 400 | organisationId:pattern",
            "{\"name\":\"A\",\"minimumGroupSize\":5}                                         | 400 | organisationId:required",
            "{\"organisationId\":\"acme\",\"name\":\"A\",\"minimumGroupSize\":5,\"crisisSignposting\":\"\"} | 400 | crisisSignposting:range",
            "{\"organisationId\":\"acme\",\"name\":\"A\\u0007\",\"minimumGroupSize\":5}      | 422 | name:control-characters",
            "{\"organisationId\":\"acme\",\"name\":\"Two\\nlines\",\"minimumGroupSize\":5}   | 422 | name:control-characters",
            "{\"organisationId\":\"acme\",\"name\":\"A\",\"minimumGroupSize\":5,\"crisisSignposting\":\"Call\\u001b[2J\"} | 422 | crisisSignposting:control-characters",
            "{\"organisationId\":\"acme\",\"name\":                                          | 400 | body:malformed-json"})
    void badProgrammesAreRefusedWithProblemsNamingFieldAndRule(String body, int status, String error) {
        long before = storedEvents();
        post("/api/programmes", admin(), body).expectProblem(status, error);
        assertThat(storedEvents()).isEqualTo(before);
    }

    /** Crisis signposting is several lines (a helpline per line): line feeds and tabs are kept. */
    @Test
    void crisisSignpostingMaySpanLines() {
        String signposting = "Samaritans:\t116 123\r\nShout:\t85258\nNHS:\t111";
        JsonNode created = post("/api/programmes", admin(), Map.of("organisationId", "acme", "name", "Lines",
                "minimumGroupSize", 5, "crisisSignposting", signposting)).expect(201).json();
        assertThat(created.path("crisisSignposting").asText()).isEqualTo(signposting);
    }

    /** A programme lists at most 50 departments, each a short slug. */
    @Test
    void aProgrammesDepartmentsAreBounded() {
        List<String> fifty = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add("dept-" + i);
        }
        post("/api/programmes", admin(), Map.of("organisationId", "acme", "name", "Fifty", "minimumGroupSize", 5,
                "departments", fifty)).expect(201);
        List<String> fiftyOne = new java.util.ArrayList<>(fifty);
        fiftyOne.add("dept-50");
        long before = storedEvents();
        post("/api/programmes", admin(), Map.of("organisationId", "acme", "name", "Fifty-one", "minimumGroupSize", 5,
                "departments", fiftyOne)).expectProblem(400, "departments:range");
        post("/api/programmes", admin(), Map.of("organisationId", "acme", "name", "Long", "minimumGroupSize", 5,
                "departments", List.of("d".repeat(41)))).expectProblem(400, "departments[0]:range");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aNameIsAtMost120Characters() {
        post("/api/programmes", admin(), Map.of("organisationId", "acme", "name", "n".repeat(120),
                "minimumGroupSize", 5)).expect(201);
        post("/api/programmes", admin(), Map.of("organisationId", "acme", "name", "n".repeat(121),
                "minimumGroupSize", 5)).expectProblem(400, "name:range");
    }

    @Test
    void onlyAdministratorsManageProgrammes() {
        String programmeId = newProgramme();
        Map<String, Object> body = Map.of("organisationId", "acme", "name", "A", "minimumGroupSize", 5);
        for (String token : List.of(TestTokens.participant("pat"), TestTokens.practitioner("pra"),
                TestTokens.hr("hana"))) {
            post("/api/programmes", token, body).expectProblem(403);
            get("/api/programmes/" + programmeId, token).expectProblem(403);
            get("/api/programmes", token).expectProblem(403);
            post("/api/programmes/" + programmeId + "/invitations", token, Map.of()).expectProblem(403);
            get("/api/programmes/" + programmeId + "/invitations", token).expectProblem(403);
            post("/api/programmes/" + programmeId + "/enrolment-code", token, Map.of()).expectProblem(403);
            delete("/api/programmes/" + programmeId + "/assignments/" + java.util.UUID.randomUUID(), token)
                    .expectProblem(403);
        }
    }

    @Test
    void unknownProgrammesAre404AndMalformedIds400() {
        String unknown = "00000000-0000-4000-8000-000000000000";
        get("/api/programmes/" + unknown, admin()).expectProblem(404, "programmeId:unknown");
        post("/api/programmes/" + unknown + "/invitations", admin(), Map.of())
                .expectProblem(404, "programmeId:unknown");
        post("/api/programmes/" + unknown + "/enrolment-code", admin(), Map.of())
                .expectProblem(404, "programmeId:unknown");
        get("/api/programmes/not-a-uuid", admin()).expectProblem(400, "programmeId:type");
    }

    @Test
    void aPractitionerJoinsByRedeemingAnInvitationAndTheAdministratorNeverSeesTheirPseudonym() {
        String programmeId = newProgramme();
        String subject = unique("dr.jones");
        String pseudonym = pseudonym(subject);
        JsonNode invitation = post("/api/programmes/" + programmeId + "/invitations", admin(),
                Map.of("validForDays", 3)).expect(201).json();
        String code = invitation.path("code").asText();
        assertThat(invitation.path("expiresAt").asText()).isNotBlank();

        JsonNode redeemed = post("/api/invitations/redemptions", TestTokens.practitioner(subject),
                Map.of("code", code.toLowerCase().replace("-", " "))).expect(201).json();
        assertThat(redeemed.path("programmeId").asText()).isEqualTo(programmeId);

        JsonNode programme = get("/api/programmes/" + programmeId, admin()).expect(200).json();
        assertThat(programme.path("practitionerCount").asInt()).isEqualTo(1);
        assertThat(programme.path("assignments").get(0).path("assignmentId").asText())
                .isEqualTo(invitation.path("invitationId").asText());
        JsonNode invitations = get("/api/programmes/" + programmeId + "/invitations", admin()).expect(200).json();
        assertThat(invitations.get(0).path("status").asText()).isEqualTo("redeemed");
        for (JsonNode seenByAdmin : List.of(programme, invitations, invitation)) {
            assertThat(seenByAdmin.toString()).doesNotContain(pseudonym).doesNotContain(subject);
        }

        // Single use: another practitioner cannot redeem it; the same one repeating the request changes nothing.
        post("/api/invitations/redemptions", TestTokens.practitioner(unique("dr.other")), Map.of("code", code))
                .expectProblem(409, "code:invitation-used");
        post("/api/invitations/redemptions", TestTokens.practitioner(subject), Map.of("code", code)).expect(201);

        // A later record on the same key proves the forwarder has passed the assignment.
        String sentinel = unique("sentinel");
        assign(programmeId, sentinel);
        List<ConsumerRecord<String, byte[]>> records = recordsUntil(r -> programmeId.equals(r.key())
                && new String(r.value()).contains(pseudonym(sentinel)));
        ConsumerRecord<String, byte[]> assigned = records.stream()
                .filter(r -> EventTypes.PRACTITIONER_ASSIGNED_V1.equals(type(r)))
                .filter(r -> data(r).path("practitionerId").asText().equals(pseudonym)).reduce((a, b) -> {
                    throw new AssertionError("the assignment was published twice");
                }).orElseThrow();
        assertThat(CONTRACTS.validate(EventTypes.PRACTITIONER_ASSIGNED_V1, assigned.value())).isEmpty();
        assertThat(wholeRecord(assigned)).doesNotContain(subject);
    }

    @Test
    void anInvitationThatIsRevokedExpiredOrUnknownAdmitsNoOne() {
        String programmeId = newProgramme();
        JsonNode revoked = post("/api/programmes/" + programmeId + "/invitations", admin(), Map.of()).expect(201)
                .json();
        delete("/api/programmes/" + programmeId + "/invitations/" + revoked.path("invitationId").asText(), admin())
                .expect(204);
        post("/api/invitations/redemptions", TestTokens.practitioner(unique("p")),
                Map.of("code", revoked.path("code").asText())).expectProblem(409, "code:invitation-revoked");

        String expiring = post("/api/programmes/" + programmeId + "/invitations", admin(), Map.of("validForDays", 1))
                .expect(201).json().path("code").asText();
        clock.advance(java.time.Duration.ofDays(1).plusSeconds(1));
        post("/api/invitations/redemptions", TestTokens.practitioner(unique("p")), Map.of("code", expiring))
                .expectProblem(409, "code:invitation-expired");
        assertThat(get("/api/programmes/" + programmeId + "/invitations", admin()).expect(200).json()
                .findValuesAsText("status")).containsExactly("expired", "revoked");

        post("/api/invitations/redemptions", TestTokens.practitioner(unique("p")), Map.of("code", "AAAAA-AAAAA-AAAAA-AAAAA"))
                .expectProblem(404, "code:unknown");
        post("/api/invitations/redemptions", TestTokens.practitioner(unique("p")), Map.of("code", "not a code"))
                .expectProblem(404, "code:unknown");
        // An enrolment code is not an invitation.
        post("/api/invitations/redemptions", TestTokens.practitioner(unique("p")),
                Map.of("code", enrolmentCode(programmeId))).expectProblem(404, "code:unknown");
        post("/api/programmes/" + programmeId + "/invitations", admin(), Map.of("validForDays", 31))
                .expectProblem(400, "validForDays:range");
        // Only a practitioner redeems.
        post("/api/invitations/redemptions", TestTokens.participant(unique("x")),
                Map.of("code", invitation(programmeId))).expectProblem(403);
    }

    @Test
    void anUnassignedPractitionerNoLongerSeesTheProgrammesParticipantsAndItIsPublished() {
        String programmeId = newProgramme();
        String subject = unique("dr.leaving");
        assign(programmeId, subject);
        String participantSubject = unique("erin");
        enrolled(participantSubject, programmeId);
        String participantId = pseudonym(participantSubject);
        get("/api/assessments?participantId=" + participantId, TestTokens.practitioner(subject)).expect(200);

        String assignmentId = get("/api/programmes/" + programmeId, admin()).expect(200).json()
                .path("assignments").get(0).path("assignmentId").asText();
        delete("/api/programmes/" + programmeId + "/assignments/" + assignmentId, admin()).expect(204);

        get("/api/assessments?participantId=" + participantId, TestTokens.practitioner(subject)).expectProblem(403);
        assertThat(get("/api/programmes/" + programmeId, admin()).expect(200).json().path("practitionerCount")
                .asInt()).isZero();
        delete("/api/programmes/" + programmeId + "/assignments/" + assignmentId, admin())
                .expectProblem(404, "assignmentId:unknown");

        ConsumerRecord<String, byte[]> unassigned = only(recordsUntil(r -> programmeId.equals(r.key())
                && EventTypes.PRACTITIONER_UNASSIGNED_V1.equals(type(r))), EventTypes.PRACTITIONER_UNASSIGNED_V1,
                programmeId);
        assertThat(CONTRACTS.validate(EventTypes.PRACTITIONER_UNASSIGNED_V1, unassigned.value())).isEmpty();
        assertThat(data(unassigned).path("practitionerId").asText()).isEqualTo(pseudonym(subject));
    }

    @Test
    void aRotatedEnrolmentCodeStopsAdmittingAtOnce() {
        String programmeId = newProgramme();
        String old = enrolmentCode(programmeId);
        String fresh = rotateEnrolmentCode(programmeId);
        assertThat(fresh).isNotEqualTo(old);
        post("/api/enrolments", TestTokens.participant(unique("late")), Map.of("enrolmentCode", old, "consent", true))
                .expectProblem(404, "enrolmentCode:unknown");
        post("/api/enrolments", TestTokens.participant(unique("new")), Map.of("enrolmentCode", fresh, "consent", true))
                .expect(201);
    }

    @Test
    void aDepartmentTheProgrammeDoesNotListIsRefusedAndNothingIsPublished() {
        String programmeId = newProgramme();
        String subject = unique("dora");
        post("/api/enrolments", TestTokens.participant(subject), Map.of("enrolmentCode", enrolmentCode(programmeId),
                "consent", true, "department", "dora-smith")).expectProblem(422, "department:unknown-department");
        get("/api/enrolments/me", TestTokens.participant(subject)).expect(404);
    }

    @Test
    void aParticipantEnrolsWithConsentAndTheEnrolmentIsPublishedByPseudonym() {
        String programmeId = newProgramme();
        String subject = unique("alice");
        String token = TestTokens.participant(subject);
        JsonNode enrolment = post("/api/enrolments", token, Map.of("enrolmentCode", enrolmentCode(programmeId),
                "consent", true, "department", "finance")).expect(201).json();
        assertThat(enrolment.path("crisisSignposting").asText()).isEqualTo("Acme crisis line: call 0800 000 000");
        String participantId = pseudonym(subject);
        assertThat(enrolment.path("participantId").asText()).isEqualTo(participantId);
        assertThat(enrolment.path("programmeId").asText()).isEqualTo(programmeId);
        assertThat(enrolment.path("department").asText()).isEqualTo("finance");
        assertThat(get("/api/enrolments/me", token).expect(200).json().path("programmeId").asText())
                .isEqualTo(programmeId);

        ConsumerRecord<String, byte[]> record = only(recordsUntil(r -> participantId.equals(r.key())),
                EventTypes.PARTICIPANT_ENROLLED_V1, participantId);
        assertThat(record.key()).matches(Pseudonymizer.PSEUDONYM);
        assertThat(CONTRACTS.validate(EventTypes.PARTICIPANT_ENROLLED_V1, record.value())).isEmpty();
        JsonNode data = data(record);
        assertThat(data.path("cohort").path("department").asText()).isEqualTo("finance");
        assertThat(data.path("consentGiven").asBoolean()).isTrue();
        assertThat(wholeRecord(record)).doesNotContain(subject).doesNotContain("alice");
        // On the topic the data is sealed with the participant's key: the cohort is not there in the clear.
        ConsumerRecord<String, byte[]> onTopic = only(rawRecordsUntil(TOPIC, r -> participantId.equals(r.key())),
                EventTypes.PARTICIPANT_ENROLLED_V1, participantId);
        assertThat(header(onTopic, "content-type")).isEqualTo(EventTypes.SEALED_CONTENT_TYPE);
        assertThat(new String(onTopic.value(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("finance", "department", programmeId);
    }

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "{CODE,\"consent\":false}                                 | 422 | consent:must-be-true",
            "{CODE}                                                  | 400 | consent:required",
            "{\"consent\":true}                                     | 400 | enrolmentCode:required",
            "{CODE,\"consent\":\"yes\"}                               | 400 | consent:type",
            "{CODE,\"consent\":true,\"department\":\"Finance Dept\"}  | 400 | department:pattern",
            "{CODE,\"consent\":true,\"department\":\"\"}              | 400 | department:range,department:pattern",
            "{CODE,\"consent\":true,\"department\":\"ddddddddddddddddddddddddddddddddddddddddd\"} | 400 | department:range",
            "[true]                                              | 400 | body:malformed-json",
            "{\"consent\":                                       | 400 | body:malformed-json"})
    void badEnrolmentsAreRefusedAndStoreNothing(String body, int status, String errors) {
        String programmeId = newProgramme();
        String token = TestTokens.participant(unique("bob"));
        long before = storedEvents();
        post("/api/enrolments", token, body.replace("CODE", "\"enrolmentCode\":\"" + enrolmentCode(programmeId)
                + "\"")).expectProblem(status, errors.split(","));
        assertThat(storedEvents()).isEqualTo(before);
        get("/api/enrolments/me", token).expectProblem(404, "participantId:unknown");
    }

    @Test
    void enrollingWithACodeNoProgrammeIssuedIs404NamingTheCode() {
        for (String code : List.of("AAAAA-AAAAA-AAAAA-AAAAA", "not a code", "x".repeat(64))) {
            post("/api/enrolments", TestTokens.participant(unique("carol")),
                    Map.of("enrolmentCode", code, "consent", true)).expectProblem(404, "enrolmentCode:unknown");
        }
        // An invitation's code does not enrol a participant.
        post("/api/enrolments", TestTokens.participant(unique("carol")),
                Map.of("enrolmentCode", invitation(newProgramme()), "consent", true))
                .expectProblem(404, "enrolmentCode:unknown");
    }

    @Test
    void aParticipantEnrolsOnce() {
        String token = enrolled(unique("dave"), newProgramme());
        post("/api/enrolments", token, Map.of("enrolmentCode", enrolmentCode(newProgramme()), "consent", true))
                .expectProblem(409, "participantId:already-enrolled");
    }

    @Test
    void onlyParticipantsEnrol() {
        String programmeId = newProgramme();
        for (String token : List.of(TestTokens.practitioner("pra"), TestTokens.hr("hana"), admin())) {
            post("/api/enrolments", token, Map.of("enrolmentCode", enrolmentCode(programmeId), "consent", true))
                    .expectProblem(403);
            get("/api/enrolments/me", token).expectProblem(403);
        }
    }

    @Test
    void requestsWithoutAValidTokenAreRefusedWith401Problems() {
        List<String> roles = List.of("admin", "participant", "practitioner");
        Map<String, String> tokens = new HashMap<>();
        tokens.put("forged", TestTokens.forged("eve", roles));
        tokens.put("expired", TestTokens.expired("eve", roles));
        tokens.put("wrong issuer", TestTokens.wrongIssuer("eve", roles));
        tokens.put("garbage", "not.a.token");
        for (String path : List.of("/api/programmes", "/api/enrolments/me", "/api/assessments/me",
                "/api/instruments", "/api/safety/alerts")) {
            get(path, null).expectProblem(401);
            tokens.forEach((name, token) -> get(path, token).expectProblem(401));
        }
        call(HttpMethod.POST, "/api/assessments", tokens.get("forged"), Map.of("instrumentId", "phq-9"))
                .expectProblem(401);
    }

    @Test
    void anySignedInRoleReadsTheInstruments() {
        for (String token : List.of(TestTokens.participant("p"), TestTokens.practitioner("q"), TestTokens.hr("h"),
                admin())) {
            JsonNode list = get("/api/instruments", token).expect(200).json();
            assertThat(list.findValuesAsText("id"))
                    .containsExactlyInAnyOrder("gad-2", "gad-7", "k10", "phq-2", "phq-9", "pss-10", "who-5");
            assertThat(list.findValuesAsText("version")).allMatch(v -> v.equals("1.0.0"));
        }
        JsonNode phq9 = get("/api/instruments/phq-9", TestTokens.participant("p")).expect(200).json();
        assertThat(phq9.path("version").asText()).isEqualTo("1.0.0");
        assertThat(phq9.path("recallPeriod").asText()).isEqualTo("last 2 weeks");
        assertThat(phq9.path("stem").asText()).startsWith("Over the last 2 weeks");
        assertThat(phq9.path("licence").path("notice").asText()).contains("Pfizer");
        assertThat(phq9.path("items")).hasSize(10);
        JsonNode item9 = phq9.path("items").get(8);
        assertThat(item9.path("id").asText()).isEqualTo("phq9-9");
        assertThat(item9.path("text").asText()).contains("better off dead");
        assertThat(item9.path("options").findValuesAsText("label"))
                .containsExactly("Not at all", "Several days", "More than half the days", "Nearly every day");
        assertThat(phq9.path("items").get(9).path("scored").asBoolean()).isFalse();
        JsonNode who5 = get("/api/instruments/who-5", TestTokens.hr("h")).expect(200).json();
        assertThat(who5.path("scoreRange").path("max").asInt()).isEqualTo(100);
        assertThat(get("/api/instruments/phq-9?version=1.0.0", admin()).expect(200).json().path("id").asText())
                .isEqualTo("phq-9");
        get("/api/instruments/wemwbs", admin()).expectProblem(404, "instrumentId:unknown");
        get("/api/instruments/phq-9?version=9.9.9", admin()).expectProblem(404, "version:unknown");
    }

    /** The one record of the type on the key: a duplicate would be a bug. */
}
