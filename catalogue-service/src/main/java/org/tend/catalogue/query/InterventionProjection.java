package org.tend.catalogue.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;
import org.tend.catalogue.domain.entry.InterventionPublished;
import org.tend.catalogue.domain.entry.InterventionRevised;

/** Projects the catalogue entries' events into {@link InterventionDirectory}. */
@Component
@ProcessingGroup(InterventionProjection.PROCESSING_GROUP)
public class InterventionProjection {

    public static final String PROCESSING_GROUP = "intervention-directory";

    private final InterventionDirectory directory;

    public InterventionProjection(InterventionDirectory directory) {
        this.directory = directory;
    }

    @EventHandler
    void on(InterventionPublished event, @SequenceNumber long sequence) {
        directory.published(event.interventionId(), event.catalogueVersion(), event.content(), event.publishedAt(),
                sequence);
    }

    @EventHandler
    void on(InterventionRevised event, @SequenceNumber long sequence) {
        directory.revised(event.interventionId(), event.catalogueVersion(), event.content(), event.revisedAt(),
                sequence);
    }
}
