package org.tend.assessment.domain.enrolment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A participant who withdrew consents again.
 *
 * @param consent must be {@code true}, as at enrolment
 */
public record RenewConsent(@TargetAggregateIdentifier String participantId, Boolean consent, Instant renewedAt) {
}
