package org.tend.assessment.domain.programme;

import java.time.Instant;

/** The programme's enrolment code changed (only its hash is kept). Internal: never published. */
public record EnrolmentCodeSet(String programmeId, String codeHash, String setBy, Instant setAt) {
}
