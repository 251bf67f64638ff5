package org.tend.assessment.domain.enrolment;

import java.util.Optional;

/** Looks up a participant's enrolment as of its latest stored event (read-your-writes). */
public interface EnrolmentDirectory {

    Optional<EnrolmentRecord> enrolmentOf(String participantId);
}
