package org.tend.progress.domain.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tend.progress.domain.Journey;
import org.tend.progress.domain.ReassessmentSchedule;

/** A practitioner's review list: flagged journeys and those with re-assessments due, in order, the same list for the same facts. */
class ReviewListTest {

    static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

    static Journey journey(String participantId, Instant... flagsSince) {
        List<ReviewFlag> flags = java.util.Arrays.stream(flagsSince)
                .map(since -> new ReviewFlag("rule", "no-check-in", null, null, null, "reason", since)).toList();
        return journey(participantId, flags, List.of());
    }

    static Journey journey(String participantId, List<ReviewFlag> flags, List<ReassessmentSchedule.Due> due) {
        return new Journey(participantId, "prog", null, null, Journey.Consent.GIVEN, List.of(), null, null, null,
                List.of(), null, new Journey.Review(!flags.isEmpty(), flags, "P14D",
                flags.stream().anyMatch(ReviewFlag::overdue), List.of()), due, List.of(),
                new Journey.TimelinePage(50, 0, null));
    }

    static ReassessmentSchedule.Due due(String status, Instant dueAt) {
        return new ReassessmentSchedule.Due("phq-9", "P14D", "plan-active", null, dueAt.minusSeconds(14 * 86_400),
                dueAt, dueAt.plusSeconds(7 * 86_400), status);
    }

    @Test
    void overdueFlagsComeFirstThenFlagsThenReassessmentsDueAndNothingUpcoming() {
        ReviewFlag old = new ReviewFlag("rule", "no-check-in", null, null, null, "reason", NOW.minusSeconds(9_000));
        ReviewFlag overdue = new ReviewFlag("rule", "no-check-in", null, null, null, "reason", NOW.minusSeconds(100))
                .open(NOW.minusSeconds(20 * 86_400), java.time.Period.ofDays(14), NOW);
        ReviewList list = ReviewList.of(List.of(
                journey("p_due", List.of(), List.of(due(ReassessmentSchedule.DUE, NOW.minusSeconds(99_000)))),
                journey("p_upcoming", List.of(), List.of(due(ReassessmentSchedule.UPCOMING, NOW.plusSeconds(60)))),
                journey("p_flagged", List.of(old), List.of()),
                journey("p_overdue", List.of(overdue), List.of())), NOW);

        assertThat(list.participants()).extracting(ReviewList.Entry::participantId)
                .containsExactly("p_overdue", "p_flagged", "p_due");
        assertThat(list.participants().get(0).overdue()).isTrue();
        assertThat(list.participants().get(2).needsReview()).isFalse();
        assertThat(list.participants().get(2).due()).extracting(ReassessmentSchedule.Due::status)
                .containsExactly("due");
    }

    @Test
    void listsOnlyFlaggedJourneysLongestStandingFirstTiesByParticipant() {
        ReviewList list = ReviewList.of(List.of(
                journey("p_c", NOW.minusSeconds(100)),
                journey("p_a"),
                journey("p_d", NOW.minusSeconds(50), NOW.minusSeconds(900)),
                journey("p_b", NOW.minusSeconds(100))), NOW);

        assertThat(list.evaluatedAt()).isEqualTo(NOW);
        assertThat(list.participants()).extracting(ReviewList.Entry::participantId)
                .containsExactly("p_d", "p_b", "p_c");
        assertThat(list.participants().get(0).flags()).hasSize(2);
        assertThat(list.participants().get(0).programmeId()).isEqualTo("prog");
    }

    @Test
    void nothingFlaggedGivesAnEmptyList() {
        assertThat(ReviewList.of(List.of(journey("p_a")), NOW).participants()).isEmpty();
    }
}
