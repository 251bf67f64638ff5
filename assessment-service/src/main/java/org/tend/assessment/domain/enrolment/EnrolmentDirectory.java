package org.tend.assessment.domain.enrolment;

import java.util.Optional;
import org.tend.kernel.Rejection;

/** Looks up a participant's enrolment as of its latest stored event (read-your-writes). */
public interface EnrolmentDirectory {

    Optional<EnrolmentRecord> enrolmentOf(String participantId);

    /**
     * The enrolment of a participant whose data may be accepted: enrolled, and their consent standing. Refuses
     * (409, field {@code participantId}) with {@code not-enrolled} or {@code consent-withdrawn}, nothing written.
     */
    default EnrolmentRecord requireConsent(String participantId) {
        EnrolmentRecord enrolment = enrolmentOf(participantId).orElseThrow(() -> Rejection.conflict("participantId",
                "not-enrolled", "Only a participant enrolled in a programme can take an assessment"));
        if (!enrolment.consentGiven()) {
            throw Rejection.conflict("participantId", "consent-withdrawn",
                    "The participant has withdrawn their consent: no new data about them is accepted");
        }
        return enrolment;
    }
}
