package org.tend.insights.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.tend.plumbing.messaging.InboundEvents;
import org.tend.plumbing.messaging.ReceivedEvent;
import org.tend.plumbing.projection.Projection;

/**
 * The events insights keeps, as the plumbing's generation and rebuild machinery sees them: the four topics and the
 * typed edge of {@link InsightEvents}, the three collections of {@link FactStore}, and its writes. Every write is a
 * {@code $set} of the event under its id with upsert, so a record applied twice (redelivered, or by both the live
 * listener and a rebuild into the same generation) changes nothing, and no order across documents is assumed.
 */
public final class InsightsProjection implements Projection {

    /**
     * The layout of the documents a generation is written in ({@code {_id, events: {<id>: {id, type, data}}, ...}}).
     * A version that changes what the documents look like raises it, and the served generation is rebuilt from the
     * log at start-up while reads are answered 503 + Retry-After. Layout 2 added the erased participants of a
     * generation ({@code erased_g<N>}).
     */
    public static final int LAYOUT = 2;

    /** The bases of one generation's collections ({@code participants_g<N>}, ...). */
    public static final List<String> COLLECTIONS = List.of(FactStore.PARTICIPANTS, FactStore.PROGRAMMES,
            FactStore.INTERVENTIONS, FactStore.ERASED);

    /** What happens before participants are erased from the kept events, while their facts are still there. */
    @FunctionalInterface
    public interface BeforeErasing {
        /** Keeps the figures released while the participants counted (see {@link KeptFigures}). */
        void keepReleasedFiguresOf(Set<String> participants);
    }

    /** What happens once participants are erased from every generation written: the erasure is confirmed. */
    @FunctionalInterface
    public interface AfterErasing {
        /** Confirms into the erasure's report that insights' facts hold nothing about its participant any more. */
        void confirm(String erasureId);
    }

    private final FactStore facts;
    private final InsightEvents events;
    private final BeforeErasing beforeErasing;
    private final AfterErasing afterErasing;

    public InsightsProjection(FactStore facts, InsightEvents events, BeforeErasing beforeErasing,
                              AfterErasing afterErasing) {
        this.facts = facts;
        this.events = events;
        this.beforeErasing = beforeErasing;
        this.afterErasing = afterErasing;
    }

    @Override
    public String name() {
        return "insights";
    }

    @Override
    public List<String> collections() {
        return COLLECTIONS;
    }

    @Override
    public int layout() {
        return LAYOUT;
    }

    @Override
    public List<String> topics() {
        return InsightEvents.TOPICS;
    }

    @Override
    public InboundEvents inbound() {
        return events.inbound();
    }

    @Override
    public Batch newBatch() {
        return new Events();
    }

    @Override
    public Written write(Batch batch, Collection<Integer> generations) {
        List<ReceivedEvent<?>> received = ((Events) batch).received;
        if (received.isEmpty()) {
            return Written.NOTHING;
        }
        Set<String> erasing = FactStore.erasedIn(received);
        if (!erasing.isEmpty()) {
            beforeErasing.keepReleasedFiguresOf(erasing);
        }
        int documents = 0;
        for (int generation : generations) {
            documents += facts.apply(received, generation);
        }
        for (ReceivedEvent<?> event : received) {
            if (event.data() instanceof org.tend.insights.domain.InsightEvent.ParticipantErased erased
                    && erased.erasureId() != null) {
                afterErasing.confirm(erased.erasureId());
            }
        }
        return new Written(received.size(), documents);
    }

    /**
     * The events of one poll (or one fold of a rebuild), in log order. Nothing is folded here: each event is its own
     * {@code $set} of one field, and the store groups them per collection into one bulk write.
     */
    static final class Events implements Batch {
        private final List<ReceivedEvent<?>> received = new ArrayList<>();

        @Override
        public void add(ReceivedEvent<?> event) {
            received.add(event);
        }

        @Override
        public int events() {
            return received.size();
        }
    }
}
