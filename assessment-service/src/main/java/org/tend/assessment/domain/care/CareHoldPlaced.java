package org.tend.assessment.domain.care;

import java.time.Instant;

/**
 * The participant's automated recommendations are held until a practitioner has reviewed them. Published on the
 * internal care-holds topic with the participant's id and the time only: never the concern that caused it.
 */
public record CareHoldPlaced(String participantId, String concernId, Instant placedAt) {
}
