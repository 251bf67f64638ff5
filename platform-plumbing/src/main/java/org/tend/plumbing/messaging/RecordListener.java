package org.tend.plumbing.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A consumer's entry point for one record, as its {@code @KafkaListener} would receive it. A service that consumes
 * declares its listener as one (a batch listener calls itself with a one-element batch), so that the plumbing can hand
 * it a dead letter again after a fix ({@code POST .../dead-letters/redrive}). The listener must be idempotent, as every
 * Tend consumer is: a re-driven record may already have been applied.
 */
@FunctionalInterface
public interface RecordListener {

    void on(ConsumerRecord<String, byte[]> record);
}
