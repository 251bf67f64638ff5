package org.tend.plumbing.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.tend.contracts.EventTypes;

/**
 * What the forwarder has put on Kafka (Prometheus names in brackets):
 * <ul>
 *   <li>{@code tend.forwarder.events.forwarded} [{@code tend_forwarder_events_forwarded_total}]: records the broker
 *       acknowledged, by {@code topic} and integration event {@code type} (a retried batch may count a record
 *       twice, as it publishes it twice);</li>
 *   <li>{@code tend.forwarder.delay} [{@code tend_forwarder_delay_seconds_*}, with histogram buckets]: from the
 *       event's timestamp in the store to the broker's acknowledgement, by {@code topic};</li>
 *   <li>{@code tend.forwarder.events.handled} [{@code tend_forwarder_events_handled_total}]: events whose batch the
 *       forwarder completed, including events that map to no record; it stands still while the forwarder cannot
 *       publish (beside {@code tend_events_published_total}, that is a stalled forwarder).</li>
 * </ul>
 * Tags are only topics and types the contracts name; anything else is counted as {@code other}.
 */
public class ForwarderMetrics {

    private final MeterRegistry meters;
    private final Clock clock;
    private final Counter handled;

    public ForwarderMetrics(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
        this.handled = Counter.builder("tend.forwarder.events.handled")
                .description("Events whose batch the forwarder completed (every record acknowledged), mapped or not")
                .register(meters);
    }

    /** Meters kept in memory only, for code that runs without a registry. */
    public static ForwarderMetrics unregistered() {
        return new ForwarderMetrics(new SimpleMeterRegistry(), Clock.systemUTC());
    }

    void batchCompleted(int events) {
        handled.increment(events);
    }

    void acknowledged(String topic, String type, Instant eventTime) {
        String knownType = type != null && EventTypes.isKnown(type) ? type : "other";
        Counter.builder("tend.forwarder.events.forwarded")
                .description("Records the broker acknowledged, by topic and integration event type")
                .tag("topic", topic).tag("type", knownType).register(meters).increment();
        Duration delay = Duration.between(eventTime, clock.instant());
        Timer.builder("tend.forwarder.delay")
                .description("From an event's timestamp in the store to the broker's acknowledgement of its record")
                .tag("topic", topic)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5)).maximumExpectedValue(Duration.ofHours(1))
                .register(meters).record(delay.isNegative() ? Duration.ZERO : delay);
    }
}
