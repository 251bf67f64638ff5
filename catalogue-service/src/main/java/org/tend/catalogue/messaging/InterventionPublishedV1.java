package org.tend.catalogue.messaging;

import java.time.Instant;
import java.util.List;

/**
 * Data of {@code tend.catalogue.intervention-published.v1} (contracts/schemas): catalogue content about no person.
 *
 * @param suitableSeverities stepped-care level codes, e.g. {@code step-2}
 */
public record InterventionPublishedV1(
        String interventionId,
        String catalogueVersion,
        String name,
        String approach,
        List<String> formats,
        String typicalDuration,
        List<String> targets,
        List<String> suitableSeverities,
        Instant publishedAt) {
}
