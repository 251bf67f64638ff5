package org.tend.insights.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tend.insights.domain.InsightEvent;
import org.tend.insights.domain.ParticipantFacts;

/** A participant's withdrawals and renewals of consent reach their facts, and decide membership by instant. */
class FactStoreConsentTest {

    static final String P = "p_aaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String PROGRAMME = "3f2c8a9e-5b1d-4c7a-9e3f-1a2b3c4d5e6f";
    static final Instant T0 = Instant.parse("2026-01-02T09:00:00Z");

    @Test
    void theConsentStandingAtAnInstantIsTheLatestChangeBeforeIt() {
        ParticipantFacts facts = FactStore.participantIn(PROGRAMME, List.of(
                new InsightEvent.ConsentRenewed(P, PROGRAMME, T0.plusSeconds(300)),
                new InsightEvent.ParticipantEnrolled(P, PROGRAMME, new InsightEvent.Cohort("finance"), T0),
                new InsightEvent.ConsentWithdrawn(P, PROGRAMME, T0.plusSeconds(100)))).orElseThrow();

        assertThat(facts.consentChanges()).hasSize(2);
        assertThat(facts.withdrawnAt(T0.plusSeconds(100))).as("at the very instant, not yet").isFalse();
        assertThat(facts.withdrawnAt(T0.plusSeconds(101))).isTrue();
        assertThat(facts.withdrawnAt(T0.plusSeconds(301))).isFalse();
        assertThat(facts.withdrawnAt(T0)).isFalse();
    }
}
