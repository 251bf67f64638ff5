package org.tend.assessment.domain.programme;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An administrator changes a programme's care settings.
 *
 * @param schedule the new re-assessment schedule; null keeps the current one
 */
public record ChangeCareSettings(@TargetAggregateIdentifier String programmeId, Integer maxActiveGoals,
                                 String reviewPeriod, List<ScheduleItem> schedule, String changedBy,
                                 Instant changedAt) {
}
