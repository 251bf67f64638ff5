package org.tend.catalogue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.messaging.CloudEventRecords;
import org.tend.plumbing.messaging.IntegrationEvent;
import org.tend.plumbing.messaging.MessagingAutoConfiguration;

/** Records as assessment-service publishes them (CloudEvents binary mode), for feeding the service under test. */
public final class AssessmentRecords {

    private static final CloudEventRecords RECORDS =
            new CloudEventRecords(MessagingAutoConfiguration.integrationJson(), "/tend/assessment-service");

    private AssessmentRecords() {
    }

    public static ProducerRecord<String, byte[]> completed(String assessmentId, String participantId,
            String programmeId, String instrumentId, int total, int rangeMin, int rangeMax, String band,
            Instant completedAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("assessmentId", assessmentId);
        data.put("participantId", participantId);
        data.put("programmeId", programmeId);
        data.put("instrumentId", instrumentId);
        data.put("instrumentVersion", "1.0.0");
        data.put("totalScore", total);
        data.put("scoreRange", Map.of("min", rangeMin, "max", rangeMax));
        data.put("band", band);
        data.put("completedAt", completedAt.toString());
        // The event id is the assessment's, so a redelivery of the same record is the same CloudEvent.
        return record(EventTypes.ASSESSMENT_COMPLETED_V1, participantId, "ce-" + assessmentId, data);
    }

    public static ProducerRecord<String, byte[]> enrolled(String participantId, String programmeId) {
        return record(EventTypes.PARTICIPANT_ENROLLED_V1, participantId, UUID.randomUUID().toString(),
                Map.of("participantId", participantId, "programmeId", programmeId, "cohort", Map.of(),
                        "consentGiven", true, "enrolledAt", "2025-03-01T09:00:00Z"));
    }

    public static ProducerRecord<String, byte[]> assigned(String programmeId, String practitionerId) {
        return record(EventTypes.PRACTITIONER_ASSIGNED_V1, programmeId, UUID.randomUUID().toString(),
                Map.of("programmeId", programmeId, "practitionerId", practitionerId,
                        "assignedAt", "2025-03-01T08:00:00Z"));
    }

    public static ProducerRecord<String, byte[]> consentWithdrawn(String participantId, String programmeId,
            Instant at) {
        return record(EventTypes.CONSENT_WITHDRAWN_V1, participantId, UUID.randomUUID().toString(),
                Map.of("participantId", participantId, "programmeId", programmeId, "withdrawnAt", at.toString()));
    }

    public static ProducerRecord<String, byte[]> consentRenewed(String participantId, String programmeId,
            Instant at) {
        return record(EventTypes.CONSENT_RENEWED_V1, participantId, UUID.randomUUID().toString(),
                Map.of("participantId", participantId, "programmeId", programmeId, "renewedAt", at.toString()));
    }

    /** A care hold placed, on the internal care-holds topic. */
    public static ProducerRecord<String, byte[]> held(String participantId, Instant placedAt) {
        return RECORDS.toRecord(EventTypes.CARE_HOLDS_TOPIC, UUID.randomUUID().toString(), placedAt,
                new IntegrationEvent(EventTypes.CARE_HOLD_PLACED_V1, participantId,
                        Map.of("participantId", participantId, "placedAt", placedAt.toString())));
    }

    /** A care hold released, on the internal care-holds topic. */
    public static ProducerRecord<String, byte[]> released(String participantId, Instant releasedAt) {
        return RECORDS.toRecord(EventTypes.CARE_HOLDS_TOPIC, UUID.randomUUID().toString(), releasedAt,
                new IntegrationEvent(EventTypes.CARE_HOLD_RELEASED_V1, participantId,
                        Map.of("participantId", participantId, "releasedAt", releasedAt.toString())));
    }

    public static ProducerRecord<String, byte[]> record(String type, String key, String id, Object data) {
        return RECORDS.toRecord(EventTypes.ASSESSMENT_TOPIC, id, Instant.now(), new IntegrationEvent(type, key, data));
    }

    public static String uuid() {
        return UUID.randomUUID().toString();
    }
}
