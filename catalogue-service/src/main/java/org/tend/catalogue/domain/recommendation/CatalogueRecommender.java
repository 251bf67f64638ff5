package org.tend.catalogue.domain.recommendation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tend.catalogue.domain.AssessmentOutcome;
import org.tend.catalogue.domain.Catalogue;
import org.tend.catalogue.domain.PathwayRule;
import org.tend.catalogue.domain.InstrumentScale;
import org.tend.catalogue.domain.Preferences;
import org.tend.catalogue.domain.RecommendationSet;
import org.tend.catalogue.domain.Recommender;
import org.tend.catalogue.domain.SteppedCareLevel;
import org.tend.catalogue.domain.SteppedCarePolicy;

/**
 * The catalogue and stepped-care rules this instance runs on, as one resource the recommendations aggregate is
 * given (Axon injects it into the command handlers).
 */
public final class CatalogueRecommender {

    private final Catalogue catalogue;
    private final SteppedCarePolicy policy;
    private final Recommender recommender;

    public CatalogueRecommender(Catalogue catalogue, SteppedCarePolicy policy) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.recommender = new Recommender(policy);
    }

    /** @throws org.tend.catalogue.domain.UnroutableOutcomeException when no outcome can be routed */
    public RecommendationSet recommend(List<AssessmentOutcome> latestPerInstrument, Preferences preferences) {
        return recommender.recommend(latestPerInstrument, catalogue, preferences);
    }

    /**
     * Why a total cannot be routed although its instrument has rules (it lies outside the instrument's range), or
     * empty. An instrument without rules is not a fault: its outcomes are recorded and never routed.
     */
    public Optional<String> rangeFault(String instrumentId, int totalScore) {
        return policy.instrument(instrumentId).filter(scale -> !scale.contains(totalScore))
                .map(scale -> scale.displayName() + " total " + totalScore + " is outside " + scale.minScore()
                        + ".." + scale.maxScore());
    }

    /**
     * A published total on the scale the rules are written on ({@link InstrumentScale#onRuleScale}); an instrument
     * without rules keeps its total as sent (recorded, never routed).
     *
     * @throws org.tend.catalogue.domain.UnroutableOutcomeException when the total cannot be routed safely
     */
    public int toRuleScale(String instrumentId, int total, int rangeMin, int rangeMax) {
        Optional<InstrumentScale> scale = policy.instrument(instrumentId);
        if (scale.isEmpty()) {
            InstrumentScale.requireWithin(instrumentId, total, rangeMin, rangeMax);
            return total;
        }
        return scale.get().onRuleScale(total, rangeMin, rangeMax);
    }

    /** The label of a level code ("step 3 high-intensity with a clinician"), or the code itself. */
    public String levelLabel(String levelCode) {
        return SteppedCareLevel.fromCode(levelCode).filter(level -> level != SteppedCareLevel.SAFETY)
                .map(level -> policy.guidance(level).label()).orElse(levelCode);
    }

    /** The safety pathway (human review, no recommendations) shown while a participant's care is held. */
    public PathwayRule safetyPathway() {
        return policy.safetyRule();
    }

    /** The stepped-care rules' version. */
    public String steppedCareVersion() {
        return policy.version();
    }

    public Catalogue catalogue() {
        return catalogue;
    }
}
