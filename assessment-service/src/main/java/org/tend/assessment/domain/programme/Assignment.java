package org.tend.assessment.domain.programme;

import java.time.Instant;

/** A practitioner's assignment as the administrator sees it: its id and when, never the practitioner's pseudonym. */
public record Assignment(String assignmentId, Instant assignedAt) {
}
