package org.tend.assessment.domain.enrolment;

import java.time.Instant;

/** Where a participant is enrolled. */
public record EnrolmentRecord(String participantId, String programmeId, String department, Instant enrolledAt) {
}
