package org.tend.assessment.domain.enrolment;

import java.time.Instant;

/** A participant joined a programme, with consent. */
public record ParticipantEnrolled(String participantId, String programmeId, String department, boolean consentGiven,
                                  Instant enrolledAt) {
}
