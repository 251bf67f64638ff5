package org.tend.progress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.messaging.CloudEventRecords;
import org.tend.plumbing.messaging.IntegrationEvent;
import org.tend.plumbing.messaging.MessagingAutoConfiguration;

/**
 * Records as the other services publish them (CloudEvents binary mode, data valid against the contracts), for the
 * tests and the benchmark.
 */
public final class TestEvents {

    private static final CloudEventRecords ASSESSMENT =
            new CloudEventRecords(MessagingAutoConfiguration.integrationJson(), "/tend/assessment-service");
    private static final CloudEventRecords CATALOGUE =
            new CloudEventRecords(MessagingAutoConfiguration.integrationJson(), "/tend/catalogue-service");
    private static final CloudEventRecords GOAL =
            new CloudEventRecords(MessagingAutoConfiguration.integrationJson(), "/tend/goal-service");

    private TestEvents() {
    }

    public static String uuid() {
        return UUID.randomUUID().toString();
    }

    public static ProducerRecord<String, byte[]> programmeCreated(String programmeId, int minimumGroupSize,
                                                                  Instant at) {
        return ASSESSMENT.toRecord(EventTypes.ASSESSMENT_TOPIC, uuid(), at, new IntegrationEvent(
                EventTypes.PROGRAMME_CREATED_V1, programmeId, map("programmeId", programmeId,
                "organisationId", "7d1c4f52-3a43-4e51-9a3e-0c6f1f1b2a10", "minimumGroupSize", minimumGroupSize,
                "createdAt", at)));
    }

    public static ProducerRecord<String, byte[]> practitionerAssigned(String programmeId, String practitionerId,
                                                                      Instant at) {
        return ASSESSMENT.toRecord(EventTypes.ASSESSMENT_TOPIC, uuid(), at, new IntegrationEvent(
                EventTypes.PRACTITIONER_ASSIGNED_V1, programmeId, map("programmeId", programmeId,
                "practitionerId", practitionerId, "assignedAt", at)));
    }

    public static ProducerRecord<String, byte[]> enrolled(String participantId, String programmeId, String department,
                                                          Instant at) {
        Map<String, Object> cohort = department == null ? Map.of() : Map.of("department", department);
        return ASSESSMENT.toRecord(EventTypes.ASSESSMENT_TOPIC, uuid(), at, new IntegrationEvent(
                EventTypes.PARTICIPANT_ENROLLED_V1, participantId, map("participantId", participantId,
                "programmeId", programmeId, "cohort", cohort, "consentGiven", true, "enrolledAt", at)));
    }

    public static ProducerRecord<String, byte[]> consentWithdrawn(String participantId, String programmeId,
                                                                  Instant at) {
        return ASSESSMENT.toRecord(EventTypes.ASSESSMENT_TOPIC, uuid(), at, new IntegrationEvent(
                EventTypes.CONSENT_WITHDRAWN_V1, participantId, map("participantId", participantId,
                "programmeId", programmeId, "withdrawnAt", at)));
    }

    public static ProducerRecord<String, byte[]> consentRenewed(String participantId, String programmeId, Instant at) {
        return ASSESSMENT.toRecord(EventTypes.ASSESSMENT_TOPIC, uuid(), at, new IntegrationEvent(
                EventTypes.CONSENT_RENEWED_V1, participantId, map("participantId", participantId,
                "programmeId", programmeId, "renewedAt", at)));
    }

    public static ProducerRecord<String, byte[]> assessmentCompleted(String participantId, String programmeId,
                                                                     String assessmentId, String instrumentId,
                                                                     int totalScore, String band, Instant at) {
        return ASSESSMENT.toRecord(EventTypes.ASSESSMENT_TOPIC, uuid(), at, new IntegrationEvent(
                EventTypes.ASSESSMENT_COMPLETED_V1, participantId, map("assessmentId", assessmentId,
                "participantId", participantId, "programmeId", programmeId, "instrumentId", instrumentId,
                "instrumentVersion", "1", "totalScore", totalScore,
                "scoreRange", map("min", 0, "max", instrumentId.equals("gad-7") ? 21 : 27), "band", band,
                "completedAt", at)));
    }

    public static ProducerRecord<String, byte[]> recommendationsIssued(String participantId, String basedOnAssessmentId,
                                                                       String band, String level,
                                                                       List<String> interventionIds, Instant at) {
        List<Map<String, Object>> recommendations = new ArrayList<>();
        for (int i = 0; i < interventionIds.size(); i++) {
            recommendations.add(map("interventionId", interventionIds.get(i), "rank", i + 1,
                    "reasonCode", "nice-first-line-for-band"));
        }
        return CATALOGUE.toRecord(EventTypes.CATALOGUE_TOPIC, uuid(), at, new IntegrationEvent(
                EventTypes.RECOMMENDATIONS_ISSUED_V1, participantId, map("participantId", participantId,
                "basedOnAssessmentId", basedOnAssessmentId, "instrumentId", "phq-9", "band", band,
                "steppedCareLevel", level, "recommendations", recommendations, "issuedAt", at)));
    }

    public static ProducerRecord<String, byte[]> interventionPublished(String interventionId, String name,
                                                                       int catalogueVersion, Instant at) {
        return CATALOGUE.toRecord(EventTypes.CATALOGUE_TOPIC, uuid(), at, new IntegrationEvent(
                EventTypes.INTERVENTION_PUBLISHED_V1, interventionId, map("interventionId", interventionId,
                "catalogueVersion", catalogueVersion, "name", name,
                "approach", "Structured sessions that work on thoughts and behaviours.",
                "formats", List.of("individual", "group"), "typicalDuration", "8-12 weekly sessions",
                "targets", List.of("depression"), "suitableSeverities", List.of("step-2", "step-3"),
                "publishedAt", at)));
    }

    public static ProducerRecord<String, byte[]> goalSet(String participantId, String goalId, String interventionId,
                                                         Instant at) {
        return GOAL.toRecord(EventTypes.GOAL_TOPIC, uuid(), at, new IntegrationEvent(EventTypes.GOAL_SET_V1,
                participantId, map("goalId", goalId, "participantId", participantId, "interventionId", interventionId,
                "scale", "gbo-0-10", "setByRole", "participant", "setAt", at)));
    }

    public static ProducerRecord<String, byte[]> goalRated(String participantId, String goalId, int rating,
                                                           Instant at) {
        return GOAL.toRecord(EventTypes.GOAL_TOPIC, uuid(), at, new IntegrationEvent(EventTypes.GOAL_PROGRESS_RATED_V1,
                participantId, map("goalId", goalId, "participantId", participantId, "rating", rating,
                "ratedByRole", "participant", "ratedAt", at)));
    }

    /** A rating as goal-service publishes it since v2: with the goal's change from its first rating, if any. */
    public static ProducerRecord<String, byte[]> goalRated(String participantId, String goalId, int rating,
                                                           Integer changeFromFirst, Instant at) {
        Map<String, Object> data = map("goalId", goalId, "participantId", participantId, "rating", rating,
                "ratedByRole", "participant", "ratedAt", at);
        if (changeFromFirst != null) {
            data.put("changeFromFirst", changeFromFirst);
        }
        return GOAL.toRecord(EventTypes.GOAL_TOPIC, uuid(), at, new IntegrationEvent(EventTypes.GOAL_PROGRESS_RATED_V2,
                participantId, data));
    }

    public static ProducerRecord<String, byte[]> attainmentScaleDefined(String participantId, String goalId, int weight,
                                                                        int baselineLevel, Instant at) {
        return GOAL.toRecord(EventTypes.GOAL_TOPIC, uuid(), at, new IntegrationEvent(
                EventTypes.ATTAINMENT_SCALE_DEFINED_V1, participantId, map("goalId", goalId,
                "participantId", participantId, "weight", weight, "baselineLevel", baselineLevel, "definedAt", at)));
    }

    public static ProducerRecord<String, byte[]> goalAttainmentRated(String participantId, String goalId, int level,
                                                                     Instant at) {
        return GOAL.toRecord(EventTypes.GOAL_TOPIC, uuid(), at, new IntegrationEvent(
                EventTypes.GOAL_ATTAINMENT_RATED_V1, participantId, map("goalId", goalId,
                "participantId", participantId, "level", level, "ratedByRole", "practitioner", "ratedAt", at)));
    }

    /** An attainment rating as goal-service publishes it since v2: with the participant's T-score after it. */
    public static ProducerRecord<String, byte[]> goalAttainmentRated(String participantId, String goalId, int level,
                                                                     double gasTScore, Instant at) {
        return GOAL.toRecord(EventTypes.GOAL_TOPIC, uuid(), at, new IntegrationEvent(
                EventTypes.GOAL_ATTAINMENT_RATED_V2, participantId, map("goalId", goalId,
                "participantId", participantId, "level", level, "ratedByRole", "practitioner", "ratedAt", at,
                "gasTScore", gasTScore)));
    }

    /** A record of a kept type whose data breaks the contract (a login subject where a pseudonym belongs). */
    public static ProducerRecord<String, byte[]> goalRatedByLoginSubject(String key, Instant at) {
        return GOAL.toRecord(EventTypes.GOAL_TOPIC, uuid(), at, new IntegrationEvent(EventTypes.GOAL_PROGRESS_RATED_V1,
                key, map("goalId", uuid(), "participantId", "alice@example.org", "rating", 4,
                "ratedByRole", "participant", "ratedAt", at)));
    }

    /** The same record again, as a retried publish would send it (same CloudEvents id). */
    public static ProducerRecord<String, byte[]> again(ProducerRecord<String, byte[]> record) {
        return new ProducerRecord<>(record.topic(), null, record.key(), record.value(),
                new RecordHeaders(record.headers().toArray()));
    }

    /** The record as a consumer would receive it. */
    public static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> record, long offset) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        return new ConsumerRecord<>(record.topic(), 0, offset, 0L, TimestampType.CREATE_TIME,
                -1, record.value() == null ? -1 : record.value().length, record.key(), record.value(), headers,
                java.util.Optional.empty());
    }

    public static String header(ProducerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The programme's care settings: a review period and PHQ-9 every 14 days while a plan is active. */
    public static ProducerRecord<String, byte[]> settingsChanged(String programmeId, String reviewPeriod, Instant at) {
        return ASSESSMENT.toRecord(EventTypes.ASSESSMENT_TOPIC, uuid(), at, new IntegrationEvent(
                EventTypes.PROGRAMME_SETTINGS_CHANGED_V1, programmeId, map("programmeId", programmeId,
                "maxActiveGoals", 3, "reviewPeriod", reviewPeriod, "schedule", map("version", "test-v1",
                        "items", List.of(map("measure", "phq-9", "every", "P14D", "while", "plan-active"))),
                "changedAt", at)));
    }

    /** assessment-service's count of a programme's overdue safety alerts (internal topic). */
    public static ProducerRecord<String, byte[]> alertsOverdue(String programmeId, int overdue, Instant at) {
        return ASSESSMENT.toRecord(EventTypes.ALERT_COUNTS_TOPIC, uuid(), at, new IntegrationEvent(
                EventTypes.SAFETY_ALERTS_OVERDUE_V1, programmeId, map("programmeId", programmeId,
                "overdueAlerts", overdue, "countedAt", at)));
    }

    public static ProducerRecord<String, byte[]> planAdjusted(String participantId, int episode, String change,
                                                              String reason, String level, String interventionId,
                                                              List<String> interventions, String by, Instant at) {
        Map<String, Object> data = map("adjustmentId", uuid(), "participantId", participantId, "episode", episode,
                "change", change, "reason", reason, "level", level, "interventions", interventions,
                "adjustedBy", by, "adjustedByRole", "practitioner", "adjustedAt", at);
        if (interventionId != null) {
            data.put("interventionId", interventionId);
        }
        return CATALOGUE.toRecord(EventTypes.CATALOGUE_TOPIC, uuid(), at, new IntegrationEvent(
                EventTypes.PLAN_ADJUSTED_V1, participantId, data));
    }

    public static ProducerRecord<String, byte[]> planReviewed(String participantId, String by, Instant at) {
        return CATALOGUE.toRecord(EventTypes.CATALOGUE_TOPIC, uuid(), at, new IntegrationEvent(
                EventTypes.PLAN_REVIEWED_V1, participantId, map("reviewId", uuid(), "participantId", participantId,
                "decision", "continue", "reason", "participant-preference", "reviewedBy", by,
                "reviewedByRole", "practitioner", "reviewedAt", at)));
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
