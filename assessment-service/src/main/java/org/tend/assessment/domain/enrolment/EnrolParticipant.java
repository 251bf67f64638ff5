package org.tend.assessment.domain.enrolment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A participant (known by pseudonym) joins a programme.
 *
 * @param consent whether the participant consented to the processing the programme describes; must be {@code true}
 * @param department cohort code (a slug), or {@code null}
 * @param enrolmentCodeHash the hash of the enrolment code the participant holds ({@code AccessCodes}); only the
 *     programme's current code admits
 */
public record EnrolParticipant(@TargetAggregateIdentifier String participantId, String programmeId, Boolean consent,
                               String department, String enrolmentCodeHash, Instant enrolledAt) {
}
