package org.tend.catalogue.domain;

import java.util.List;
import java.util.Optional;

/**
 * What the recommender says for one participant.
 *
 * @param level           the most severe level across the participant's latest outcomes
 * @param basis           the decision that set the level (its outcome names the instrument and band to publish)
 * @param considered      every outcome's decision, most severe first (basis is the first)
 * @param pathway         present for safety (human review; then recommendations is empty) and step 4 (referral)
 * @param recommendations interventions suitable at the level, best first; ranks 1..n
 */
public record RecommendationSet(
        SteppedCareLevel level,
        LevelDecision basis,
        List<LevelDecision> considered,
        Optional<PathwayMarker> pathway,
        List<Recommendation> recommendations,
        String catalogueVersion,
        String steppedCareVersion) {

    public RecommendationSet {
        Require.present(level, "level");
        Require.present(basis, "basis");
        considered = List.copyOf(Require.notEmpty(considered, "considered"));
        Require.present(pathway, "pathway");
        recommendations = List.copyOf(Require.present(recommendations, "recommendations"));
        Require.text(catalogueVersion, "catalogueVersion");
        Require.text(steppedCareVersion, "steppedCareVersion");
    }

    public List<String> interventionIds() {
        return recommendations.stream().map(Recommendation::interventionId).toList();
    }
}
