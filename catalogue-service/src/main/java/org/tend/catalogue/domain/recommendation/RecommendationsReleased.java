package org.tend.catalogue.domain.recommendation;

import java.time.Instant;

/** The hold ended; recommendations follow the participant's outcomes again. Never published. */
public record RecommendationsReleased(String participantId, Instant releasedAt) {
}
