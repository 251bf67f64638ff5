package org.tend.catalogue.domain.entry;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Bring an existing entry in line with the data file. Changes nothing when the content is the same, or when the
 * file is an older catalogue version than the one the entry was last written from (an old instance starting during
 * a rolling deployment must not undo a newer revision).
 */
public record ReviseIntervention(
        @TargetAggregateIdentifier String interventionId,
        String catalogueVersion,
        InterventionContent content,
        Instant revisedAt) {
}
