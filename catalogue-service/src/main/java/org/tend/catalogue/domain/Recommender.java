package org.tend.catalogue.domain;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Ranks catalogue interventions for a participant by stepped care (clinical basis §5.5).
 *
 * <ol>
 *   <li>The most severe level across the participant's latest outcomes decides; ties go to the instrument listed
 *       first in the stepped-care data.</li>
 *   <li>Safety: no recommendations at all, only the human-review pathway ({@code safety-review-first}).
 *       Step 4: the specialist-referral pathway ({@code refer-specialist}) comes first.</li>
 *   <li>Otherwise the interventions suitable at that level, ordered by evidence strength, then how closely their
 *       intensity matches the level's, then whether they come in a preferred format, then id.</li>
 * </ol>
 * Pure and deterministic: the same input always gives the same set.
 */
public final class Recommender {

    private final SteppedCarePolicy policy;

    public Recommender(SteppedCarePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * @param latestPerInstrument the participant's latest outcome per instrument (at most one per instrument);
     *                            outcomes of instruments without rules are ignored unless they raised a safety concern
     * @param preferences         may be {@link Preferences#none()}; {@code null} means none
     * @throws UnroutableOutcomeException when no outcome can be routed
     * @throws IllegalArgumentException   when an instrument appears twice
     */
    public RecommendationSet recommend(List<AssessmentOutcome> latestPerInstrument, Catalogue catalogue,
            Preferences preferences) {
        Objects.requireNonNull(latestPerInstrument, "latestPerInstrument");
        Objects.requireNonNull(catalogue, "catalogue");
        Preferences prefs = preferences == null ? Preferences.none() : preferences;
        Set<String> instruments = new HashSet<>();
        for (AssessmentOutcome outcome : latestPerInstrument) {
            if (!instruments.add(Objects.requireNonNull(outcome, "outcome").instrumentId())) {
                throw new IllegalArgumentException("more than one latest outcome for " + outcome.instrumentId());
            }
        }

        List<LevelDecision> considered = latestPerInstrument.stream()
                .filter(policy::routes)
                .map(policy::decide)
                .sorted(Comparator.comparing(LevelDecision::level).reversed()
                        .thenComparingInt(d -> policy.priorityOf(d.outcome().instrumentId()))
                        .thenComparing(d -> d.outcome().instrumentId()))
                .toList();
        if (considered.isEmpty()) {
            throw new UnroutableOutcomeException("no stepped-care rules for any of the instruments "
                    + latestPerInstrument.stream().map(AssessmentOutcome::instrumentId).sorted().toList());
        }
        LevelDecision basis = considered.get(0);
        SteppedCareLevel level = basis.level();

        if (level == SteppedCareLevel.SAFETY) {
            PathwayRule rule = policy.safetyRule();
            PathwayMarker marker = new PathwayMarker(rule.pathway(), rule.reasonCode(),
                    basis.reason() + " [rule " + rule.id() + "]", rule.id());
            return new RecommendationSet(level, basis, considered, Optional.of(marker), List.of(),
                    catalogue.version(), policy.version());
        }

        Optional<PathwayMarker> pathway = Optional.empty();
        if (level == SteppedCareLevel.STEP_4) {
            PathwayRule rule = policy.referralRule();
            String referral = ReasonTemplate.render(rule.reasonTemplate(), basis.outcome(),
                    policy.instrumentName(basis.outcome().instrumentId()));
            pathway = Optional.of(new PathwayMarker(rule.pathway(), rule.reasonCode(),
                    basis.reason() + "; " + referral + " [rule " + basis.ruleId() + ", " + rule.id() + "]",
                    rule.id()));
        }

        Intensity expected = policy.guidance(level).expectedIntensity();
        List<Intervention> ranked = catalogue.suitableAt(level).stream()
                .sorted(Comparator.comparing(Intervention::evidenceStrength)
                        .thenComparingInt(i -> i.intensity().distanceTo(expected))
                        .thenComparing(i -> prefs.isEmpty() || prefs.matches(i) ? 0 : 1)
                        .thenComparing(Intervention::id))
                .toList();
        List<Recommendation> recommendations = IntStream.range(0, ranked.size())
                .mapToObj(i -> recommendation(ranked.get(i), i + 1, basis, prefs))
                .toList();
        return new RecommendationSet(level, basis, considered, pathway, recommendations, catalogue.version(),
                policy.version());
    }

    private static Recommendation recommendation(Intervention intervention, int rank, LevelDecision basis,
            Preferences prefs) {
        StringBuilder reason = new StringBuilder(basis.reason())
                .append("; ").append(intervention.name()).append(" is ")
                .append(intervention.evidenceStrength().phrase()).append(" at this step");
        if (basis.level() == SteppedCareLevel.STEP_4) {
            reason.append(", after referral");
        }
        if (!prefs.isEmpty() && prefs.matches(intervention)) {
            reason.append("; offered in your preferred format (").append(prefs.matchingFormatsInWords(intervention))
                    .append(")");
        }
        reason.append(" [rule ").append(basis.ruleId()).append("]");
        return new Recommendation(intervention.id(), rank,
                Recommendation.reasonCode(basis.level(), intervention.evidenceStrength()), reason.toString(),
                basis.ruleId());
    }
}
