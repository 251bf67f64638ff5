package org.tend.plumbing.projection;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/** How far a rebuild has got; written by the rebuild's thread, read by anyone. */
public final class RebuildProgress {

    private final Map<String, Long> targets = new ConcurrentHashMap<>();
    private final Map<String, Long> beginnings = new ConcurrentHashMap<>();
    private final Map<String, Long> positions = new ConcurrentHashMap<>();
    private final AtomicLong recordsRead = new AtomicLong();
    private final AtomicLong eventsApplied = new AtomicLong();
    private final AtomicLong eventsSkipped = new AtomicLong();
    private final AtomicLong documentsWritten = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong pollNanos = new AtomicLong();
    private final AtomicLong translateNanos = new AtomicLong();
    private final AtomicLong writeNanos = new AtomicLong();

    static String key(TopicPartition partition) {
        return partition.topic() + "-" + partition.partition();
    }

    public void target(TopicPartition partition, long beginning, long end) {
        beginnings.put(key(partition), beginning);
        targets.put(key(partition), end);
        positions.put(key(partition), beginning);
    }

    public void applied(TopicPartition partition, long nextOffset) {
        positions.merge(key(partition), nextOffset, Math::max);
    }

    public void read(long records) {
        recordsRead.addAndGet(records);
    }

    public void skipped() {
        eventsSkipped.incrementAndGet();
    }

    public void timed(long poll, long translate, long write) {
        pollNanos.addAndGet(poll);
        translateNanos.addAndGet(translate);
        writeNanos.addAndGet(write);
    }

    /** Seconds spent waiting for records, parsing them, and writing them (where a rebuild's time goes). */
    public String timings() {
        return String.format(java.util.Locale.ROOT, "poll %.1f s, parse+fold %.1f s, write %.1f s",
                pollNanos.get() / 1e9, translateNanos.get() / 1e9, writeNanos.get() / 1e9);
    }

    public void wrote(int events, int documents) {
        eventsApplied.addAndGet(events);
        documentsWritten.addAndGet(documents);
        writes.incrementAndGet();
    }

    /** End offset per partition ({@code topic-partition}) captured when the rebuild started. */
    public Map<String, Long> targetOffsets() {
        return new TreeMap<>(targets);
    }

    /** Next offset to apply per partition; every record below it is in the new generation. */
    public Map<String, Long> positions() {
        return new TreeMap<>(positions);
    }

    public long targetOffsetsTotal() {
        return targets.values().stream().mapToLong(Long::longValue).sum();
    }

    public long positionsTotal() {
        return positions.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records between the beginning and the target of every partition. */
    public long recordsToRead() {
        return targets.entrySet().stream()
                .mapToLong(e -> e.getValue() - beginnings.getOrDefault(e.getKey(), 0L)).sum();
    }

    public long recordsRead() {
        return recordsRead.get();
    }

    public long eventsApplied() {
        return eventsApplied.get();
    }

    public long eventsSkipped() {
        return eventsSkipped.get();
    }

    public long documentsWritten() {
        return documentsWritten.get();
    }

    public long writes() {
        return writes.get();
    }
}
