package org.tend.goal.query;

import java.time.Instant;

/**
 * What goal-service knows of a catalogue entry: its copy of {@code tend.catalogue.intervention-published.v1}, with
 * only the fields it reads.
 */
public record KnownIntervention(String interventionId, String name, String catalogueVersion, Instant publishedAt) {
}
