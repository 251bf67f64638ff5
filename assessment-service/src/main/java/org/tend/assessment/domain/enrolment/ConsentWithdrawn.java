package org.tend.assessment.domain.enrolment;

import java.time.Instant;

/** A participant withdrew their consent: from now on no service accepts new data about them (GDPR Art. 7(3)). */
public record ConsentWithdrawn(String participantId, String programmeId, Instant withdrawnAt) {
}
