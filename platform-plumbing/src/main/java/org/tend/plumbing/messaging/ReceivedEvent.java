package org.tend.plumbing.messaging;

import java.time.Instant;

/**
 * An integration event as a consumer receives it: the CloudEvents attributes, where it was read, and its data
 * already checked against the published schema of its type and bound to the consumer's own record type.
 *
 * @param <T> the consumer's copy of the event: only the fields it reads
 */
public record ReceivedEvent<T>(String id, String type, String source, Instant time, String key, T data,
                               String topic, int partition, long offset) {

    /** Where the record was read, for logs and dead letters: {@code topic-partition@offset}. */
    public String position() {
        return topic + "-" + partition + "@" + offset;
    }
}
