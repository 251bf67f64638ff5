package org.tend.catalogue.domain.entry;

import java.time.Instant;

/** A catalogue entry's content changed: a new data version (or a corrected one) says something else about it. */
public record InterventionRevised(
        String interventionId,
        String catalogueVersion,
        InterventionContent content,
        Instant revisedAt) {
}
