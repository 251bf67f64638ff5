package org.tend.plumbing.outbox;

import java.time.Instant;
import java.util.Objects;
import org.tend.plumbing.messaging.IntegrationEvent;

/**
 * One record waiting in an outbox: its CloudEvents id ({@code ce_id}, the entry's key in the outbox), the topic it
 * goes to, its time ({@code ce_time}) and the integration event (type, Kafka key, data).
 */
public record OutboxEntry(String id, String topic, Instant time, IntegrationEvent event) {

    public OutboxEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(event, "event");
    }
}
