package org.tend.catalogue.web;

import java.time.Instant;
import java.util.List;

/**
 * A participant's latest recommendations: the level, why, any human pathway that comes first, and the ranked
 * interventions, each with the sentence that explains it.
 */
public record RecommendationsResponse(
        String participantId,
        Level level,
        Basis basis,
        Pathway pathway,
        List<Item> recommendations,
        List<Considered> considered,
        Preferences preferences,
        String catalogueVersion,
        String steppedCareVersion,
        Instant issuedAt,
        CareHold careHold) {

    /**
     * Present while the participant's care is held after a safety concern: no automated recommendation until a
     * practitioner has been in touch.
     *
     * @param message           for the participant: their practitioner will be in touch
     * @param crisisSignposting where to find help now
     */
    public record CareHold(Instant since, String message, String crisisSignposting) {
    }

    /** @param reason why this level, naming the instrument, the score, the band and the rule */
    public record Level(String code, String label, String reason) {
    }

    /** The assessment whose outcome set the level. */
    public record Basis(String assessmentId, String instrumentId, String band, String ruleId) {
    }

    /** @param pathway {@code specialist-referral} or {@code human-review} */
    public record Pathway(String pathway, String reasonCode, String reason) {
    }

    public record Item(int rank, String interventionId, String name, List<String> formats, String reasonCode,
            String reason) {
    }

    public record Considered(String instrumentId, String band, int totalScore, String level, String reason) {
    }

    public record Preferences(List<String> formats) {
    }
}
