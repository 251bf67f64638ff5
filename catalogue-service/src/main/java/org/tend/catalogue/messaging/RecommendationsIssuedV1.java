package org.tend.catalogue.messaging;

import java.time.Instant;
import java.util.List;

/**
 * Data of {@code tend.catalogue.recommendations-issued.v1} (contracts/schemas): pseudonymous id, ids and codes
 * only. The reason sentences stay in this service.
 */
public record RecommendationsIssuedV1(
        String participantId,
        String basedOnAssessmentId,
        String instrumentId,
        String band,
        String steppedCareLevel,
        List<Item> recommendations,
        Instant issuedAt) {

    public record Item(String interventionId, int rank, String reasonCode) {
    }
}
