package org.tend.catalogue.domain.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.tend.catalogue.domain.recommendation.Expect.payload;

import java.time.Instant;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tend.catalogue.data.CatalogueLoader;
import org.tend.catalogue.data.LoadedCatalogue;
import org.tend.catalogue.domain.Format;

/** A participant's recommendations over the shipped catalogue and stepped-care rules. */
class ParticipantRecommendationsTest {

    private static final LoadedCatalogue SHIPPED = new CatalogueLoader().loadDefault();
    private static final String ALICE = "p_aaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String PROGRAMME = "6f1c1a9e-2b7d-4c1e-9a4f-0d1e2f3a4b5c";
    private static final Instant MONDAY = Instant.parse("2025-03-03T09:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2025-03-04T09:00:00Z");
    private static final Instant LATER = Instant.parse("2025-03-05T09:00:00Z");

    private FixtureConfiguration<ParticipantRecommendations> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ParticipantRecommendations.class);
        fixture.registerInjectableResource(new CatalogueRecommender(SHIPPED.catalogue(), SHIPPED.steppedCare()));
    }

    private static RecordAssessmentOutcome outcome(String assessmentId, String instrument, int total, String band,
            Instant completedAt) {
        return new RecordAssessmentOutcome(ALICE, assessmentId, PROGRAMME, instrument, "1.0.0", total, band,
                completedAt, LATER);
    }

    private static AssessmentOutcomeRecorded recorded(RecordAssessmentOutcome c) {
        return new AssessmentOutcomeRecorded(c.participantId(), c.assessmentId(), c.programmeId(), c.instrumentId(),
                c.instrumentVersion(), c.totalScore(), c.band(), c.completedAt(), c.receivedAt());
    }

    private static final RecordAssessmentOutcome PHQ9_17 = outcome("a1", "phq-9", 17, "moderately-severe", MONDAY);
    private static final RecordAssessmentOutcome PHQ9_6 = outcome("a2", "phq-9", 6, "mild", TUESDAY);

    @SafeVarargs
    private static Matcher<java.util.List<org.axonframework.messaging.Message<?>>> events(Matcher<Object>... each) {
        Matcher<Object>[] withEnd = java.util.Arrays.copyOf(each, each.length + 1);
        withEnd[each.length] = andNoMore();
        return payloadsMatching(exactSequenceOf(withEnd));
    }

    @Test
    void aModeratelySeverePhq9IssuesStep3WithCbtNearTheTopEachWithItsReason() {
        fixture.givenNoPriorActivity()
                .when(PHQ9_17)
                .expectEventsMatching(events(
                        payload(AssessmentOutcomeRecorded.class, e -> assertThat(e).isEqualTo(recorded(PHQ9_17))),
                        payload(RecommendationsIssued.class, issued -> {
                            assertThat(issued.participantId()).isEqualTo(ALICE);
                            assertThat(issued.basedOnAssessmentId()).isEqualTo("a1");
                            assertThat(issued.instrumentId()).isEqualTo("phq-9");
                            assertThat(issued.band()).isEqualTo("moderately-severe");
                            assertThat(issued.level()).isEqualTo("step-3");
                            assertThat(issued.basisRuleId()).isEqualTo("phq9-more-severe");
                            assertThat(issued.levelReason()).startsWith("PHQ-9 total 17 (moderately severe) is at or"
                                    + " above 16").endsWith("[rule phq9-more-severe]");
                            assertThat(issued.pathway()).isNull();
                            assertThat(issued.recommendations()).extracting(RankedIntervention::interventionId)
                                    .startsWith("behavioural-activation", "cbt");
                            RankedIntervention cbt = issued.recommendations().get(1);
                            assertThat(cbt.rank()).isEqualTo(2);
                            assertThat(cbt.reasonCode()).isEqualTo("stepped-care-step-3-nice-recommended");
                            assertThat(cbt.reason()).contains("Cognitive behavioural therapy (CBT) is"
                                    + " NICE-recommended at this step");
                            assertThat(issued.issuedAt()).isEqualTo(LATER);
                            assertThat(issued.catalogueVersion()).isEqualTo("1.0.0");
                        })));
    }

    @Test
    void aRedeliveredAssessmentChangesNothing() {
        fixture.givenCommands(PHQ9_17)
                .when(PHQ9_17)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aNewerAssessmentOfTheSameInstrumentReplacesTheOlder() {
        fixture.givenCommands(PHQ9_17)
                .when(PHQ9_6)
                .expectEventsMatching(events(
                        payload(AssessmentOutcomeRecorded.class, e -> assertThat(e.assessmentId()).isEqualTo("a2")),
                        payload(RecommendationsIssued.class, issued -> {
                            assertThat(issued.level()).isEqualTo("step-1-2");
                            assertThat(issued.basedOnAssessmentId()).isEqualTo("a2");
                            assertThat(issued.considered()).hasSize(1);
                        })));
    }

    @Test
    void anOlderAssessmentArrivingLateIsRecordedButDoesNotOverrideTheNewer() {
        fixture.givenCommands(PHQ9_6)
                .when(PHQ9_17) // completed on Monday, arrived after Tuesday's
                .expectEventsMatching(events(
                        payload(AssessmentOutcomeRecorded.class, e -> assertThat(e.assessmentId()).isEqualTo("a1"))));
    }

    @Test
    void theLateOlderAssessmentIsRememberedToo() {
        fixture.givenCommands(PHQ9_6, PHQ9_17)
                .when(PHQ9_17)
                .expectNoEvents();
    }

    @Test
    void anInstrumentWithoutRulesIsRecordedAndNothingIsIssued() {
        fixture.givenNoPriorActivity()
                .when(outcome("s1", "pss-10", 25, "high-stress", MONDAY))
                .expectEventsMatching(events(
                        payload(AssessmentOutcomeRecorded.class, e -> assertThat(e.instrumentId())
                                .isEqualTo("pss-10"))));
    }

    @Test
    void anUnroutableOutcomeNextToARoutableOneDoesNotRepeatTheSameAdvice() {
        fixture.givenCommands(PHQ9_17)
                .when(outcome("s1", "pss-10", 25, "high-stress", TUESDAY))
                .expectEventsMatching(events(payload(AssessmentOutcomeRecorded.class, e -> { })));
    }

    @Test
    void theMostSevereInstrumentDecidesAndSevereDepressionIsReferredFirst() {
        fixture.givenCommands(outcome("w1", "who-5", 20, "likely-depression", MONDAY))
                .when(outcome("a9", "phq-9", 27, "severe", TUESDAY))
                .expectEventsMatching(events(
                        payload(AssessmentOutcomeRecorded.class, e -> { }),
                        payload(RecommendationsIssued.class, issued -> {
                            assertThat(issued.level()).isEqualTo("step-4");
                            assertThat(issued.basedOnAssessmentId()).isEqualTo("a9");
                            assertThat(issued.pathway()).isNotNull();
                            assertThat(issued.pathway().pathway()).isEqualTo("specialist-referral");
                            assertThat(issued.pathway().reasonCode()).isEqualTo("refer-specialist");
                            assertThat(issued.considered()).extracting(ConsideredOutcome::instrumentId)
                                    .containsExactly("phq-9", "who-5");
                            assertThat(issued.considered()).extracting(ConsideredOutcome::level)
                                    .containsExactly("step-4", "step-2");
                        })));
    }

    @Test
    void aTotalOutsideTheInstrumentsRangeIsRefused() {
        fixture.givenNoPriorActivity()
                .when(outcome("x1", "phq-9", 28, "severe", MONDAY))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void preferencesBeforeAnyAssessmentAreKeptWithoutRecommendations() {
        fixture.givenNoPriorActivity()
                .when(new ChangePreferences(ALICE, Set.of(Format.GROUP), MONDAY))
                .expectEvents(new PreferencesChanged(ALICE, java.util.List.of("group"), MONDAY));
    }

    @Test
    void changedPreferencesReRankTheRecommendations() {
        fixture.givenCommands(PHQ9_6)
                .when(new ChangePreferences(ALICE, Set.of(Format.DIGITAL, Format.GROUP), LATER))
                .expectEventsMatching(events(
                        payload(PreferencesChanged.class, e -> assertThat(e.formats())
                                .containsExactly("group", "digital")),
                        payload(RecommendationsIssued.class, issued -> {
                            assertThat(issued.preferredFormats()).containsExactly("group", "digital");
                            assertThat(issued.basedOnAssessmentId()).isEqualTo("a2");
                            assertThat(issued.recommendations()).filteredOn(r -> r.reason()
                                    .contains("offered in your preferred format")).isNotEmpty();
                        })));
    }

    @Test
    void theSamePreferencesAgainChangeNothing() {
        fixture.givenCommands(PHQ9_6, new ChangePreferences(ALICE, Set.of(Format.GROUP), MONDAY))
                .when(new ChangePreferences(ALICE, Set.of(Format.GROUP), LATER))
                .expectNoEvents();
    }

    @Test
    void anAssessmentAfterPreferencesIsRankedWithThem() {
        fixture.givenCommands(new ChangePreferences(ALICE, Set.of(Format.SELF_GUIDED), MONDAY))
                .when(PHQ9_6)
                .expectEventsMatching(events(
                        payload(AssessmentOutcomeRecorded.class, e -> { }),
                        payload(RecommendationsIssued.class, issued -> {
                            assertThat(issued.preferredFormats()).containsExactly("self-guided");
                            assertThat(issued.recommendations()).filteredOn(r -> r.reason()
                                    .contains("offered in your preferred format (self-guided)")).isNotEmpty();
                        })));
    }

    /** Withdrawn consent stops recommendations: a practitioner's release lifts the hold but issues nothing. */
    @Test
    void aReleaseWhileConsentIsWithdrawnLiftsTheHoldAndIssuesNothing() {
        fixture.given(recorded(PHQ9_17), new RecommendationsHeld(ALICE, TUESDAY))
                .when(new ReleaseRecommendations(ALICE, LATER, false))
                .expectEvents(new RecommendationsReleased(ALICE, LATER));
        fixture.given(recorded(PHQ9_17), new RecommendationsHeld(ALICE, TUESDAY))
                .when(new ReleaseRecommendations(ALICE, LATER, true))
                .expectEventsMatching(events(
                        payload(RecommendationsReleased.class, e -> assertThat(e.releasedAt()).isEqualTo(LATER)),
                        payload(RecommendationsIssued.class, e -> assertThat(e.level()).isEqualTo("step-3"))));
    }

    /** The events the fixture's command applied, captured for comparison. */
    private static final class Captured extends org.hamcrest.BaseMatcher<java.util.List<org.axonframework.messaging.Message<?>>> {
        final java.util.List<Object> payloads = new java.util.ArrayList<>();

        @Override
        public boolean matches(Object actual) {
            ((java.util.List<?>) actual).forEach(m -> payloads.add(((org.axonframework.messaging.Message<?>) m).getPayload()));
            return true;
        }

        @Override
        public void describeTo(org.hamcrest.Description description) {
            description.appendText("any events");
        }
    }

    private java.util.List<Object> oneByOne(java.util.List<Object> given, RecordAssessmentOutcome command) {
        FixtureConfiguration<ParticipantRecommendations> single = new AggregateTestFixture<>(
                ParticipantRecommendations.class);
        single.registerInjectableResource(new CatalogueRecommender(SHIPPED.catalogue(), SHIPPED.steppedCare()));
        Captured captured = new Captured();
        (given.isEmpty() ? single.givenNoPriorActivity() : single.given(given)).when(command)
                .expectEventsMatching(captured);
        return captured.payloads;
    }

    @Test
    void severalOutcomesInOneCommandApplyTheEventsTheyWouldOneByOneAndSkipOnesRecordedBefore() {
        RecordAssessmentOutcome gad = outcome("a3", "gad-7", 16, "severe", MONDAY);
        RecordAssessmentOutcome who = outcome("a4", "who-5", 80, "wellbeing-not-low", TUESDAY);
        java.util.List<Object> expected = new java.util.ArrayList<>();
        for (RecordAssessmentOutcome command : java.util.List.of(PHQ9_17, gad, who)) {
            expected.addAll(oneByOne(java.util.List.copyOf(expected), command));
        }
        assertThat(expected).filteredOn(RecommendationsIssued.class::isInstance).isNotEmpty();

        Captured together = new Captured();
        fixture.givenNoPriorActivity()
                .when(new RecordAssessmentOutcomes(ALICE, java.util.List.of(PHQ9_17, gad, who)))
                .expectEventsMatching(together);
        assertThat(together.payloads).containsExactlyElementsOf(expected);

        // Delivered again, with one new outcome among them: only the new one is recorded.
        java.util.List<Object> afterSecond = oneByOne(expected, PHQ9_6);
        Captured again = new Captured();
        fixture.given(expected)
                .when(new RecordAssessmentOutcomes(ALICE, java.util.List.of(gad, PHQ9_6, who)))
                .expectEventsMatching(again);
        assertThat(again.payloads).containsExactlyElementsOf(afterSecond);
    }

    @Test
    void aGroupOfOutcomesIsAboutOneParticipant() {
        RecordAssessmentOutcome bobs = new RecordAssessmentOutcome("p_bbbbbbbbbbbbbbbbbbbbbbbbbb", "b1", PROGRAMME,
                "phq-9", "1.0.0", 6, "mild", MONDAY, LATER);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new RecordAssessmentOutcomes(ALICE, java.util.List.of(PHQ9_17, bobs)))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RecordAssessmentOutcomes(ALICE, java.util.List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
