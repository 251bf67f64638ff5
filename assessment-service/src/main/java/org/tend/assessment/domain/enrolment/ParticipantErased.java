package org.tend.assessment.domain.enrolment;

import java.time.Instant;

/**
 * The participant was erased. Holds nothing about them but their pseudonym: from now on it is retired (an erased
 * person who rejoins does so under a new account, so nothing new is linked to what consumers may still hold).
 *
 * @param requestedBy {@code participant} or {@code administrator}
 */
public record ParticipantErased(String participantId, String programmeId, String erasureId, String requestedBy,
                                Instant erasedAt) {
}
