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
 *
 * <p>After each write, {@link AfterWrite} is told what was written and into which generation (the served one on the
 * live path, the one being built in a rebuild): that is where the outcome classifications are put into their outbox,
 * in the same idempotent step, before the records are acknowledged.
 */
public class JourneyProjection implements Projection {

    /** What follows a write: told the fold written and a generation that now holds it completely. */
    @FunctionalInterface
    public interface AfterWrite {
        AfterWrite NOTHING = (fold, generation) -> { };

        void written(ProjectionWriter.Fold fold, int generation);
    }

    private final ProjectionWriter writer;
    private final ProjectionEvents events;
    private final AfterWrite afterWrite;

    public JourneyProjection(ProjectionWriter writer, ProjectionEvents events) {
        this(writer, events, AfterWrite.NOTHING);
    }

    public JourneyProjection(ProjectionWriter writer, ProjectionEvents events, AfterWrite afterWrite) {
        this.writer = writer;
        this.events = events;
        this.afterWrite = afterWrite;
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
        ProjectionWriter.Fold fold = (ProjectionWriter.Fold) batch;
        Written written = written(writer.write(fold, generations));
        if (!generations.isEmpty()) {
            // The first target is the served generation (ProjectionGenerations.writeTo): complete up to this batch.
            afterWrite.written(fold, generations.iterator().next());
        }
        return written;
    }

    @Override
    public GenerationWriter rebuilding(int generation) {
        Set<String> inserted = new HashSet<>();
        return batch -> {
            ProjectionWriter.Fold fold = (ProjectionWriter.Fold) batch;
            Written written = written(writer.writeFresh(fold, generation, inserted));
            // A rebuild reads each partition in order, so the generation holds every earlier record of these
            // participants (keyed by participant, they share a partition).
            afterWrite.written(fold, generation);
            return written;
        };
    }

    private static Written written(ProjectionWriter.Summary summary) {
        return new Written(summary.events(), summary.documents());
    }
}
