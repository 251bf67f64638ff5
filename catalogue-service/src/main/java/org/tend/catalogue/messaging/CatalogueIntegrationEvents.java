package org.tend.catalogue.messaging;

import java.util.List;
import org.springframework.stereotype.Component;
import org.tend.catalogue.domain.entry.InterventionContent;
import org.tend.catalogue.domain.entry.InterventionPublished;
import org.tend.catalogue.domain.entry.InterventionRevised;
import org.tend.catalogue.domain.plan.PlanAdjusted;
import org.tend.catalogue.domain.plan.PlanReviewed;
import org.tend.catalogue.domain.recommendation.RecommendationsIssued;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.messaging.IntegrationEvent;
import org.tend.plumbing.messaging.IntegrationEventMapper;

/**
 * What catalogue-service tells the other services. A revised entry is published again under the same type (its
 * newest content and catalogue version); consumers keep the latest by {@code publishedAt}. Recommendations go out
 * as codes: the reason sentences, the evidence notes and the participant's preferences stay here; so do care plan
 * adjustments and reviews (a practitioner's note stays here). Preference
 * changes and recorded outcomes have no public counterpart.
 */
@Component
public class CatalogueIntegrationEvents implements IntegrationEventMapper {

    /** The contract's {@code maxItems}: the ranking is best first, so the top of it is what matters. */
    static final int MAX_PUBLISHED_RECOMMENDATIONS = 20;

    @Override
    public List<IntegrationEvent> map(Object event) {
        if (event instanceof InterventionPublished published) {
            return List.of(intervention(published.interventionId(), published.catalogueVersion(),
                    published.content(), published.publishedAt()));
        }
        if (event instanceof InterventionRevised revised) {
            return List.of(intervention(revised.interventionId(), revised.catalogueVersion(), revised.content(),
                    revised.revisedAt()));
        }
        if (event instanceof RecommendationsIssued issued) {
            return List.of(recommendations(issued));
        }
        if (event instanceof PlanAdjusted a) {
            return List.of(new IntegrationEvent(EventTypes.PLAN_ADJUSTED_V1, a.participantId(),
                    new CarePlanEventsV1.PlanAdjustedV1(a.adjustmentId(), a.participantId(), a.episode(), a.change(),
                            a.reason(), a.previousLevel(), a.level(), a.interventionId(), a.replacedInterventionId(),
                            a.interventions(), a.adjustedBy(), a.role(), a.adjustedAt())));
        }
        if (event instanceof PlanReviewed r) {
            return List.of(new IntegrationEvent(EventTypes.PLAN_REVIEWED_V1, r.participantId(),
                    new CarePlanEventsV1.PlanReviewedV1(r.reviewId(), r.participantId(),
                            r.episode() == 0 ? null : r.episode(), PlanReviewed.DECISION, r.reason(),
                            r.reviewedBy(), "practitioner", r.reviewedAt())));
        }
        return List.of();
    }

    private static IntegrationEvent intervention(String id, String version, InterventionContent content,
            java.time.Instant at) {
        // The contract's suitableSeverities are the domain's suitable levels.
        return new IntegrationEvent(EventTypes.INTERVENTION_PUBLISHED_V1, id, new InterventionPublishedV1(id,
                version, content.name(), content.approach(), content.formats(), content.typicalDuration(),
                content.targets(), content.suitableLevels(), at));
    }

    private static IntegrationEvent recommendations(RecommendationsIssued issued) {
        List<RecommendationsIssuedV1.Item> items = issued.recommendations().stream()
                .limit(MAX_PUBLISHED_RECOMMENDATIONS)
                .map(r -> new RecommendationsIssuedV1.Item(r.interventionId(), r.rank(), r.reasonCode()))
                .toList();
        return new IntegrationEvent(EventTypes.RECOMMENDATIONS_ISSUED_V1, issued.participantId(),
                new RecommendationsIssuedV1(issued.participantId(), issued.basedOnAssessmentId(),
                        issued.instrumentId(), issued.band(), issued.level(), items, issued.issuedAt()));
    }
}
