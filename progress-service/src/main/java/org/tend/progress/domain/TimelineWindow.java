package org.tend.progress.domain;

/**
 * Which page of a journey's timeline to show: at most {@code limit} entries, newest first, all older than
 * {@code before} (null: from the newest).
 */
public record TimelineWindow(int limit, TimelineCursor before) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    /** The newest entries, as a journey is shown when no page is asked for. */
    public static final TimelineWindow NEWEST = new TimelineWindow(DEFAULT_LIMIT, null);

    public TimelineWindow {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("a timeline page holds 1 to " + MAX_LIMIT + " entries, not " + limit);
        }
    }
}
