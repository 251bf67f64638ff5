package org.tend.assessment.domain.enrolment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Erase the participant (GDPR Art. 17): their key is destroyed, so everything sealed with it in every store becomes
 * unreadable, and every service deletes what it holds about them.
 *
 * @param erasureId   the id of the erasure's report
 * @param requestedBy {@code participant} (in their own session) or {@code administrator} (with the participant's
 *                    one-time erasure code)
 */
public record EraseParticipant(@TargetAggregateIdentifier String participantId, String erasureId, String requestedBy,
                               Instant erasedAt) {
}
