package org.tend.progress.domain;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A place in a journey's timeline: the time and event id of one entry, in the timeline's total order ({@link
 * Fact#TIME_ORDER}). Clients see it only as an opaque string ({@link #encode()}): the {@code next} of one page, sent
 * back as {@code before} for the page of older entries. A position, not a reference: it stays valid when entries are
 * added, and after a rebuild of the projection.
 */
public record TimelineCursor(Instant time, String eventId) implements Comparable<TimelineCursor> {

    /** Longer than any cursor this code makes; a longer {@code before} is refused unread. */
    public static final int MAX_ENCODED_LENGTH = 400;

    public TimelineCursor {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(eventId, "eventId");
    }

    static TimelineCursor of(Fact fact) {
        return new TimelineCursor(fact.event().time(), fact.eventId());
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((time + "|" + eventId).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor {@code encoded} names, or empty when it is not one this code made. */
    public static Optional<TimelineCursor> decode(String encoded) {
        if (encoded == null || encoded.isEmpty() || encoded.length() > MAX_ENCODED_LENGTH) {
            return Optional.empty();
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            if (bar < 0 || bar == text.length() - 1) {
                return Optional.empty();
            }
            return Optional.of(new TimelineCursor(Instant.parse(text.substring(0, bar)), text.substring(bar + 1)));
        } catch (IllegalArgumentException | DateTimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public int compareTo(TimelineCursor other) {
        int byTime = time.compareTo(other.time);
        return byTime != 0 ? byTime : eventId.compareTo(other.eventId);
    }
}
