package org.tend.catalogue.domain.entry;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Put an intervention in the catalogue for the first time (the seeder, for an id the event store does not have). */
public record PublishIntervention(
        @TargetAggregateIdentifier String interventionId,
        String catalogueVersion,
        InterventionContent content,
        Instant publishedAt) {
}
