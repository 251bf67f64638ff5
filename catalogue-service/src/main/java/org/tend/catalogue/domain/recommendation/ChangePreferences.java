package org.tend.catalogue.domain.recommendation;

import java.time.Instant;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tend.catalogue.domain.Format;

/** The participant says which delivery formats they would rather have (replaces the previous choice). */
public record ChangePreferences(
        @TargetAggregateIdentifier String participantId,
        Set<Format> formats,
        Instant changedAt) {

    public ChangePreferences {
        formats = Set.copyOf(formats);
    }
}
