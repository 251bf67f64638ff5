package org.tend.plumbing.axon;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.tend.plumbing.instance.Leases;

/**
 * Spreads the service's event processor segments over its live instances. Axon without Axon Server does not balance:
 * a tracking processor claims every segment it can, so the instance that starts first holds every processor and the
 * others stand by. Every {@code interval} this instance renews its heartbeat (the lease {@code instance:<id>}), counts
 * the live instances by theirs and the segments each holds by the token store's live claims; when it holds more than
 * its share (all segments of all processors, divided by the live instances, rounded up) while a live instance holds
 * fewer, it releases one segment for {@code releaseFor}, which that instance's processor claims at its next claim
 * interval. One release per round, so a new instance receives its share over a few rounds and nothing moves to and
 * fro; an instance that dies is not counted once its heartbeat has run out, and its segments are claimed by the others
 * when its claims time out. A segment that no other instance took while it was released (its processor runs on this
 * instance only, during an upgrade that adds it, say) comes back to this one, and that processor is then left out of
 * balancing for {@link #GIVE_UP_FOR}, rather than paused again every few seconds.
 *
 * <p>Every Tend processor has one segment (ordering across a participant's aggregates: README "Several instances"), so
 * what is spread is whole processors, one instance running the forwarder while another runs projections.
 */
public class SegmentBalancer implements SmartLifecycle {

    public static final String HEARTBEAT = "instance:";
    /** How long a processor whose released segment nobody took is left out of balancing. */
    public static final Duration GIVE_UP_FOR = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final Supplier<Configuration> axon;
    private final MongoCollection<Document> tokens;
    private final Leases leases;
    private final Duration interval;
    private final Duration claimTimeout;
    private final Duration releaseFor;
    private final Clock tokenClock = Clock.systemUTC(); // Axon stamps claims with the system clock
    private volatile ScheduledExecutorService executor;
    private final Map<String, Long> leftOutUntil = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String lastReleased;
    private volatile long lastReleasedAt;
    private volatile int lastReleasedSegment;

    public SegmentBalancer(Supplier<Configuration> axon, MongoCollection<Document> tokens, Leases leases,
                           Duration interval, Duration claimTimeout, Duration releaseFor) {
        this.axon = axon;
        this.tokens = tokens;
        this.leases = leases;
        this.interval = interval;
        this.claimTimeout = claimTimeout;
        this.releaseFor = releaseFor;
    }

    /** One round; returns the processor a segment was released of, if one was. */
    public java.util.Optional<String> balance() {
        String me = leases.instance().value();
        // A heartbeat outlives two rounds, and no more than a claim: an instance dead longer than that is not counted.
        leases.acquire(HEARTBEAT + me, interval.multipliedBy(2).plus(interval.dividedBy(2)));
        Set<String> live = leases.live(HEARTBEAT).stream().map(Leases.Holder::owner).collect(Collectors.toSet());
        live.add(me);
        Map<String, StreamingEventProcessor> processors = new TreeMap<>();
        for (Map.Entry<String, EventProcessor> entry : axon.get().eventProcessingConfiguration().eventProcessors()
                .entrySet()) {
            if (entry.getValue() instanceof StreamingEventProcessor streaming && streaming.isRunning()) {
                processors.put(entry.getKey(), streaming);
            }
        }
        long nanos = System.nanoTime();
        String released = lastReleased;
        if (released != null && nanos - lastReleasedAt > releaseFor.plus(interval).toNanos()) {
            StreamingEventProcessor processor = processors.get(released);
            if (processor != null && processor.processingStatus().containsKey(lastReleasedSegment)) {
                log.info("no other instance took {} while it was released: it stays here for {}", released,
                        GIVE_UP_FOR);
                leftOutUntil.put(released, nanos + GIVE_UP_FOR.toNanos());
            }
            lastReleased = null;
        }
        if (live.size() < 2 || processors.isEmpty()) {
            return java.util.Optional.empty();
        }
        long fresh = tokenClock.millis() - claimTimeout.toMillis();
        int segments = 0;
        Map<String, Integer> held = new HashMap<>();
        for (Document token : tokens.find(in("processorName", processors.keySet()))) {
            segments++;
            String owner = token.getString("owner");
            Object stamp = token.get("timestamp");
            if (owner != null && stamp instanceof Number millis && millis.longValue() > fresh) {
                held.merge(owner, 1, Integer::sum);
            }
        }
        int share = (segments + live.size() - 1) / live.size();
        int mine = processors.values().stream().mapToInt(p -> p.processingStatus().size()).sum();
        boolean room = live.stream().anyMatch(other -> !other.equals(me) && held.getOrDefault(other, 0) < share);
        if (mine <= share || !room) {
            return java.util.Optional.empty();
        }
        for (Map.Entry<String, StreamingEventProcessor> processor : processors.entrySet()) {
            Long until = leftOutUntil.get(processor.getKey());
            if (lastReleased != null || (until != null && until - nanos > 0)) {
                continue; // the last release not settled yet, or nobody else runs this processor
            }
            for (Integer segment : processor.getValue().processingStatus().keySet()) {
                processor.getValue().releaseSegment(segment, releaseFor.toMillis(), TimeUnit.MILLISECONDS);
                lastReleased = processor.getKey();
                lastReleasedAt = nanos;
                lastReleasedSegment = segment;
                log.info("instance {} holds {} of {} segments over {} live instances: it releases {} segment {}", me,
                        mine, segments, live.size(), processor.getKey(), segment);
                return java.util.Optional.of(processor.getKey());
            }
        }
        return java.util.Optional.empty();
    }

    private void round() {
        try {
            balance();
        } catch (RuntimeException e) {
            log.warn("balancing the event processors failed; the next round tries again: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (executor != null || interval.isZero() || interval.isNegative()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tend-segment-balancer");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::round, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
            try {
                leases.release(HEARTBEAT + leases.instance().value()); // no longer counted by the others
            } catch (RuntimeException e) {
                log.debug("heartbeat not released: {}", e.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
