package org.tend.plumbing.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An event the forwarder cannot map to its integration events (a mapper that throws, data that cannot be written as
 * JSON). The forwarder does not skip it: the topic's order and completeness matter more than its progress, so the
 * processor retries it (engineering notes §7) and the topic waits until the mapper is fixed. It must not wait in
 * silence: every failed try is logged at ERROR with the event's id and type, counted in
 * {@code tend.forwarder.mapping.faults} [{@code tend_forwarder_mapping_faults_total}], and the fault being retried
 * is shown by the {@code forwarder} health component (DOWN) and the gauge {@code tend.forwarder.blocked}
 * [{@code tend_forwarder_blocked}] (1) until the event maps.
 */
public class ForwarderFaults {

    private static final Logger log = LoggerFactory.getLogger(ForwarderFaults.class);

    /** The event that holds the topic up: its id, its payload type, since when, and how many tries failed. */
    public record Fault(String eventId, String eventType, Instant since, long failures) {
    }

    private final AtomicReference<Fault> current = new AtomicReference<>();
    private final MeterRegistry meters;
    private final Clock clock;

    public ForwarderFaults(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
        Gauge.builder("tend.forwarder.blocked", current, fault -> fault.get() == null ? 0 : 1)
                .description("1 while an event that cannot be mapped holds the forwarder up, else 0")
                .register(meters);
    }

    void failed(String eventId, String eventType, String topic, RuntimeException e) {
        Fault fault = current.updateAndGet(previous -> previous != null && previous.eventId().equals(eventId)
                ? new Fault(eventId, eventType, previous.since(), previous.failures() + 1)
                : new Fault(eventId, eventType, clock.instant(), 1));
        log.error("the forwarder cannot map event {} ({}) for {} (try {}); {} waits until its mapper is fixed: {}",
                eventId, eventType, topic, fault.failures(), topic, e.toString());
        Counter.builder("tend.forwarder.mapping.faults")
                .description("Tries in which the forwarder could not map an event to its integration events")
                .tag("type", eventType).register(meters).increment();
    }

    void mapped(String eventId) {
        Fault fault = current.get();
        if (fault != null && fault.eventId().equals(eventId) && current.compareAndSet(fault, null)) {
            log.info("the forwarder mapped event {} ({}) after {} failed tries", eventId, fault.eventType(),
                    fault.failures());
        }
    }

    /** The fault holding the topic up, if any. */
    public Optional<Fault> current() {
        return Optional.ofNullable(current.get());
    }
}
