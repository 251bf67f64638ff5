package org.tend.assessment.domain.enrolment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The participant (known by pseudonym) withdraws the consent they gave at enrolment. */
public record WithdrawConsent(@TargetAggregateIdentifier String participantId, Instant withdrawnAt) {
}
