package org.tend.progress.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.programme.ProgrammeSettingsDirectory;
import org.tend.plumbing.messaging.InboundEvents;
import org.tend.plumbing.messaging.ReceivedEvent;
import org.tend.progress.domain.CatalogueEntry;
import org.tend.progress.domain.CatalogueEntry.InterventionPublished;
import org.tend.progress.domain.Fact;
import org.tend.progress.domain.JourneyEvent;
import org.tend.progress.domain.ProgrammeEvent;

/**
 * The events the projection keeps and how it keeps them. They are read from the topics through the plumbing's typed
 * edge (checked against their contract, bound to progress-service's own records), stored as
 * {@code {id, type, data}} and read back through the same type registry: one codec, no field mapped by hand.
 */
public final class ProjectionEvents {

    /** Every topic the projection reads (and a rebuild reads again from offset 0). */
    public static final List<String> TOPICS =
            List.of(EventTypes.ASSESSMENT_TOPIC, EventTypes.CATALOGUE_TOPIC, EventTypes.GOAL_TOPIC);

    private final InboundEvents inbound;

    /** Reads plaintext records only (tests and benchmarks that publish their own). */
    public ProjectionEvents(ContractValidator contracts) {
        this(InboundEvents.reading(contracts));
    }

    /** Reads sealed records too, opening them with the participants' keys (docs/erasure.md). */
    public ProjectionEvents(ContractValidator contracts, org.tend.keys.ParticipantKeys keys) {
        this(InboundEvents.reading(contracts).opening(keys));
    }

    private ProjectionEvents(InboundEvents.Builder reading) {
        this.inbound = reading
                .type(EventTypes.PARTICIPANT_ENROLLED_V1, JourneyEvent.ParticipantEnrolled.class)
                .type(EventTypes.CONSENT_WITHDRAWN_V1, JourneyEvent.ConsentWithdrawn.class)
                .type(EventTypes.CONSENT_RENEWED_V1, JourneyEvent.ConsentRenewed.class)
                .type(EventTypes.ASSESSMENT_COMPLETED_V1, JourneyEvent.AssessmentCompleted.class)
                .type(EventTypes.RECOMMENDATIONS_ISSUED_V1, JourneyEvent.RecommendationsIssued.class)
                .type(EventTypes.GOAL_SET_V1, JourneyEvent.GoalSet.class)
                .type(EventTypes.GOAL_PROGRESS_RATED_V1, JourneyEvent.GoalProgressRated.class)
                .type(EventTypes.ATTAINMENT_SCALE_DEFINED_V1, JourneyEvent.AttainmentScaleDefined.class)
                .type(EventTypes.GOAL_ATTAINMENT_RATED_V1, JourneyEvent.GoalAttainmentRated.class)
                .type(EventTypes.GOAL_PROGRESS_RATED_V2, JourneyEvent.GoalProgressRated.class)
                .type(EventTypes.GOAL_ATTAINMENT_RATED_V2, JourneyEvent.GoalAttainmentRated.class)
                .type(EventTypes.GOAL_REVISED_V1, JourneyEvent.GoalRevised.class)
                .type(EventTypes.GOAL_CLOSED_V1, JourneyEvent.GoalClosed.class)
                .type(EventTypes.PLAN_ADJUSTED_V1, JourneyEvent.PlanAdjusted.class)
                .type(EventTypes.PLAN_REVIEWED_V1, JourneyEvent.PlanReviewed.class)
                .type(EventTypes.PROGRAMME_SETTINGS_CHANGED_V1, ProgrammeSettingsDirectory.SettingsChanged.class)
                .type(EventTypes.INTERVENTION_PUBLISHED_V1, InterventionPublished.class)
                .type(EventTypes.PROGRAMME_CREATED_V1, ProgrammeEvent.ProgrammeCreated.class)
                .type(EventTypes.PRACTITIONER_ASSIGNED_V1, ProgrammeEvent.PractitionerAssigned.class)
                .type(EventTypes.PRACTITIONER_UNASSIGNED_V1, ProgrammeEvent.PractitionerUnassigned.class)
                .type(EventTypes.PARTICIPANT_ERASED_V1, Erased.class)
                .build();
    }

    /** A participant was erased: the projection deletes their journey and keeps only that the pseudonym is retired. */
    public record Erased(String participantId, String erasureId, Instant erasedAt) {
    }

    /** The typed edge the live listener and the rebuild read records through. */
    public InboundEvents inbound() {
        return inbound;
    }

    /** How a received event is kept inside its document. */
    static Document encode(ReceivedEvent<?> event) {
        return new Document("id", event.id()).append("type", event.type())
                .append("data", new Document(InboundEvents.toMap(event.data())));
    }

    /** A kept journey event, or empty for a type this version does not read (kept, not shown). */
    Optional<Fact> fact(Document stored) {
        return data(stored, JourneyEvent.class).map(event -> new Fact(stored.getString("id"), event));
    }

    /** A kept programme settings event, or empty for a type this version does not read. */
    Optional<ProgrammeSettingsDirectory.SettingsChanged> settings(Document stored) {
        return data(stored, ProgrammeSettingsDirectory.SettingsChanged.class);
    }

    /** A kept catalogue entry, or empty for a type this version does not read. */
    Optional<CatalogueEntry> catalogueEntry(Document stored) {
        return data(stored, InterventionPublished.class)
                .map(published -> new CatalogueEntry(stored.getString("id"), published));
    }

    private <T> Optional<T> data(Document stored, Class<T> expected) {
        Object data = stored.get("data");
        if (!(data instanceof Map<?, ?> map)) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> fields = (Map<String, ?>) map;
        return inbound.fromMap(stored.getString("type"), fields, expected);
    }
}
