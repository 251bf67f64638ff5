package org.tend.assessment.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tend.assessment.ServiceTestSupport;
import org.tend.assessment.domain.assessment.AssessmentCompleted;
import org.tend.assessment.domain.assessment.AssessmentStarted;
import org.tend.assessment.domain.assessment.FollowUpAssessmentDue;
import org.tend.assessment.domain.programme.PractitionerAssigned;
import org.tend.assessment.domain.safety.SafetyConcernAcknowledged;
import org.tend.assessment.domain.safety.SafetyConcernRaised;

/**
 * A tracking processor delivers at least once: after a crash it replays the batch it had not yet committed, in store
 * order. Replaying events the read models have already seen must change nothing.
 */
class ReadModelReplayTest extends ServiceTestSupport {

    @Autowired
    SafetyAlerts alerts;
    @Autowired
    AssessmentViews views;

    static final Instant T0 = Instant.parse("2025-05-01T10:00:00.123Z");

    @Test
    void replayingAConcernAndItsAcknowledgementLeavesTheAlertAcknowledged() {
        String programme = UUID.randomUUID().toString();
        String concern = UUID.randomUUID().toString();
        String practitioner = pseudonym(unique("dr.replay"));
        String participant = pseudonym(unique("replayed"));
        List<Object> batch = List.of(
                new PractitionerAssigned(programme, practitioner, T0, null, null),
                new SafetyConcernRaised(concern, participant, programme, "a1", "phq-9", "phq-9.item-9", T0),
                new SafetyConcernAcknowledged(concern, "a1", participant, programme, practitioner, T0.plusSeconds(60)));
        for (int delivery = 0; delivery < 2; delivery++) {
            batch.forEach(this::toSafetyAlerts);
        }
        SafetyAlerts.Alert alert = alerts.find(concern).orElseThrow();
        assertThat(alert.open()).isFalse();
        assertThat(alert.raisedAt()).isEqualTo(T0);
        assertThat(alert.acknowledgedBy()).isEqualTo(practitioner);
        assertThat(alerts.openFor(practitioner)).isEmpty();
        assertThat(mongo.getDatabase(database).getCollection("safety_routes").find(
                new org.bson.Document("_id", programme)).first().getList("practitioners", String.class))
                .containsExactly(practitioner);
    }

    @Test
    void replayingAnAssessmentLeavesItCompletedAndItsFollowUpClearedOnceDone() {
        String participant = pseudonym(unique("replay"));
        String screen = UUID.randomUUID().toString();
        String full = UUID.randomUUID().toString();
        List<Object> batch = List.of(
                new AssessmentStarted(screen, participant, "prog", "phq-2", "1.0.0", T0, T0.plusSeconds(600)),
                new AssessmentCompleted(screen, participant, "prog", "phq-2", "1.0.0", Map.of("phq2-1", 3), 3, null,
                        3, 0, 6, "positive", "Positive", T0.plusSeconds(1)),
                new FollowUpAssessmentDue(participant, "prog", "phq-9", screen, "phq-2", "positive",
                        T0.plusSeconds(1)),
                new AssessmentStarted(full, participant, "prog", "phq-9", "1.0.0", T0.plusSeconds(5),
                        T0.plusSeconds(900)),
                new AssessmentCompleted(full, participant, "prog", "phq-9", "1.0.0", Map.of(), 4, null, 4, 0, 27,
                        "minimal", "None/minimal", T0.plusSeconds(6)));
        for (int delivery = 0; delivery < 2; delivery++) {
            batch.forEach(this::toAssessmentViews);
        }
        assertThat(views.ofParticipant(participant)).extracting(AssessmentViews.AssessmentSummary::status)
                .containsExactly("completed", "completed");
        assertThat(views.followUpsOf(participant)).isEmpty();
        assertThat(views.find(screen).completedAt()).isEqualTo(T0.plusSeconds(1));
    }

    private void toSafetyAlerts(Object event) {
        if (event instanceof PractitionerAssigned e) {
            alerts.on(e);
        } else if (event instanceof SafetyConcernRaised e) {
            alerts.on(e);
        } else if (event instanceof SafetyConcernAcknowledged e) {
            alerts.on(e);
        }
    }

    private void toAssessmentViews(Object event) {
        if (event instanceof AssessmentStarted e) {
            views.on(e);
        } else if (event instanceof AssessmentCompleted e) {
            views.on(e);
        } else if (event instanceof FollowUpAssessmentDue e) {
            views.on(e);
        }
    }
}
