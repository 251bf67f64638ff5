package org.tend.catalogue.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;
import org.tend.catalogue.domain.plan.PlanAdjusted;
import org.tend.catalogue.domain.plan.PlanReviewed;

/** Projects each participant's care plan, its adjustments and reviews into {@link CarePlanViews}. */
@Component
@ProcessingGroup(CarePlanProjection.PROCESSING_GROUP)
public class CarePlanProjection {

    public static final String PROCESSING_GROUP = "care-plan-views";

    private final CarePlanViews views;

    public CarePlanProjection(CarePlanViews views) {
        this.views = views;
    }

    @EventHandler
    void on(PlanAdjusted event, @SequenceNumber long sequence) {
        views.adjusted(event, sequence);
    }

    @EventHandler
    void on(PlanReviewed event, @SequenceNumber long sequence) {
        views.reviewed(event, sequence);
    }
}
