package org.tend.assessment.domain.programme;

import java.time.Instant;

/**
 * The programme closed: no enrolment is accepted, and its participants are erased at {@code eraseAfter}
 * ({@code closedAt} plus the retention period). Internal: never published (its participants' erasures are).
 */
public record ProgrammeClosed(String programmeId, Instant closedAt, String retention, Instant eraseAfter,
                              String closedBy) {
}
