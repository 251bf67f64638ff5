package org.tend.progress.query;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tend.plumbing.messaging.InboundEvents;
import org.tend.plumbing.projection.Projection;

/**
 * progress-service's projection as the plumbing's generation and rebuild machinery sees it: the three topics, the
 * typed edge of {@link ProjectionEvents}, the collections of {@link ProjectionNames}, and the folded writes of
 * {@link ProjectionWriter} (a rebuild inserts a journey it has not written yet rather than upserting it).
 */
public class JourneyProjection implements Projection {

    private final ProjectionWriter writer;
    private final ProjectionEvents events;

    public JourneyProjection(ProjectionWriter writer, ProjectionEvents events) {
        this.writer = writer;
        this.events = events;
    }

    @Override
    public String name() {
        return "progress";
    }

    @Override
    public List<String> collections() {
        return ProjectionNames.COLLECTIONS;
    }

    @Override
    public int layout() {
        return ProjectionNames.LAYOUT;
    }

    @Override
    public List<String> topics() {
        return ProjectionEvents.TOPICS;
    }

    @Override
    public InboundEvents inbound() {
        return events.inbound();
    }

    @Override
    public Batch newBatch() {
        return new ProjectionWriter.Fold();
    }

    @Override
    public Written write(Batch batch, Collection<Integer> generations) {
        return written(writer.write((ProjectionWriter.Fold) batch, generations));
    }

    @Override
    public GenerationWriter rebuilding(int generation) {
        Set<String> written = new HashSet<>();
        return batch -> written(writer.writeFresh((ProjectionWriter.Fold) batch, generation, written));
    }

    private static Written written(ProjectionWriter.Summary summary) {
        return new Written(summary.events(), summary.documents());
    }
}
