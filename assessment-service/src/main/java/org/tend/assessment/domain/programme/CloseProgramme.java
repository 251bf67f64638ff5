package org.tend.assessment.domain.programme;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An administrator closes the programme: nobody enrols any more, and once {@code retention} (an ISO-8601 period such
 * as {@code P1Y}) has passed every participant of the programme is erased.
 */
public record CloseProgramme(@TargetAggregateIdentifier String programmeId, String retention, String closedBy,
                             Instant closedAt) {
}
