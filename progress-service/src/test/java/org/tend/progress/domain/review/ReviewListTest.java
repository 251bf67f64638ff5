package org.tend.progress.domain.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tend.progress.domain.Journey;

/** A practitioner's review list: flagged journeys only, longest-standing first, the same list for the same facts. */
class ReviewListTest {

    static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

    static Journey journey(String participantId, Instant... flagsSince) {
        List<ReviewFlag> flags = java.util.Arrays.stream(flagsSince)
                .map(since -> new ReviewFlag("rule", "no-check-in", null, null, null, "reason", since)).toList();
        return new Journey(participantId, "prog", null, null, Journey.Consent.GIVEN, List.of(), null, null, List.of(), null,
                new Journey.Review(!flags.isEmpty(), flags), List.of(), new Journey.TimelinePage(50, 0, null));
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
