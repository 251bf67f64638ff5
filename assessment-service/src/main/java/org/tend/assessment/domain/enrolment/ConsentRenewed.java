package org.tend.assessment.domain.enrolment;

import java.time.Instant;

/** A participant who had withdrawn gave their consent again: their data is accepted from now on. */
public record ConsentRenewed(String participantId, String programmeId, Instant renewedAt) {
}
