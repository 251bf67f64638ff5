package org.tend.progress.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.messaging.IntegrationEvent;
import org.tend.plumbing.outbox.EventOutbox;
import org.tend.plumbing.outbox.OutboxEntry;
import org.tend.progress.domain.Fact;
import org.tend.progress.domain.JourneyEvent.AssessmentCompleted;
import org.tend.progress.domain.OutcomeAssessment;
import org.tend.progress.domain.outcome.OutcomeMeasures;
import org.tend.progress.query.JourneyProjection;
import org.tend.progress.query.JourneyQueries;
import org.tend.progress.query.ProjectionWriter;
import org.tend.progress.query.StoredJourney;

/**
 * Puts a {@code tend.progress.outcome-assessed.v1} into the outcome outbox for every completed assessment a write
 * applied, computed by {@link OutcomeAssessment} from the journey as the written generation holds it. Runs after the
 * projection write and before the records are acknowledged, so a crash in between makes Kafka deliver them again
 * and both steps repeat harmlessly: the journey write is an idempotent {@code $set}, the outbox keeps an id once.
 * The event id is a name-based UUID of the assessment's id ({@link #eventIdOf}): a rebuild computes the same ids.
 */
public class OutcomePublications implements JourneyProjection.AfterWrite {

    /** The outbox collection in progress-service's database. */
    public static final String OUTBOX = "outcome_outbox";

    private final JourneyQueries queries;
    private final OutcomeMeasures outcomes;
    private final EventOutbox outbox;

    public OutcomePublications(JourneyQueries queries, OutcomeMeasures outcomes, EventOutbox outbox) {
        this.queries = queries;
        this.outcomes = outcomes;
        this.outbox = outbox;
    }

    /** {@code ce_id} of the classification an assessment produced: UUID v3 of {@code tend:progress:outcome-assessed:<id>}. */
    public static String eventIdOf(String assessmentId) {
        return UUID.nameUUIDFromBytes(("tend:progress:outcome-assessed:" + assessmentId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public void written(ProjectionWriter.Fold fold, int generation) {
        List<Fact> completed = fold.completedAssessments();
        if (completed.isEmpty()) {
            return;
        }
        Set<String> participants = new LinkedHashSet<>();
        completed.forEach(fact -> participants.add(((AssessmentCompleted) fact.event()).participantId()));
        Map<String, StoredJourney> journeys = new HashMap<>();
        for (StoredJourney journey : queries.findAll(generation, participants)) {
            journeys.put(journey.participantId(), journey);
        }
        List<OutboxEntry> entries = new ArrayList<>(completed.size());
        for (Fact fact : completed) {
            String participantId = ((AssessmentCompleted) fact.event()).participantId();
            StoredJourney journey = journeys.get(participantId);
            OutcomeAssessment.assess(participantId, fact, journey == null ? List.of() : journey.facts(), outcomes)
                    .map(OutcomePublications::entry)
                    .ifPresent(entries::add);
        }
        outbox.put(entries);
    }

    /** The outbox entry of one classification: on {@code tend.progress.events}, keyed by the participant. */
    static OutboxEntry entry(OutcomeAssessment assessment) {
        return new OutboxEntry(eventIdOf(assessment.basedOnAssessmentId()), EventTypes.PROGRESS_TOPIC,
                assessment.assessedAt(), new IntegrationEvent(EventTypes.OUTCOME_ASSESSED_V1,
                        assessment.participantId(), data(assessment)));
    }

    /** The event's data exactly as its schema names it (null talkingTherapies included: the field is required). */
    static Map<String, Object> data(OutcomeAssessment assessment) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("participantId", assessment.participantId());
        data.put("programmeId", assessment.programmeId());
        data.put("basedOnAssessmentId", assessment.basedOnAssessmentId());
        data.put("assessedAt", assessment.assessedAt().toString());
        List<Map<String, Object>> measures = new ArrayList<>();
        for (OutcomeAssessment.Measure m : assessment.measures()) {
            Map<String, Object> measure = new LinkedHashMap<>();
            measure.put("instrumentId", m.instrumentId());
            measure.put("measureCount", m.measureCount());
            measure.put("firstAssessmentId", m.firstAssessmentId());
            measure.put("first", m.first());
            measure.put("latest", m.latest());
            measure.put("change", m.change());
            measure.put("classification", m.classification());
            measures.add(measure);
        }
        data.put("measures", measures);
        OutcomeAssessment.TalkingTherapies tt = assessment.talkingTherapies();
        Map<String, Object> talkingTherapies = null;
        if (tt != null) {
            talkingTherapies = new LinkedHashMap<>();
            talkingTherapies.put("caseAtFirst", tt.caseAtFirst());
            talkingTherapies.put("reliableImprovement", tt.reliableImprovement());
            talkingTherapies.put("reliableDeterioration", tt.reliableDeterioration());
            talkingTherapies.put("recovery", tt.recovery());
            talkingTherapies.put("reliableRecovery", tt.reliableRecovery());
        }
        data.put("talkingTherapies", talkingTherapies);
        return data;
    }
}
