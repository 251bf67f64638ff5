package org.tend.assessment.domain.enrolment;

import java.time.Instant;

/**
 * Where a participant is enrolled, and whether their consent stands.
 *
 * @param withdrawnAt when they withdrew consent; {@code null} while it stands (given at enrolment or renewed)
 */
public record EnrolmentRecord(String participantId, String programmeId, String department, Instant enrolledAt,
                              Instant withdrawnAt) {

    public EnrolmentRecord(String participantId, String programmeId, String department, Instant enrolledAt) {
        this(participantId, programmeId, department, enrolledAt, null);
    }

    public boolean consentGiven() {
        return withdrawnAt == null;
    }
}
