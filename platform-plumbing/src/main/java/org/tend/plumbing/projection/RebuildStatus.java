package org.tend.plumbing.projection;

import java.time.Instant;
import java.util.Map;

/**
 * What an admin sees of a rebuild. {@code targetOffsets} are the end offsets captured at the start (what "caught up"
 * means), {@code positions} the offsets applied so far; {@code eventsPerSecond} counts applied events over the time
 * the rebuild has run.
 */
public record RebuildStatus(String rebuildId, int generation, State state, Instant startedAt, Instant finishedAt,
                            long recordsToRead, long recordsRead, long eventsApplied, long eventsSkipped,
                            long documentsWritten, long targetOffsetsTotal, long positionsTotal,
                            Map<String, Long> targetOffsets, Map<String, Long> positions, double eventsPerSecond,
                            String failure) {

    public enum State { RUNNING, CAUGHT_UP, FAILED }
}
