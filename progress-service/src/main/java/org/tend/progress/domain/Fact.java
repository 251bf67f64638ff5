package org.tend.progress.domain;

import java.util.Comparator;
import java.util.Objects;

/**
 * A journey event as the projection keeps it: under the integration event's id, so a duplicate record lands on the
 * same key, and so events at the same instant have an order that never depends on arrival.
 */
public record Fact(String eventId, JourneyEvent event) {

    /** Time order; events at the same instant are ordered by id so that the result never depends on arrival. */
    public static final Comparator<Fact> TIME_ORDER =
            Comparator.comparing((Fact fact) -> fact.event().time()).thenComparing(Fact::eventId);

    public Fact {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(event, "event");
    }
}
