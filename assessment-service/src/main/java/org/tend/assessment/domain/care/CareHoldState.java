package org.tend.assessment.domain.care;

import java.time.Instant;

/**
 * A participant's care hold as of its latest event.
 *
 * @param held       whether automated recommendations are held now
 * @param placedAt   when the current (or last) hold began
 * @param releasedAt when the last hold was released; null while held or never released
 * @param releasedBy the practitioner who released it (a pseudonym)
 */
public record CareHoldState(String participantId, boolean held, Instant placedAt, Instant releasedAt,
                            String releasedBy) {
}
