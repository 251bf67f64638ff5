package org.tend.progress.domain.review;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.tend.progress.domain.Journey;

/**
 * A practitioner's list of participants whose plans need review now: every flagged journey with its flags,
 * longest-standing first, ties by participant id so that the same facts always give the same list.
 */
public record ReviewList(Instant evaluatedAt, List<Entry> participants) {

    public record Entry(String participantId, String programmeId, List<ReviewFlag> flags) {
    }

    /** @param journeys the journeys the practitioner may read, each built at {@code now} */
    public static ReviewList of(Collection<Journey> journeys, Instant now) {
        List<Entry> flagged = journeys.stream()
                .filter(journey -> journey.review().needsReview())
                .map(journey -> new Entry(journey.participantId(), journey.programmeId(), journey.review().flags()))
                .sorted(Comparator.comparing((Entry entry) -> entry.flags().stream()
                                .map(ReviewFlag::since).min(Comparator.naturalOrder()).orElse(now))
                        .thenComparing(Entry::participantId))
                .toList();
        return new ReviewList(now, flagged);
    }
}
