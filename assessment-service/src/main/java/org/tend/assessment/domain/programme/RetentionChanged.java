package org.tend.assessment.domain.programme;

import java.time.Instant;

/** A closed programme's retention period changed: its participants are erased at the new {@code eraseAfter}. */
public record RetentionChanged(String programmeId, String retention, Instant eraseAfter, String changedBy,
                               Instant changedAt) {
}
