package org.tend.catalogue.domain.entry;

import java.time.Instant;

/** An intervention entered the catalogue, from the data file of {@code catalogueVersion}. */
public record InterventionPublished(
        String interventionId,
        String catalogueVersion,
        InterventionContent content,
        Instant publishedAt) {
}
