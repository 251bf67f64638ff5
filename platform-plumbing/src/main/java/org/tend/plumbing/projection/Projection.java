package org.tend.plumbing.projection;

import java.util.Collection;
import java.util.List;
import org.tend.plumbing.messaging.InboundEvents;
import org.tend.plumbing.messaging.ReceivedEvent;

/**
 * A read model fed from Kafka topics that can be rebuilt from offset 0 into a fresh <em>generation</em> while the
 * previous one is still served (docs: {@code platform-plumbing/README.md}, "Projections and rebuilds"). What a
 * projection supplies is only what differs between projections: its topics and typed edge, the names of its
 * collections, how a batch of events is folded and written into given generations. The plumbing does the rest:
 * {@link ProjectionGenerations} (which generation is served, which one is being built), {@link ProjectionListener}
 * (live writes into every current generation, poison records to the dead letters, store outages ridden out),
 * {@link RebuildRunner} (reads every partition from the beginning up to the end offsets seen at its start) and
 * {@link RebuildService} (one rebuild at a time, the switch, the drop of the retired generation).
 *
 * <p>The one rule a projection must keep: every write is idempotent and does not depend on order across
 * documents (an upsert keyed by event id or natural id), because a record may be applied twice (a redelivery, the
 * live listener and a rebuild writing the same generation) and a rebuild overlaps the live listeners of every instance.
 * That is also what lets several instances coordinate without a handshake ({@link ProjectionGenerations}).
 */
public interface Projection {

    /** A short lowercase name used in thread names and the rebuild's Kafka client id, e.g. {@code progress}. */
    String name();

    /**
     * The bases of the projection's collection names: generation N of base {@code b} is the collection
     * {@code b_gN} ({@link #collection}). Every collection a generation writes must be listed, or it would outlive a
     * dropped generation.
     */
    List<String> collections();

    /**
     * The layout version of the documents this code writes and reads. A served generation written in an older
     * layout is rebuilt at start-up and reads are refused with 503 + Retry-After until it is
     * ({@link ProjectionGenerations#servesOutdatedLayout()}, {@link ProjectionGenerations#readableGeneration}).
     */
    int layout();

    /** Every topic the projection reads, live and in a rebuild. */
    List<String> topics();

    /** The typed edge its records are read through (types, contract checks, binding). */
    InboundEvents inbound();

    /** An empty batch to fold events into. */
    Batch newBatch();

    /** Writes a batch into every given generation (the live path: active, and building while a rebuild runs). */
    Written write(Batch batch, Collection<Integer> generations);

    /**
     * The writer a rebuild of {@code generation} uses for every batch it reads, in log order per partition. A
     * projection may keep state across the batches of one rebuild (what it has inserted already, say); by default
     * each batch is written like a live one.
     */
    default GenerationWriter rebuilding(int generation) {
        return batch -> write(batch, List.of(generation));
    }

    /** The collection of {@code base} in {@code generation}: {@code base_g<generation>}. */
    static String collection(String base, int generation) {
        return base + "_g" + generation;
    }

    /** Events folded for one write; what a batch does with an event the projection does not keep is up to it. */
    interface Batch {
        void add(ReceivedEvent<?> event);

        /** Events folded so far (events the projection ignores are not counted). */
        int events();

        default boolean isEmpty() {
            return events() == 0;
        }
    }

    /** Writes the batches of one rebuild into its generation. */
    @FunctionalInterface
    interface GenerationWriter {
        Written write(Batch batch);
    }

    /** What a write cost: events applied and documents written. */
    record Written(int events, int documents) {
        public static final Written NOTHING = new Written(0, 0);
    }
}
