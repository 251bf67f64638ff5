package org.tend.catalogue.domain.recommendation;

import java.time.Instant;

/** The participant's recommendations are held (safety pathway) since {@code since}. Never published. */
public record RecommendationsHeld(String participantId, Instant since) {
}
