/**
 * Outboxes: integration events a service must publish at least once are first kept in its own database
 * ({@link org.tend.plumbing.outbox.EventOutbox}, keyed by the event's deterministic id, written idempotently with the
 * state they follow from) and sent from there by {@link org.tend.plumbing.outbox.OutboxPublisher} through the one
 * send loop, {@link org.tend.plumbing.outbox.OutboxRelay} (also the audit trail's): marked sent only once the broker
 * has acknowledged them, so neither a broker outage nor a crash loses one.
 */
package org.tend.plumbing.outbox;
