package org.tend.assessment.domain.assessment;

import static org.tend.assessment.domain.Rejections.invalidAnswers;
import static org.tend.assessment.domain.Rejections.rejected;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tend.assessment.data.InstrumentLibrary;
import org.tend.kernel.Rejection.Kind;
import org.tend.assessment.domain.enrolment.EnrolmentDirectory;
import org.tend.assessment.domain.enrolment.EnrolmentRecord;
import org.tend.assessment.domain.instrument.InstrumentDefinition;
import org.tend.assessment.domain.safety.AcknowledgeSafetyConcern;
import org.tend.assessment.domain.safety.SafetyConcernAcknowledged;
import org.tend.assessment.domain.safety.SafetyConcernIds;
import org.tend.assessment.domain.safety.SafetyConcernRaised;

/** The assessment's rules, given–when–then, scored with the shipped instrument definitions. */
class AssessmentTest {

    static final InstrumentLibrary LIBRARY = InstrumentLibrary.loadFromClasspath("instruments/");
    static final InstrumentCatalogue INSTRUMENTS = new InstrumentCatalogue() {
        @Override
        public Optional<InstrumentDefinition> current(String instrumentId) {
            return LIBRARY.find(instrumentId);
        }

        @Override
        public Optional<InstrumentDefinition> version(String instrumentId, String version) {
            return LIBRARY.find(instrumentId, version);
        }
    };

    static final String ID = "5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    static final String PARTICIPANT = "p_dddddddddddddddddddddddddd";
    static final String STRANGER = "p_eeeeeeeeeeeeeeeeeeeeeeeeee";
    static final String PRACTITIONER = "p_ffffffffffffffffffffffffff";
    static final String PROGRAMME = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";
    static final Instant T0 = Instant.parse("2025-03-03T08:00:00Z");
    static final Duration WEEK = Duration.ofDays(7);
    static final Instant EXPIRY = T0.plus(WEEK);
    static final String ITEM_9 = "phq-9.item-9";

    AggregateTestFixture<Assessment> fixture;

    @BeforeEach
    void setUp() {
        EnrolmentDirectory enrolments = participantId -> PARTICIPANT.equals(participantId)
                ? Optional.of(new EnrolmentRecord(PARTICIPANT, PROGRAMME, null, T0.minus(WEEK)))
                : Optional.empty();
        fixture = new AggregateTestFixture<>(Assessment.class);
        fixture.registerInjectableResource(INSTRUMENTS);
        fixture.registerInjectableResource(enrolments);
    }

    /** The command answered with the assessment's state, keeping exactly these answers. */
    static Matcher<AssessmentState> keeping(Map<String, Integer> answers) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(AssessmentState state) {
                return state.answers().equals(answers) && state.assessmentId().equals(ID);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("the state of assessment " + ID + " keeping " + answers);
            }
        };
    }

    /** PHQ-9 items 1–9 answered in order with the given values. */
    static Map<String, Integer> phq9(int... values) {
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            answers.put("phq9-" + (i + 1), values[i]);
        }
        return answers;
    }

    static Map<String, Integer> answers(String prefix, int... values) {
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            answers.put(prefix + "-" + (i + 1), values[i]);
        }
        return answers;
    }

    static StartAssessment takeAndSubmit(String instrumentId, Map<String, Integer> answers) {
        return new StartAssessment(ID, PARTICIPANT, instrumentId, answers, true, T0, EXPIRY);
    }

    static AssessmentStarted started(String instrumentId) {
        return new AssessmentStarted(ID, PARTICIPANT, PROGRAMME, instrumentId, "1.0.0", T0, EXPIRY);
    }

    static AssessmentCompleted completed(String instrumentId, Map<String, Integer> answers, int raw, Integer scaled,
                                         int score, int min, int max, String band, String label, Instant at) {
        return new AssessmentCompleted(ID, PARTICIPANT, PROGRAMME, instrumentId, "1.0.0", answers, raw, scaled, score,
                min, max, band, label, at);
    }

    @Nested
    class TakenInOneCall {

        @Test
        void answersAreScoredAndTheAssessmentCompletedWithTheVersionThatScoredIt() {
            Map<String, Integer> answers = phq9(2, 2, 1, 1, 1, 1, 1, 1, 0);
            fixture.givenNoPriorActivity()
                    .when(takeAndSubmit("phq-9", answers))
                    .expectEvents(started("phq-9"),
                            completed("phq-9", answers, 10, null, 10, 0, 27, "moderate", "Moderate", T0));
        }

        @Test
        void item9AtOneRaisesASafetyConcernEvenWhenTheTotalIsMinimal() {
            Map<String, Integer> answers = phq9(0, 0, 0, 0, 0, 0, 0, 0, 1);
            fixture.givenNoPriorActivity()
                    .when(takeAndSubmit("phq-9", answers))
                    .expectEvents(started("phq-9"),
                            completed("phq-9", answers, 1, null, 1, 0, 27, "minimal", "None/minimal", T0),
                            new SafetyConcernRaised(SafetyConcernIds.of(ID, ITEM_9), PARTICIPANT, PROGRAMME, ID,
                                    "phq-9", ITEM_9, T0));
        }

        @Test
        void item9AtZeroRaisesNoConcernEvenWhenTheTotalIsSevere() {
            Map<String, Integer> answers = phq9(3, 3, 3, 3, 3, 3, 3, 3, 0);
            fixture.givenNoPriorActivity()
                    .when(takeAndSubmit("phq-9", answers))
                    .expectEvents(started("phq-9"),
                            completed("phq-9", answers, 24, null, 24, 0, 27, "severe", "Severe", T0));
        }

        @Test
        void theUnscoredDifficultyItemIsKeptWithTheAnswersButChangesNoScore() {
            Map<String, Integer> answers = phq9(1, 0, 0, 0, 0, 0, 0, 0, 0);
            answers.put("phq9-10", 2);
            fixture.givenNoPriorActivity()
                    .when(takeAndSubmit("phq-9", answers))
                    .expectEvents(started("phq-9"),
                            completed("phq-9", answers, 1, null, 1, 0, 27, "minimal", "None/minimal", T0));
        }

        @Test
        void aPositivePhq2MakesThePhq9Due() {
            Map<String, Integer> answers = answers("phq2", 2, 1);
            fixture.givenNoPriorActivity()
                    .when(takeAndSubmit("phq-2", answers))
                    .expectEvents(started("phq-2"),
                            completed("phq-2", answers, 3, null, 3, 0, 6, "positive",
                                    "Positive screen: give the full PHQ-9", T0),
                            new FollowUpAssessmentDue(PARTICIPANT, PROGRAMME, "phq-9", ID, "phq-2", "positive", T0));
        }

        @Test
        void aNegativePhq2MakesNothingDue() {
            Map<String, Integer> answers = answers("phq2", 1, 1);
            fixture.givenNoPriorActivity()
                    .when(takeAndSubmit("phq-2", answers))
                    .expectEvents(started("phq-2"),
                            completed("phq-2", answers, 2, null, 2, 0, 6, "negative", "Negative screen", T0));
        }

        @Test
        void aPositiveGad2MakesTheGad7Due() {
            Map<String, Integer> answers = answers("gad2", 3, 0);
            fixture.givenNoPriorActivity()
                    .when(takeAndSubmit("gad-2", answers))
                    .expectEvents(started("gad-2"),
                            completed("gad-2", answers, 3, null, 3, 0, 6, "positive",
                                    "Positive screen: give the full GAD-7", T0),
                            new FollowUpAssessmentDue(PARTICIPANT, PROGRAMME, "gad-7", ID, "gad-2", "positive", T0));
        }

        /** WHO-5 bands on the percentage (raw × 4): ≤ 50 % screens for depression, so the PHQ-9 falls due. */
        @ParameterizedTest(name = "WHO-5 answered {0} → {2} %, band {3}, PHQ-9 due: {5}")
        @CsvSource({
                "5 5 2 0 0, 12, 48, poor-wellbeing, 'Poor wellbeing: indication to screen for depression', true",
                "5 5 3 0 0, 13, 52, no-indication, 'No indication of poor wellbeing', false",
                "5 2 0 0 0, 7, 28, likely-depression, 'Likely depression', true",
                "0 0 0 0 0, 0, 0, likely-depression, 'Likely depression', true"})
        void who5AtOrBelow50PercentMakesThePhq9Due(String given, int raw, int percent, String band,
                                                               String label, boolean due) {
            int[] values = java.util.Arrays.stream(given.split(" ")).mapToInt(Integer::parseInt).toArray();
            Map<String, Integer> answers = answers("who5", values);
            AssessmentCompleted completed = completed("who-5", answers, raw, percent, percent, 0, 100, band, label, T0);
            if (due) {
                fixture.givenNoPriorActivity()
                        .when(takeAndSubmit("who-5", answers))
                        .expectEvents(started("who-5"), completed,
                                new FollowUpAssessmentDue(PARTICIPANT, PROGRAMME, "phq-9", ID, "who-5", band, T0));
            } else {
                fixture.givenNoPriorActivity()
                        .when(takeAndSubmit("who-5", answers))
                        .expectEvents(started("who-5"), completed);
            }
        }

        @Test
        void theWho5ResultReportsThePercentageOnIts0To100RangeAndKeepsTheRawScore() {
            Map<String, Integer> answers = answers("who5", 5, 5, 5, 5, 5);
            fixture.givenNoPriorActivity()
                    .when(takeAndSubmit("who-5", answers))
                    .expectEvents(started("who-5"), completed("who-5", answers, 25, 100, 100, 0, 100,
                            "no-indication", "No indication of poor wellbeing", T0));
        }

        @Test
        void missingAndImpossibleAnswersStoreNothing() {
            Map<String, Integer> answers = phq9(0, 0, 0, 0, 0, 0, 0, 4);
            answers.put("phq9-99", 1);
            fixture.givenNoPriorActivity()
                    .when(takeAndSubmit("phq-9", answers))
                    .expectNoEvents()
                    .expectException(invalidAnswers("phq9-8:not-an-option", "phq9-9:required",
                            "phq9-99:unknown-item"));
        }

        @Test
        void anUnknownInstrumentIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(takeAndSubmit("wemwbs", Map.of()))
                    .expectNoEvents()
                    .expectException(rejected(Kind.UNKNOWN_REFERENCE, "instrumentId", "unknown"));
        }

        @Test
        void onlyAnEnrolledParticipantTakesAnAssessment() {
            fixture.givenNoPriorActivity()
                    .when(new StartAssessment(ID, STRANGER, "phq-9", phq9(0, 0, 0, 0, 0, 0, 0, 0, 0), true, T0,
                            EXPIRY))
                    .expectNoEvents()
                    .expectException(rejected(Kind.CONFLICT, "participantId", "not-enrolled"));
        }
    }

    @Nested
    class TakenOverTime {

        @Test
        void anAssessmentIsStartedWithTheCurrentVersionPinned() {
            fixture.givenNoPriorActivity()
                    .when(new StartAssessment(ID, PARTICIPANT, "gad-7", Map.of(), false, T0, EXPIRY))
                    .expectEvents(started("gad-7"));
        }

        @Test
        void answersGivenAtTheStartAreKept() {
            fixture.givenNoPriorActivity()
                    .when(new StartAssessment(ID, PARTICIPANT, "gad-7", Map.of("gad7-1", 2), false, T0, EXPIRY))
                    .expectEvents(started("gad-7"),
                            new AnswersRecorded(ID, PARTICIPANT, Map.of("gad7-1", 2), List.of(), T0));
        }

        @Test
        void anImpossibleAnswerAtTheStartStoresNothing() {
            fixture.givenNoPriorActivity()
                    .when(new StartAssessment(ID, PARTICIPANT, "gad-7", Map.of("gad7-1", 9), false, T0, EXPIRY))
                    .expectNoEvents()
                    .expectException(invalidAnswers("gad7-1:not-an-option"));
        }

        @Test
        void answersAreMergedIntoThoseKeptAndAllKeptAnswersAreReturned() {
            Instant t1 = T0.plusSeconds(30);
            fixture.given(started("gad-7"), new AnswersRecorded(ID, PARTICIPANT, Map.of("gad7-1", 2), List.of(), T0))
                    .when(new RecordAnswers(ID, PARTICIPANT, Map.of("gad7-1", 3, "gad7-2", 0), t1))
                    .expectEvents(new AnswersRecorded(ID, PARTICIPANT, Map.of("gad7-1", 3, "gad7-2", 0), List.of(), t1))
                    .expectResultMessagePayloadMatching(keeping(Map.of("gad7-1", 3, "gad7-2", 0)));
        }

        @Test
        void aNullAnswerWithdrawsTheAnswer() {
            Map<String, Integer> withdraw = new HashMap<>();
            withdraw.put("gad7-1", null);
            fixture.given(started("gad-7"), new AnswersRecorded(ID, PARTICIPANT, Map.of("gad7-1", 2), List.of(), T0))
                    .when(new RecordAnswers(ID, PARTICIPANT, withdraw, T0.plusSeconds(5)))
                    .expectEvents(new AnswersRecorded(ID, PARTICIPANT, Map.of(), List.of("gad7-1"),
                            T0.plusSeconds(5)))
                    .expectResultMessagePayloadMatching(keeping(Map.of()));
        }

        @Test
        void repeatingTheSameAnswersRecordsNothing() {
            fixture.given(started("gad-7"), new AnswersRecorded(ID, PARTICIPANT, Map.of("gad7-1", 2), List.of(), T0))
                    .when(new RecordAnswers(ID, PARTICIPANT, Map.of("gad7-1", 2), T0.plusSeconds(5)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void eachAnswerIsCheckedAgainstItsItemAtOnce() {
            fixture.given(started("gad-7"))
                    .when(new RecordAnswers(ID, PARTICIPANT, Map.of("gad7-1", 4, "gad7-2", -1, "phq9-9", 1, "gad7-3",
                            1), T0.plusSeconds(5)))
                    .expectNoEvents()
                    .expectException(invalidAnswers("gad7-1:not-an-option", "gad7-2:not-an-option",
                            "phq9-9:unknown-item"));
        }

        @Test
        void someoneElsesAssessmentReadsAsNotFound() {
            fixture.given(started("gad-7"))
                    .when(new RecordAnswers(ID, STRANGER, Map.of("gad7-1", 1), T0.plusSeconds(5)))
                    .expectNoEvents()
                    .expectException(rejected(Kind.NOT_FOUND, "assessmentId", "unknown"));
        }

        @Test
        void submissionScoresTheAnswersKeptWithThePinnedVersion() {
            Instant t1 = T0.plusSeconds(600);
            Map<String, Integer> all = answers("gad7", 1, 1, 1, 1, 1, 0, 0);
            fixture.given(started("gad-7"), new AnswersRecorded(ID, PARTICIPANT, all, List.of(), T0))
                    .when(new SubmitAssessment(ID, PARTICIPANT, t1))
                    .expectEvents(completed("gad-7", all, 5, null, 5, 0, 21, "mild", "Mild", t1));
        }

        @Test
        void aSubmissionWithAnswersMissingIsRefusedAndChangesNothing() {
            fixture.given(started("gad-7"), new AnswersRecorded(ID, PARTICIPANT, Map.of("gad7-1", 1), List.of(), T0))
                    .when(new SubmitAssessment(ID, PARTICIPANT, T0.plusSeconds(600)))
                    .expectNoEvents()
                    .expectException(invalidAnswers("gad7-2:required", "gad7-3:required", "gad7-4:required",
                            "gad7-5:required", "gad7-6:required", "gad7-7:required"));
        }

        @Test
        void aCompletedAssessmentTakesNoMoreAnswersAndNoSecondSubmission() {
            Map<String, Integer> all = answers("gad2", 0, 0);
            fixture.given(started("gad-2"), completed("gad-2", all, 0, null, 0, 0, 6, "negative", "Negative", T0))
                    .when(new RecordAnswers(ID, PARTICIPANT, Map.of("gad2-1", 1), T0.plusSeconds(5)))
                    .expectException(rejected(Kind.CONFLICT, "assessmentId", "already-completed"));
            fixture.given(started("gad-2"), completed("gad-2", all, 0, null, 0, 0, 6, "negative", "Negative", T0))
                    .when(new SubmitAssessment(ID, PARTICIPANT, T0.plusSeconds(5)))
                    .expectNoEvents()
                    .expectException(rejected(Kind.CONFLICT, "assessmentId", "already-completed"));
        }

        @Test
        void afterItsExpiryTimeAnAssessmentTakesNoAnswersEvenBeforeTheSweepExpiresIt() {
            fixture.given(started("gad-7"))
                    .when(new RecordAnswers(ID, PARTICIPANT, Map.of("gad7-1", 1), EXPIRY))
                    .expectNoEvents()
                    .expectException(rejected(Kind.CONFLICT, "assessmentId", "expired"));
        }

        @Test
        void anExpiredAssessmentCannotBeSubmitted() {
            fixture.given(started("gad-2"), new AnswersRecorded(ID, PARTICIPANT, answers("gad2", 1, 1), List.of(), T0),
                            new AssessmentExpired(ID, PARTICIPANT, PROGRAMME, "gad-2", EXPIRY))
                    .when(new SubmitAssessment(ID, PARTICIPANT, T0.plusSeconds(5)))
                    .expectNoEvents()
                    .expectException(rejected(Kind.CONFLICT, "assessmentId", "expired"));
        }
    }

    @Nested
    class Expiry {

        @Test
        void anUnfinishedAssessmentExpiresOnceItsTimeHasCome() {
            fixture.given(started("gad-7"))
                    .when(new ExpireAssessment(ID, EXPIRY.plusSeconds(1)))
                    .expectEvents(new AssessmentExpired(ID, PARTICIPANT, PROGRAMME, "gad-7", EXPIRY.plusSeconds(1)));
        }

        @Test
        void anAssessmentNotYetDueDoesNotExpire() {
            fixture.given(started("gad-7"))
                    .when(new ExpireAssessment(ID, EXPIRY.minusSeconds(1)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aCompletedAssessmentNeverExpires() {
            fixture.given(started("gad-2"),
                            completed("gad-2", answers("gad2", 0, 0), 0, null, 0, 0, 6, "negative", "Negative", T0))
                    .when(new ExpireAssessment(ID, EXPIRY.plusSeconds(1)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void expiringTwiceRecordsOneExpiry() {
            fixture.given(started("gad-7"), new AssessmentExpired(ID, PARTICIPANT, PROGRAMME, "gad-7", EXPIRY))
                    .when(new ExpireAssessment(ID, EXPIRY.plusSeconds(60)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class SafetyConcerns {

        final String concernId = SafetyConcernIds.of(ID, ITEM_9);
        final Map<String, Integer> answers = phq9(0, 0, 0, 0, 0, 0, 0, 0, 1);
        final Instant t1 = T0.plusSeconds(900);

        @Test
        void aPractitionerAcknowledgesAConcern() {
            fixture.given(started("phq-9"),
                            completed("phq-9", answers, 1, null, 1, 0, 27, "minimal", "None/minimal", T0),
                            new SafetyConcernRaised(concernId, PARTICIPANT, PROGRAMME, ID, "phq-9", ITEM_9, T0))
                    .when(new AcknowledgeSafetyConcern(ID, concernId, PRACTITIONER, t1))
                    .expectEvents(new SafetyConcernAcknowledged(concernId, ID, PARTICIPANT, PROGRAMME, PRACTITIONER,
                            t1));
        }

        @Test
        void aConcernIsAcknowledgedOnce() {
            fixture.given(started("phq-9"),
                            completed("phq-9", answers, 1, null, 1, 0, 27, "minimal", "None/minimal", T0),
                            new SafetyConcernRaised(concernId, PARTICIPANT, PROGRAMME, ID, "phq-9", ITEM_9, T0),
                            new SafetyConcernAcknowledged(concernId, ID, PARTICIPANT, PROGRAMME, PRACTITIONER, t1))
                    .when(new AcknowledgeSafetyConcern(ID, concernId, "p_gggggggggggggggggggggggggg", t1.plusSeconds(5)))
                    .expectNoEvents()
                    .expectException(rejected(Kind.CONFLICT, "concernId", "already-acknowledged"));
        }

        @Test
        void aConcernTheAssessmentNeverRaisedIsNotFound() {
            fixture.given(started("phq-9"),
                            completed("phq-9", phq9(0, 0, 0, 0, 0, 0, 0, 0, 0), 0, null, 0, 0, 27, "minimal",
                                    "None/minimal", T0))
                    .when(new AcknowledgeSafetyConcern(ID, concernId, PRACTITIONER, t1))
                    .expectNoEvents()
                    .expectException(rejected(Kind.NOT_FOUND, "concernId", "unknown"));
        }
    }
}
