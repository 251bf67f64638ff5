package org.tend.plumbing.deadletters;

import java.time.Instant;

/**
 * A dead letter as an admin sees it: where it lies, where it came from, what it is and why it failed. Never the
 * record's data or key.
 *
 * @param partition partition of the dead letter on the dead-letter topic
 * @param offset offset of the dead letter on the dead-letter topic: what a redrive names
 * @param type the record's CloudEvents type ({@code ce_type}), if it had one
 * @param id the record's CloudEvents id ({@code ce_id}), if it had one
 * @param reason the failure's class, e.g. {@code MalformedEventException}
 * @param detail the failure's message (at most 500 characters)
 * @param time when it was dead-lettered
 * @param redrivenAt when it was re-driven and applied, if it was
 */
public record DeadLetter(String topic, int partition, long offset, String originalTopic, Integer originalPartition,
                         Long originalOffset, String type, String id, String reason, String detail, Instant time,
                         Instant redrivenAt) {
}
