package org.tend.assessment.domain.enrolment;

import java.time.Instant;
import org.tend.kernel.PersonalData;

/** A participant joined a programme, with consent. */
public record ParticipantEnrolled(String participantId, String programmeId, @PersonalData String department,
                                  boolean consentGiven,
                                  Instant enrolledAt) {
}
