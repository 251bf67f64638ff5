package org.tend.progress.domain.review;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.tend.progress.domain.Journey;
import org.tend.progress.domain.ReassessmentSchedule;

/**
 * A practitioner's list of participants who need attention now: every journey with an open review flag or a scheduled
 * re-assessment that is due or overdue. Those with an overdue flag come first, then the other flagged ones, then those
 * with only re-assessments due; within each, longest-standing first, ties by participant id, so that the same facts
 * always give the same list.
 */
public record ReviewList(Instant evaluatedAt, List<Entry> participants) {

    /**
     * @param overdue whether a flag has stayed unresolved past the programme's review period
     * @param flags   the open flags
     * @param due     the scheduled re-assessments due or overdue
     */
    public record Entry(String participantId, String programmeId, boolean needsReview, boolean overdue,
                        List<ReviewFlag> flags, List<ReassessmentSchedule.Due> due) {

        int group() {
            return overdue ? 0 : needsReview ? 1 : 2;
        }

        Instant longestStanding(Instant now) {
            return flags.isEmpty()
                    ? due.stream().map(ReassessmentSchedule.Due::dueAt).min(Comparator.naturalOrder()).orElse(now)
                    : flags.stream().map(ReviewFlag::since).min(Comparator.naturalOrder()).orElse(now);
        }
    }

    /** @param journeys the journeys the practitioner may read, each built at {@code now} */
    public static ReviewList of(Collection<Journey> journeys, Instant now) {
        List<Entry> listed = journeys.stream()
                .map(journey -> new Entry(journey.participantId(), journey.programmeId(),
                        journey.review().needsReview(), journey.review().overdue(), journey.review().flags(),
                        journey.due().stream().filter(ReassessmentSchedule.Due::isWaiting).toList()))
                .filter(entry -> entry.needsReview() || !entry.due().isEmpty())
                .sorted(Comparator.comparingInt(Entry::group)
                        .thenComparing((Entry entry) -> entry.longestStanding(now))
                        .thenComparing(Entry::participantId))
                .toList();
        return new ReviewList(now, listed);
    }
}
