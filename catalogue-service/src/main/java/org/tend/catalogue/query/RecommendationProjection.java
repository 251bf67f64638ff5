package org.tend.catalogue.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;
import org.tend.catalogue.domain.recommendation.PreferencesChanged;
import org.tend.catalogue.domain.recommendation.RecommendationsHeld;
import org.tend.catalogue.domain.recommendation.RecommendationsReleased;
import org.tend.catalogue.domain.recommendation.RecommendationsIssued;

/** Projects each participant's latest recommendations and preferences into {@link RecommendationViews}. */
@Component
@ProcessingGroup(RecommendationProjection.PROCESSING_GROUP)
public class RecommendationProjection {

    public static final String PROCESSING_GROUP = "recommendation-views";

    private final RecommendationViews views;

    public RecommendationProjection(RecommendationViews views) {
        this.views = views;
    }

    @EventHandler
    void on(RecommendationsIssued event, @SequenceNumber long sequence) {
        views.issued(event, sequence);
    }

    @EventHandler
    void on(RecommendationsHeld event, @SequenceNumber long sequence) {
        views.held(event.participantId(), event.since(), sequence);
    }

    @EventHandler
    void on(RecommendationsReleased event, @SequenceNumber long sequence) {
        views.released(event.participantId(), sequence);
    }

    @EventHandler
    void on(PreferencesChanged event, @SequenceNumber long sequence) {
        views.preferencesChanged(event.participantId(), event.formats(), sequence);
    }
}
