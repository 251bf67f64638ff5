package org.tend.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tend.assessment.domain.assessment.AssessmentCompleted;
import org.tend.assessment.domain.safety.SafetyConcernIds;
import org.tend.assessment.domain.safety.SafetyConcernRaised;
import org.tend.assessment.query.SafetyAlerts;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.axon.EventReconciler;
import org.tend.testsupport.TestTokens;

/**
 * An assessment whose events became visible in the store long after their own timestamp (a JVM pause, a write
 * retried after an election, an instance whose clock is behind): every tracking processor has passed that time, so
 * none of them ever fetches the events. The reconciler finds them missing from the forwarder's and the safety alerts'
 * ledgers and hands them over: the completion reaches the topic and the concern the practitioner's alert list.
 */
class LateEventsTest extends ServiceTestSupport {

    @Autowired
    EventStorageEngine storage;
    @Autowired
    EventReconciler reconciler;
    @Autowired
    SafetyAlerts safetyAlerts;

    @Test
    void aSafetyConcernStampedWellBeforeTheProcessorsPositionReachesTheTopicAndThePractitioner() throws Exception {
        String programmeId = newProgramme();
        String practitioner = unique("dr.late");
        assign(programmeId, practitioner);
        String subject = unique("lena");
        enrolled(subject, programmeId);
        String practitionerId = pseudonym(practitioner);
        awaitRoute(programmeId, practitionerId);

        String participantId = pseudonym(subject);
        String assessmentId = UUID.randomUUID().toString();
        String concernId = SafetyConcernIds.of(assessmentId, "phq-9.item-9");
        Instant stamped = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS);
        Map<String, Integer> answers = phq9(0, 0, 0, 0, 0, 0, 0, 0, 1);
        storage.appendEvents(
                new GenericDomainEventMessage<>("Assessment", assessmentId, 0, new AssessmentCompleted(assessmentId,
                        participantId, programmeId, "phq-9", "1.0.0", answers, 1, null, 1, 0, 27, "minimal",
                        "Minimal", stamped), Map.of(), UUID.randomUUID().toString(), stamped),
                new GenericDomainEventMessage<>("Assessment", assessmentId, 1, new SafetyConcernRaised(concernId,
                        participantId, programmeId, assessmentId, "phq-9", "phq-9.item-9", stamped), Map.of(),
                        UUID.randomUUID().toString(), stamped));

        Thread.sleep(1_500);
        assertThat(safetyAlerts.find(concernId)).as("the safety alerts' processor never fetches it by itself")
                .isEmpty();

        EventReconciler.Reconciliation reconciliation = reconciler.reconcile();
        assertThat(reconciliation.succeeded()).isTrue();
        assertThat(reconciliation.processors().get("kafka-forwarder").redelivered()).isGreaterThanOrEqualTo(2);
        assertThat(reconciliation.processors().get(SafetyAlerts.PROCESSING_GROUP).redelivered())
                .isGreaterThanOrEqualTo(1);

        recordsUntil(record -> EventTypes.ASSESSMENT_COMPLETED_V1.equals(type(record))
                && assessmentId.equals(data(record).path("assessmentId").asText()));
        JsonNode alerts = get("/api/safety/alerts", TestTokens.practitioner(practitioner)).expect(200).json();
        assertThat(alerts.findValuesAsText("concernId")).contains(concernId);

        assertThat(reconciler.reconcile().processors().values())
                .as("a second run finds nothing left to redeliver")
                .allSatisfy(result -> assertThat(result.redelivered()).isZero());
    }

    private void awaitRoute(String programmeId, String practitionerId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!safetyAlerts.routes(programmeId, practitionerId) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(safetyAlerts.routes(programmeId, practitionerId)).isTrue();
    }
}
