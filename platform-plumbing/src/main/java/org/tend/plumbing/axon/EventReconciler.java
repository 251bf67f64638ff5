package org.tend.plumbing.axon;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntry;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every streaming event processor of the service complete, whatever the clocks do.
 *
 * <p>A {@code MongoTrackingToken} is a timestamp with a look-back window (engineering notes §8): an event that becomes
 * visible more than the look-back after its own timestamp (a JVM pause between stamping and writing, a write retried
 * after a replica-set election, an instance whose clock is behind the others') lies behind every processor's position
 * and is never handed to any of them. Nothing in Axon notices.
 *
 * <p>Each run compares, for every streaming processor, the event store with the processor's {@link HandledEventLedger}
 * over a window much wider than any plausible delay ({@code [now − window, now − grace]}, by the events' own
 * timestamps). An event the processor could handle, that lies before its position minus the look-back (so the
 * processor will never fetch it) and that is missing from its ledger, was skipped: it is handed to the processor's
 * handlers again, through the interceptors configured for the processor (so the ledger records it; never through the
 * processor's internal one, which would store its token) and in the segment that owns it,
 * in a batching unit of work like the processor's own. Every Tend handler is idempotent, and consumers of the
 * forwarder's records treat a repeated {@code ce_id} as a duplicate, so a redelivery that was not needed changes
 * nothing. Only the segments this instance currently owns are reconciled, so two instances do not both redeliver.
 *
 * <p>{@code pending} of a processor (the {@code tend_forwarder_events_pending} gauge for the forwarder) is what it has
 * not handled yet after the run: the events of the window it can handle that are missing from its ledger (not reached
 * yet, inside the grace period, or failed to redeliver), plus every event between its position and the start of the
 * window when it is further behind than the window.
 */
public class EventReconciler {

    private static final Logger log = LoggerFactory.getLogger(EventReconciler.class);
    private static final int BATCH_SIZE = 100;

    /** How far back a run looks, how long an event is left to its processor, and the token's look-back. */
    public record Settings(Duration window, Duration grace, Duration lookBack) {
        public Settings {
            if (grace.isNegative() || lookBack.isNegative()) {
                throw new IllegalArgumentException("grace and look-back cannot be negative");
            }
            if (window.compareTo(grace.plus(lookBack).multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("the reconciliation window (" + window
                        + ") must be at least twice the grace period plus the token look-back (" + grace.plus(lookBack)
                        + ")");
            }
        }
    }

    /** The outcome of one processor in one run; {@code failure} is null when every redelivery succeeded. */
    public record ProcessorResult(int redelivered, long pending, String failure) {
    }

    /** The outcome of one run. */
    public record Reconciliation(Instant at, Duration took, Map<String, ProcessorResult> processors) {
        public boolean succeeded() {
            return processors.values().stream().allMatch(p -> p.failure() == null);
        }
    }

    private final Supplier<Configuration> axon;
    private final MongoCollection<Document> events;
    private final EventEntryConfiguration entries;
    private final HandledEventLedger ledger;
    private final Settings settings;
    private final Clock clock;
    private final ReconciliationMetrics metrics;

    public EventReconciler(Supplier<Configuration> axon, MongoCollection<Document> events, HandledEventLedger ledger,
                           Settings settings, Clock clock, ReconciliationMetrics metrics) {
        this.axon = axon;
        this.events = events;
        this.entries = EventEntryConfiguration.getDefault();
        this.ledger = ledger;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** One streaming processor as this run sees it. */
    private static final class Target {
        final AbstractEventProcessor processor;
        /** Per owned segment: events stamped before this instant will never be fetched by the processor. */
        final Map<Segment, Instant> passed;
        Set<String> handled = Set.of();
        final Map<Segment, List<TrackedEventMessage<?>>> skipped = new LinkedHashMap<>();
        long pending;

        Target(AbstractEventProcessor processor, Map<Segment, Instant> passed) {
            this.processor = processor;
            this.passed = passed;
        }

        String name() {
            return processor.getName();
        }
    }

    /** Runs once; runs never overlap. */
    public synchronized Reconciliation reconcile() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        Instant windowStart = now.minus(settings.window());
        Instant graceStart = now.minus(settings.grace());
        Configuration configuration = axon.get();

        // Positions first, the ledger after: a batch committed in between is then in the ledger already.
        List<Target> targets = new ArrayList<>();
        for (EventProcessor processor : configuration.eventProcessingConfiguration().eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming
                    && processor instanceof AbstractEventProcessor abstractProcessor) {
                targets.add(new Target(abstractProcessor, passedPositions(streaming)));
            }
        }
        Map<String, ProcessorResult> results = new LinkedHashMap<>();
        if (targets.isEmpty()) {
            Reconciliation none = new Reconciliation(now, Duration.ofNanos(System.nanoTime() - started), results);
            metrics.recorded(none);
            return none;
        }
        ledger.prune();
        for (Target target : targets) {
            target.handled = ledger.handledBy(target.name());
        }

        scan(configuration, windowStart, graceStart, targets);

        for (Target target : targets) {
            target.pending += behindTheWindow(target, windowStart);
            int redelivered = 0;
            String failure = null;
            for (Map.Entry<Segment, List<TrackedEventMessage<?>>> skipped : target.skipped.entrySet()) {
                List<TrackedEventMessage<?>> messages = skipped.getValue();
                for (int from = 0; from < messages.size() && failure == null; from += BATCH_SIZE) {
                    List<TrackedEventMessage<?>> batch = messages.subList(from, Math.min(messages.size(),
                            from + BATCH_SIZE));
                    try {
                        redeliver(target.processor, interceptors(target.processor), skipped.getKey(),
                                batch);
                        redelivered += batch.size();
                    } catch (Exception e) {
                        failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                        log.warn("redelivering {} skipped events to processor {} failed; the next run retries: {}",
                                batch.size(), target.name(), failure);
                    }
                }
                if (failure != null) {
                    break;
                }
            }
            long stillPending = target.pending + countSkipped(target) - redelivered;
            results.put(target.name(), new ProcessorResult(redelivered, stillPending, failure));
        }
        Reconciliation reconciliation = new Reconciliation(now, Duration.ofNanos(System.nanoTime() - started),
                Collections.unmodifiableMap(results));
        metrics.recorded(reconciliation);
        return reconciliation;
    }

    private Map<Segment, Instant> passedPositions(StreamingEventProcessor processor) {
        Map<Segment, Instant> passed = new LinkedHashMap<>();
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            if (status.isReplaying() || status.isErrorState()) {
                // Replaying: every handler sees the events anyway. In error: it retries from its own position.
                continue;
            }
            TrackingToken token = status.getTrackingToken();
            Optional<MongoTrackingToken> mongoToken = token == null ? Optional.empty()
                    : WrappedToken.unwrap(token, MongoTrackingToken.class);
            mongoToken.ifPresent(t -> passed.put(status.getSegment(), t.getTimestamp().minus(settings.lookBack())));
        }
        return passed;
    }

    /** Reads the window of the store once, sorting each event the targets lack into skipped or pending. */
    private void scan(Configuration configuration, Instant windowStart, Instant graceStart, List<Target> targets) {
        try (MongoCursor<Document> cursor = events
                .find(gte(entries.timestampProperty(), DateTimeUtils.formatInstant(windowStart)))
                .sort(Sorts.ascending(entries.timestampProperty(), entries.sequenceNumberProperty()))
                .iterator()) {
            while (cursor.hasNext()) {
                EventEntry entry = new EventEntry(cursor.next(), entries);
                if (targets.stream().allMatch(t -> t.passed.isEmpty()
                        || t.handled.contains(entry.getEventIdentifier()))) {
                    continue;
                }
                TrackedDomainEventData<?> data = new TrackedDomainEventData<>(
                        MongoTrackingToken.of(entry.getTimestamp(), entry.getEventIdentifier()), entry);
                try (Stream<TrackedEventMessage<?>> messages = EventUtils.upcastAndDeserializeTrackedEvents(
                        Stream.of(data), configuration.eventSerializer(), configuration.upcasterChain())) {
                    messages.forEach(message -> sort(message, graceStart, targets));
                }
            }
        }
    }

    private static void sort(TrackedEventMessage<?> message, Instant graceStart, List<Target> targets) {
        for (Target target : targets) {
            if (target.passed.isEmpty() || target.handled.contains(message.getIdentifier())) {
                continue;
            }
            for (Map.Entry<Segment, Instant> segment : target.passed.entrySet()) {
                if (!target.processor.eventHandlerInvoker().canHandle(message, segment.getKey())) {
                    continue;
                }
                Instant timestamp = message.getTimestamp();
                if (timestamp.isBefore(segment.getValue()) && !timestamp.isAfter(graceStart)) {
                    target.skipped.computeIfAbsent(segment.getKey(), s -> new ArrayList<>()).add(message);
                } else {
                    target.pending++;
                }
                break;
            }
        }
    }

    /** Events between a processor's position and the window, when it is further behind than the window. */
    private long behindTheWindow(Target target, Instant windowStart) {
        Instant earliest = target.passed.values().stream().min(Instant::compareTo).orElse(null);
        if (earliest == null || !earliest.isBefore(windowStart)) {
            return 0;
        }
        return events.countDocuments(and(gte(entries.timestampProperty(), DateTimeUtils.formatInstant(earliest)),
                lt(entries.timestampProperty(), DateTimeUtils.formatInstant(windowStart))));
    }

    private static long countSkipped(Target target) {
        return target.skipped.values().stream().mapToLong(List::size).sum();
    }

    /**
     * The processor's handler interceptors (the ledger's among them) without the ones the processor class adds itself:
     * a tracking processor's own interceptor stores its token from the unit of work's resources, which a redelivery
     * must never do (it would move the token back to the redelivered event).
     */
    private static List<MessageHandlerInterceptor<? super EventMessage<?>>> interceptors(EventProcessor processor) {
        String own = processor.getClass().getName() + "$";
        return processor.getHandlerInterceptors().stream()
                .filter(interceptor -> !interceptor.getClass().getName().startsWith(own))
                .toList();
    }

    private void redeliver(AbstractEventProcessor processor,
                           List<MessageHandlerInterceptor<? super EventMessage<?>>> interceptors, Segment segment,
                           List<TrackedEventMessage<?>> batch) throws Exception {
        for (TrackedEventMessage<?> message : batch) {
            log.warn("processor {} passed event {} ({}, stamped {}) without handling it; redelivering it",
                    processor.getName(), message.getIdentifier(), message.getPayloadType().getSimpleName(),
                    message.getTimestamp());
        }
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(new ArrayList<>(batch));
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<EventMessage<?>>(
                unitOfWork, interceptors, message -> {
                    processor.eventHandlerInvoker().handle(message, segment);
                    return null;
                }).proceed(), RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (failure instanceof Exception exception) {
                throw exception;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(failure);
        }
    }
}
