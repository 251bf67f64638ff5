package org.tend.assessment.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tend.assessment.domain.assessment.AnswersRecorded;
import org.tend.assessment.domain.assessment.AssessmentCompleted;
import org.tend.assessment.domain.assessment.AssessmentExpired;
import org.tend.assessment.domain.assessment.AssessmentStarted;
import org.tend.assessment.domain.assessment.FollowUpAssessmentDue;
import org.tend.assessment.domain.enrolment.ParticipantEnrolled;
import org.tend.contracts.OrganisationIds;
import org.tend.assessment.domain.care.CareHoldPlaced;
import org.tend.assessment.domain.care.CareHoldReleased;
import org.tend.assessment.domain.programme.EnrolmentCodeSet;
import org.tend.assessment.domain.programme.InvitationRevoked;
import org.tend.assessment.domain.programme.PractitionerAssigned;
import org.tend.assessment.domain.programme.PractitionerInvited;
import org.tend.assessment.domain.programme.PractitionerUnassigned;
import org.tend.assessment.domain.programme.ProgrammeCreated;
import org.tend.assessment.domain.safety.SafetyConcernAcknowledged;
import org.tend.assessment.domain.safety.SafetyConcernRaised;
import org.tend.assessment.domain.programme.ProgrammeSettingsChanged;
import org.tend.assessment.domain.programme.ScheduleItem;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.messaging.IntegrationEvent;
import org.tend.plumbing.messaging.MessagingAutoConfiguration;

/** What leaves the service: the published types, valid against their schemas, and nothing else. */
class AssessmentIntegrationEventsTest {

    static final ContractValidator CONTRACTS = ContractValidator.load();
    static final ObjectMapper JSON = MessagingAutoConfiguration.integrationJson();
    static final AssessmentIntegrationEvents MAPPER = new AssessmentIntegrationEvents();

    static final String PROGRAMME = "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d";
    static final String ASSESSMENT = "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e";
    static final String PARTICIPANT = "p_hhhhhhhhhhhhhhhhhhhhhhhhhh";
    static final String PRACTITIONER = "p_iiiiiiiiiiiiiiiiiiiiiiiiii";
    static final Instant AT = Instant.parse("2025-04-01T12:30:45.123Z");
    static final String ADMIN = "p_jjjjjjjjjjjjjjjjjjjjjjjjjj";
    static final String INVITATION = "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f";
    static final String CODE_HASH = "ab".repeat(32);

    static Stream<Object[]> published() {
        return Stream.of(
                new Object[] {new ProgrammeCreated(PROGRAMME, "acme", "Acme secret project", 5, "Call 999", AT, List.of("engineering"),
                        CODE_HASH, ADMIN),
                        EventTypes.PROGRAMME_CREATED_V1, PROGRAMME},
                new Object[] {new ProgrammeSettingsChanged(PROGRAMME, 5, "P14D", "default-v1", List.of(
                        new ScheduleItem("phq-9", "P14D", "plan-active"), new ScheduleItem("who-5", "P28D", "enrolled")),
                        ADMIN, AT),
                        EventTypes.PROGRAMME_SETTINGS_CHANGED_V1, PROGRAMME},
                new Object[] {new ProgrammeSettingsChanged(PROGRAMME, 1, "P999D", "programme-v2", List.of(), ADMIN, AT),
                        EventTypes.PROGRAMME_SETTINGS_CHANGED_V1, PROGRAMME},
                new Object[] {new PractitionerAssigned(PROGRAMME, PRACTITIONER, AT, INVITATION, ADMIN),
                        EventTypes.PRACTITIONER_ASSIGNED_V1, PROGRAMME},
                new Object[] {new PractitionerAssigned(PROGRAMME, PRACTITIONER, AT, null, null),
                        EventTypes.PRACTITIONER_ASSIGNED_V1, PROGRAMME},
                new Object[] {new PractitionerUnassigned(PROGRAMME, PRACTITIONER, INVITATION, ADMIN, AT),
                        EventTypes.PRACTITIONER_UNASSIGNED_V1, PROGRAMME},
                new Object[] {new CareHoldPlaced(PARTICIPANT, "concern-1", AT),
                        EventTypes.CARE_HOLD_PLACED_V1, PARTICIPANT},
                new Object[] {new CareHoldReleased(PARTICIPANT, PRACTITIONER, AT),
                        EventTypes.CARE_HOLD_RELEASED_V1, PARTICIPANT},
                new Object[] {new ParticipantEnrolled(PARTICIPANT, PROGRAMME, "finance", true, AT),
                        EventTypes.PARTICIPANT_ENROLLED_V1, PARTICIPANT},
                new Object[] {new ParticipantEnrolled(PARTICIPANT, PROGRAMME, null, true, AT),
                        EventTypes.PARTICIPANT_ENROLLED_V1, PARTICIPANT},
                new Object[] {new AssessmentCompleted(ASSESSMENT, PARTICIPANT, PROGRAMME, "phq-9", "1.0.0",
                        Map.of("phq9-9", 1), 1, null, 1, 0, 27, "minimal", "None/minimal", AT),
                        EventTypes.ASSESSMENT_COMPLETED_V1, PARTICIPANT},
                new Object[] {new AssessmentCompleted(ASSESSMENT, PARTICIPANT, PROGRAMME, "who-5", "1.0.0",
                        Map.of("who5-1", 5), 12, 48, 48, 0, 100, "poor-wellbeing", "Poor wellbeing", AT),
                        EventTypes.ASSESSMENT_COMPLETED_V1, PARTICIPANT});
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("published")
    void eachPublishedRecordIsValidAgainstItsSchemaAndKeyedAsTheConventionsSay(
            Object domainEvent, String type, String key) throws Exception {
        List<IntegrationEvent> events = MAPPER.map(domainEvent);
        assertThat(events).hasSize(1);
        IntegrationEvent event = events.get(0);
        assertThat(event.type()).isEqualTo(type);
        assertThat(event.key()).isEqualTo(key);
        byte[] data = JSON.writeValueAsBytes(event.data());
        assertThat(CONTRACTS.validate(type, data)).isEmpty();
    }

    @Test
    void noNameSignpostingOrItemAnswerIsPublished() throws Exception {
        String programme = new String(JSON.writeValueAsBytes(MAPPER.map(
                new ProgrammeCreated(PROGRAMME, "acme", "Acme secret project", 5, "Call 999", AT, List.of("engineering"),
                        CODE_HASH, ADMIN)).get(0).data()));
        assertThat(programme).doesNotContain("Acme secret project").doesNotContain("Call 999")
                .contains(OrganisationIds.published("acme"));
        String completed = new String(JSON.writeValueAsBytes(MAPPER.map(new AssessmentCompleted(ASSESSMENT,
                PARTICIPANT, PROGRAMME, "phq-9", "1.0.0", Map.of("phq9-9", 1), 1, null, 1, 0, 27, "minimal",
                "None/minimal", AT)).get(0).data()));
        assertThat(completed).doesNotContain("phq9-9").doesNotContain("answers").doesNotContain("None/minimal");
    }

    @Test
    void theWho5RecordCarriesThePercentageAndItsRange() throws Exception {
        JsonNode data = JSON.valueToTree(MAPPER.map(new AssessmentCompleted(ASSESSMENT, PARTICIPANT, PROGRAMME,
                "who-5", "1.0.0", Map.of(), 12, 48, 48, 0, 100, "poor-wellbeing", "Poor", AT)).get(0).data());
        assertThat(data.get("totalScore").asInt()).isEqualTo(48);
        assertThat(data.get("scoreRange").get("max").asInt()).isEqualTo(100);
        assertThat(data.get("instrumentVersion").asText()).isEqualTo("1.0.0");
        assertThat(data.get("completedAt").asText()).isEqualTo("2025-04-01T12:30:45.123Z");
    }

    /** Which administrator invited, unassigned or set a code, the codes themselves and who released a hold stay here. */
    @Test
    void administratorsCodesAndReleasersNeverLeaveTheService() throws Exception {
        for (Object event : List.of(new ProgrammeCreated(PROGRAMME, "acme", "A", 5, "Call 999", AT, List.of(),
                        CODE_HASH, ADMIN), new PractitionerAssigned(PROGRAMME, PRACTITIONER, AT, INVITATION, ADMIN),
                new PractitionerUnassigned(PROGRAMME, PRACTITIONER, INVITATION, ADMIN, AT),
                new CareHoldPlaced(PARTICIPANT, "concern-1", AT), new CareHoldReleased(PARTICIPANT, ADMIN, AT))) {
            String data = new String(JSON.writeValueAsBytes(MAPPER.map(event).get(0).data()));
            assertThat(data).as(event.toString()).doesNotContain(ADMIN).doesNotContain(CODE_HASH)
                    .doesNotContain(INVITATION).doesNotContain("concern-1");
        }
        assertThat(MAPPER.map(new CareHoldPlaced(PARTICIPANT, "concern-1", AT)).get(0).type())
                .isEqualTo(EventTypes.CARE_HOLD_PLACED_V1);
        assertThat(EventTypes.topicOf(EventTypes.CARE_HOLD_PLACED_V1)).isEqualTo(EventTypes.CARE_HOLDS_TOPIC);
    }

    @Test
    void safetyConcernsAndEverythingElseInternalAreNeverPublished() {
        assertThat(Stream.of(
                new SafetyConcernRaised("c", PARTICIPANT, PROGRAMME, ASSESSMENT, "phq-9", "phq-9.item-9", AT),
                new SafetyConcernAcknowledged("c", ASSESSMENT, PARTICIPANT, PROGRAMME, PRACTITIONER, AT),
                new AssessmentStarted(ASSESSMENT, PARTICIPANT, PROGRAMME, "phq-9", "1.0.0", AT, AT),
                new AnswersRecorded(ASSESSMENT, PARTICIPANT, Map.of("phq9-1", 1), List.of(), AT),
                new AssessmentExpired(ASSESSMENT, PARTICIPANT, PROGRAMME, "phq-9", AT),
                new FollowUpAssessmentDue(PARTICIPANT, PROGRAMME, "phq-9", ASSESSMENT, "phq-2", "positive", AT),
                new PractitionerInvited(PROGRAMME, INVITATION, CODE_HASH, AT, ADMIN, AT),
                new InvitationRevoked(PROGRAMME, INVITATION, ADMIN, AT),
                new EnrolmentCodeSet(PROGRAMME, CODE_HASH, ADMIN, AT)))
                .allSatisfy(event -> assertThat(MAPPER.map(event)).isEmpty());
    }
}
