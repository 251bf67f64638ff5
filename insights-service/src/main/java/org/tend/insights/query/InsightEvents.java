package org.tend.insights.query;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.insights.domain.InsightEvent;
import org.tend.plumbing.messaging.InboundEvents;
import org.tend.plumbing.messaging.ReceivedEvent;

/**
 * The events insights keeps and how: read through the plumbing's typed edge (topic and source checked, data checked
 * against its published schema, bound to insights' own records), stored as {@code {id, type, data}} and read back
 * through the same registry. Practitioner events, GAS events and the internal topics are not read.
 */
public final class InsightEvents {

    /** Every topic insights reads (and a rebuild would read again from offset 0). */
    public static final List<String> TOPICS = List.of(EventTypes.ASSESSMENT_TOPIC, EventTypes.CATALOGUE_TOPIC,
            EventTypes.GOAL_TOPIC, EventTypes.PROGRESS_TOPIC);

    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final InboundEvents inbound;

    /** Reads plaintext records only (tests and benchmarks that publish their own). */
    public InsightEvents(ContractValidator contracts) {
        this(InboundEvents.reading(contracts));
    }

    /** Reads sealed records too, opening them with the participants' keys (docs/erasure.md). */
    public InsightEvents(ContractValidator contracts, org.tend.keys.ParticipantKeys keys) {
        this(InboundEvents.reading(contracts).opening(keys));
    }

    private InsightEvents(InboundEvents.Builder reading) {
        this.inbound = reading
                .type(EventTypes.PROGRAMME_CREATED_V1, InsightEvent.ProgrammeCreated.class)
                .type(EventTypes.PARTICIPANT_ENROLLED_V1, InsightEvent.ParticipantEnrolled.class)
                .type(EventTypes.CONSENT_WITHDRAWN_V1, InsightEvent.ConsentWithdrawn.class)
                .type(EventTypes.CONSENT_RENEWED_V1, InsightEvent.ConsentRenewed.class)
                .type(EventTypes.PARTICIPANT_ERASED_V1, InsightEvent.ParticipantErased.class)
                .type(EventTypes.ASSESSMENT_COMPLETED_V1, InsightEvent.AssessmentCompleted.class)
                .type(EventTypes.GOAL_SET_V1, InsightEvent.GoalSet.class)
                .type(EventTypes.GOAL_PROGRESS_RATED_V1, InsightEvent.GoalProgressRated.class)
                .type(EventTypes.GOAL_PROGRESS_RATED_V2, InsightEvent.GoalProgressRated.class)
                .type(EventTypes.RECOMMENDATIONS_ISSUED_V1, InsightEvent.RecommendationsIssued.class)
                .type(EventTypes.INTERVENTION_PUBLISHED_V1, InsightEvent.InterventionPublished.class)
                .type(EventTypes.OUTCOME_ASSESSED_V1, InsightEvent.OutcomeAssessed.class)
                .build();
    }

    public InboundEvents inbound() {
        return inbound;
    }

    static Document encode(ReceivedEvent<?> event) {
        return new Document("id", event.id()).append("type", event.type())
                .append("data", new Document(InboundEvents.toMap(event.data())));
    }

    /** The field name an event is kept under: its id, or a digest of an id that is not safe as a field name. */
    static String key(String eventId) {
        if (SAFE_KEY.matcher(eventId).matches()) {
            return eventId;
        }
        try {
            return "h" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(eventId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A kept event, or empty for a type this version does not read. */
    Optional<InsightEvent> decode(Document stored) {
        Object data = stored.get("data");
        if (!(data instanceof Map<?, ?> map)) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> fields = (Map<String, ?>) map;
        return inbound.fromMap(stored.getString("type"), fields, InsightEvent.class);
    }
}
