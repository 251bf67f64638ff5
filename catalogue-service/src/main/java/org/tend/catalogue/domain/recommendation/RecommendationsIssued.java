package org.tend.catalogue.domain.recommendation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.tend.kernel.PersonalData;

/**
 * The participant's recommendations, ranked by stepped care, each with its reason. Replaces the previous set.
 *
 * @param basedOnAssessmentId the assessment whose outcome set the level (the basis)
 * @param instrumentId        the basis' instrument
 * @param band                the basis' band
 * @param level               stepped-care level code, e.g. {@code step-3}
 * @param basisRuleId         the rule that set the level
 * @param levelReason         why this level, in words, naming the rule
 * @param pathway             the human pathway that comes first, or {@code null}
 * @param recommendations     best first, ranks 1..n; empty on the safety pathway
 * @param considered          every latest outcome that could be routed, most severe first
 * @param preferredFormats    the preferences the ranking used
 */
public record RecommendationsIssued(
        String participantId,
        String basedOnAssessmentId,
        String instrumentId,
        @PersonalData String band,
        @PersonalData String level,
        @PersonalData String basisRuleId,
        @PersonalData String levelReason,
        @PersonalData PathwayAdvice pathway,
        @PersonalData List<RankedIntervention> recommendations,
        @PersonalData List<ConsideredOutcome> considered,
        @PersonalData List<String> preferredFormats,
        String catalogueVersion,
        String steppedCareVersion,
        Instant issuedAt) {

    public RecommendationsIssued {
        recommendations = List.copyOf(recommendations);
        considered = List.copyOf(considered);
        preferredFormats = List.copyOf(preferredFormats);
    }

    /** Whether the two say the same thing, whenever they were issued. */
    public boolean sameAdviceAs(RecommendationsIssued other) {
        return other != null
                && Objects.equals(basedOnAssessmentId, other.basedOnAssessmentId)
                && Objects.equals(level, other.level)
                && Objects.equals(basisRuleId, other.basisRuleId)
                && Objects.equals(levelReason, other.levelReason)
                && Objects.equals(pathway, other.pathway)
                && recommendations.equals(other.recommendations)
                && considered.equals(other.considered)
                && preferredFormats.equals(other.preferredFormats)
                && Objects.equals(catalogueVersion, other.catalogueVersion)
                && Objects.equals(steppedCareVersion, other.steppedCareVersion);
    }
}
