package org.tend.plumbing.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;
import org.tend.contracts.EventTypes;

/**
 * How far behind the events it applies each consumer group is, measured once for every listener of every service (a
 * record listener and a batch listener alike, through the listener container's interceptors), after the listener
 * returned without failing:
 * <ul>
 *   <li>{@code tend.projection.lag} [{@code tend_projection_lag_seconds_*}, with histogram buckets] by
 *       {@code group}: the time from the event's CloudEvents {@code time} to its application;</li>
 *   <li>{@code tend.projection.last.event.age} [{@code tend_projection_last_event_age_seconds}] by {@code group}:
 *       how old, now, the newest event the group has applied is (it grows while nothing new is applied: read it beside
 *       the consumer lag);</li>
 *   <li>{@code tend.events.consumed} [{@code tend_events_consumed_total}] by {@code group} and {@code type} (a type
 *       the contracts do not name counts as {@code other}).</li>
 * </ul>
 * A group is a service's projection or consumer ({@code tend-progress}, {@code tend-insights}, {@code
 * tend-catalogue}, …). A record without a readable time is counted but not timed.
 */
public class ConsumedEventMetrics implements RecordInterceptor<Object, Object>, BatchInterceptor<Object, Object> {

    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, AtomicLong> newestApplied = new ConcurrentHashMap<>();

    public ConsumedEventMetrics(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
                                                    Consumer<Object, Object> consumer) {
        return record;
    }

    @Override
    public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records,
                                                     Consumer<Object, Object> consumer) {
        return records;
    }

    @Override
    public void success(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        applied(group(consumer), record, clock.instant());
    }

    @Override
    public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
        String group = group(consumer);
        Instant now = clock.instant();
        for (ConsumerRecord<Object, Object> record : records) {
            applied(group, record, now);
        }
    }

    void applied(String group, ConsumerRecord<?, ?> record, Instant now) {
        String type = header(record, "ce_type");
        Counter.builder("tend.events.consumed").description("Events a consumer group applied, by type")
                .tag("group", group).tag("type", type != null && EventTypes.isKnown(type) ? type : "other")
                .register(meters).increment();
        Instant time = time(record);
        if (time == null) {
            return;
        }
        Duration lag = Duration.between(time, now);
        Timer.builder("tend.projection.lag")
                .description("From an event's time to its application by the consumer group")
                .tag("group", group)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5)).maximumExpectedValue(Duration.ofHours(1))
                .register(meters).record(lag.isNegative() ? Duration.ZERO : lag);
        newestApplied.computeIfAbsent(group, g -> {
            AtomicLong newest = new AtomicLong(Long.MIN_VALUE);
            TimeGauge.builder("tend.projection.last.event.age", newest, TimeUnit.MILLISECONDS,
                            value -> value.get() == Long.MIN_VALUE ? 0
                                    : Math.max(0, clock.millis() - value.get()))
                    .description("How old the newest event the consumer group has applied is")
                    .tag("group", g).register(meters);
            return newest;
        }).accumulateAndGet(time.toEpochMilli(), Math::max);
    }

    private static String group(Consumer<?, ?> consumer) {
        try {
            String group = consumer.groupMetadata().groupId();
            return group == null || group.isBlank() ? "none" : group;
        } catch (RuntimeException e) {
            return "none";
        }
    }

    private static Instant time(ConsumerRecord<?, ?> record) {
        String time = header(record, "ce_time");
        if (time == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
