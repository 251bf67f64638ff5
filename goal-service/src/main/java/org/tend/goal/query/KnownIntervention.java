package org.tend.goal.query;

import java.time.Instant;

/** What goal-service knows of a catalogue entry, learned from {@code tend.catalogue.intervention-published.v1}. */
public record KnownIntervention(String interventionId, String name, String catalogueVersion, Instant publishedAt) {
}
