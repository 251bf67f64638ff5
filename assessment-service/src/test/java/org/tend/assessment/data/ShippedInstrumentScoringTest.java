package org.tend.assessment.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tend.assessment.domain.instrument.AnswerViolation;
import org.tend.assessment.domain.instrument.InstrumentDefinition;
import org.tend.assessment.domain.instrument.InvalidAnswersException;
import org.tend.assessment.domain.instrument.ScoredResult;
import org.tend.assessment.domain.instrument.ScoringEngine;

/**
 * The shipped instruments scored as docs/clinical-basis.md §5 specifies: every band boundary, reversal, the WHO-5
 * multiplier, the PHQ-9 item 9 safety rule, the screeners and the rejections. The expected values below are copied
 * from the clinical basis, not from the data files.
 */
class ShippedInstrumentScoringTest {

    private static ScoredResult score(String instrument, int raw) {
        InstrumentDefinition definition = ShippedInstruments.get(instrument);
        ScoredResult result = ScoringEngine.score(definition, Answers.forRawScore(definition, raw));
        assertThat(result.rawScore()).as("fixture reaches the raw score").isEqualTo(raw);
        return result;
    }

    @ParameterizedTest(name = "{0} raw {1} → {2}")
    @CsvSource({
        // PHQ-9 §3.1: 0–4 none/minimal; 5–9 mild; 10–14 moderate; 15–19 moderately severe; 20–27 severe
        "phq-9,  0, minimal",
        "phq-9,  4, minimal",
        "phq-9,  5, mild",
        "phq-9,  9, mild",
        "phq-9, 10, moderate",
        "phq-9, 14, moderate",
        "phq-9, 15, moderately-severe",
        "phq-9, 19, moderately-severe",
        "phq-9, 20, severe",
        "phq-9, 27, severe",
        // PHQ-2 §3.2: ≥ 3 positive
        "phq-2,  0, negative",
        "phq-2,  2, negative",
        "phq-2,  3, positive",
        "phq-2,  6, positive",
        // GAD-7 §3.3: 0–4 minimal; 5–9 mild; 10–14 moderate; 15–21 severe
        "gad-7,  0, minimal",
        "gad-7,  4, minimal",
        "gad-7,  5, mild",
        "gad-7,  9, mild",
        "gad-7, 10, moderate",
        "gad-7, 14, moderate",
        "gad-7, 15, severe",
        "gad-7, 21, severe",
        // GAD-2 §3.4: ≥ 3 positive
        "gad-2,  0, negative",
        "gad-2,  2, negative",
        "gad-2,  3, positive",
        "gad-2,  6, positive",
        // WHO-5 §3.5, bands on the percentage (raw × 4): ≤ 28 likely depression, ≤ 50 poor wellbeing
        "who-5,  0, likely-depression",
        "who-5,  7, likely-depression",
        "who-5,  8, poor-wellbeing",
        "who-5, 12, poor-wellbeing",
        "who-5, 13, no-indication",
        "who-5, 25, no-indication",
        // PSS-10 §3.6 circulated bands: 0–13 low; 14–26 moderate; 27–40 high
        "pss-10,  0, low",
        "pss-10, 13, low",
        "pss-10, 14, moderate",
        "pss-10, 26, moderate",
        "pss-10, 27, high",
        "pss-10, 40, high",
        // K10 §3.7 ABS: 10–15 low; 16–21 moderate; 22–29 high; 30–50 very high
        "k10, 10, low",
        "k10, 15, low",
        "k10, 16, moderate",
        "k10, 21, moderate",
        "k10, 22, high",
        "k10, 29, high",
        "k10, 30, very-high",
        "k10, 50, very-high",
    })
    void everyBandBoundary(String instrument, int raw, String band) {
        assertThat(score(instrument, raw).bandCode()).isEqualTo(band);
    }

    @ParameterizedTest(name = "{0} declares range {1}–{2}")
    @CsvSource({"phq-9, 0, 27", "phq-2, 0, 6", "gad-7, 0, 21", "gad-2, 0, 6", "who-5, 0, 25", "pss-10, 0, 40",
        "k10, 10, 50"})
    void rawRanges(String instrument, int min, int max) {
        InstrumentDefinition definition = ShippedInstruments.get(instrument);

        assertThat(definition.rawRange().min()).isEqualTo(min);
        assertThat(definition.rawRange().max()).isEqualTo(max);
    }

    @Test
    void everyResultCarriesTheInstrumentAndVersionThatScoredIt() {
        ScoredResult result = score("gad-7", 11);

        assertThat(result.instrumentId()).isEqualTo("gad-7");
        assertThat(result.instrumentVersion()).isEqualTo("1.0.0");
        assertThat(result.bandLabel()).isEqualTo("Moderate");
    }

    @Nested
    class Who5Percentage {

        @ParameterizedTest(name = "raw {0} → {1} % → {2}")
        @CsvSource({"0, 0, likely-depression", "7, 28, likely-depression", "8, 32, poor-wellbeing",
            "12, 48, poor-wellbeing", "13, 52, no-indication", "25, 100, no-indication"})
        void rawTimesFourKeepingBoth(int raw, int percentage, String band) {
            ScoredResult result = score("who-5", raw);

            assertThat(result.rawScore()).isEqualTo(raw);
            assertThat(result.scaledScore()).isEqualTo(percentage);
            assertThat(result.bandedScore()).isEqualTo(percentage);
            assertThat(result.bandCode()).isEqualTo(band);
        }

        @ParameterizedTest(name = "{0} % is in band {1}")
        @CsvSource({"0, likely-depression", "28, likely-depression", "29, poor-wellbeing", "50, poor-wellbeing",
            "51, no-indication", "52, no-indication", "100, no-indication"})
        void bandEdgesOnThePercentage(int percentage, String band) {
            assertThat(ShippedInstruments.get("who-5").bandFor(percentage))
                    .hasValueSatisfying(b -> assertThat(b.code()).isEqualTo(band));
        }

        @Test
        void thePercentageRangeIs0To100() {
            InstrumentDefinition who5 = ShippedInstruments.get("who-5");

            assertThat(who5.scaledRange().min()).isZero();
            assertThat(who5.scaledRange().max()).isEqualTo(100);
            assertThat(who5.scoring().multiplier()).isEqualTo(4);
        }

        @Test
        void atOrBelow50PercentMakesPhq9Due() {
            assertThat(score("who-5", 12).makesDue()).isEqualTo("phq-9");
            assertThat(score("who-5", 13).positiveScreen()).isFalse();
        }

        @Test
        void theOtherInstrumentsHaveNoScaledScore() {
            assertThat(score("phq-9", 12).scaledScore()).isNull();
        }
    }

    @Nested
    class Pss10Reversal {

        @Test
        void allNeverScores16AsTheReferenceWorkedExample() {
            InstrumentDefinition pss = ShippedInstruments.get("pss-10");

            ScoredResult result = ScoringEngine.score(pss, Answers.allScored(pss, 0));

            assertThat(result.rawScore()).isEqualTo(16);
            assertThat(result.bandCode()).isEqualTo("moderate");
        }

        @Test
        void allVeryOftenScores24() {
            InstrumentDefinition pss = ShippedInstruments.get("pss-10");

            assertThat(ScoringEngine.score(pss, Answers.allScored(pss, 4)).rawScore()).isEqualTo(24);
        }

        @ParameterizedTest(name = "item {0} reversed: {1}")
        @CsvSource({"1, false", "2, false", "3, false", "4, true", "5, true", "6, false", "7, true", "8, true",
            "9, false", "10, false"})
        void items457And8AreReversedAs4MinusTheAnswer(int number, boolean reversed) {
            InstrumentDefinition pss = ShippedInstruments.get("pss-10");
            var item = pss.item("pss10-" + number).orElseThrow();

            assertThat(item.reversed()).isEqualTo(reversed);
            for (int answer = 0; answer <= 4; answer++) {
                assertThat(ScoringEngine.contribution(pss, item, answer)).isEqualTo(reversed ? 4 - answer : answer);
            }
        }
    }

    @Nested
    class K10 {

        @Test
        void allNoneOfTheTimeIs10AndAllOfTheTimeIs50() {
            InstrumentDefinition k10 = ShippedInstruments.get("k10");

            assertThat(ScoringEngine.score(k10, Answers.allScored(k10, 1)).rawScore()).isEqualTo(10);
            assertThat(ScoringEngine.score(k10, Answers.allScored(k10, 5)).rawScore()).isEqualTo(50);
        }

        @Test
        void zeroIsNotAnAnswerInTheAustralianScoring() {
            InstrumentDefinition k10 = ShippedInstruments.get("k10");

            InvalidAnswersException e = catchThrowableOfType(InvalidAnswersException.class,
                    () -> ScoringEngine.score(k10, Answers.allScored(k10, 0)));

            assertThat(e.answerViolations()).hasSize(10).allSatisfy(v -> assertThat(v.rule()).isEqualTo("not-an-option"));
        }
    }

    @Nested
    class Phq9Item9 {

        private final InstrumentDefinition phq9 = ShippedInstruments.get("phq-9");

        @Test
        void item9At1WithTotal1RaisesTheSafetyRule() {
            Map<String, Integer> answers = Answers.allScored(phq9, 0);
            answers.put("phq9-9", 1);

            ScoredResult result = ScoringEngine.score(phq9, answers);

            assertThat(result.rawScore()).isEqualTo(1);
            assertThat(result.bandCode()).isEqualTo("minimal");
            assertThat(result.raisesSafetyConcern()).isTrue();
            assertThat(result.triggeredRuleCodes()).containsExactly("phq-9.item-9");
        }

        @ParameterizedTest(name = "item 9 = {0} fires")
        @CsvSource({"1", "2", "3"})
        void anyAnswerFromSeveralDaysUpFires(int item9) {
            Map<String, Integer> answers = Answers.allScored(phq9, 0);
            answers.put("phq9-9", item9);

            assertThat(ScoringEngine.score(phq9, answers).triggeredRuleCodes()).containsExactly("phq-9.item-9");
        }

        @Test
        void item9At0DoesNotFireEvenAtTheHighestTotalItAllows() {
            // With item 9 at 0 the highest possible total is 24 (27 needs item 9 = 3).
            Map<String, Integer> answers = Answers.allScored(phq9, 3);
            answers.put("phq9-9", 0);

            ScoredResult result = ScoringEngine.score(phq9, answers);

            assertThat(result.rawScore()).isEqualTo(24);
            assertThat(result.bandCode()).isEqualTo("severe");
            assertThat(result.raisesSafetyConcern()).isFalse();
        }

        @Test
        void total27FiresBecauseItem9IsThen3() {
            ScoredResult result = ScoringEngine.score(phq9, Answers.allScored(phq9, 3));

            assertThat(result.rawScore()).isEqualTo(27);
            assertThat(result.raisesSafetyConcern()).isTrue();
        }

        @Test
        void noOtherShippedInstrumentHasACriticalItem() {
            assertThat(ShippedInstruments.LIBRARY.all())
                    .filteredOn(d -> !d.id().equals("phq-9"))
                    .allSatisfy(d -> assertThat(d.criticalItems()).isEmpty());
        }
    }

    @Nested
    class Screeners {

        @ParameterizedTest(name = "{0} raw {1}: positive {2}, makes due {3}")
        @CsvSource({"phq-2, 2, false, ", "phq-2, 3, true, phq-9", "gad-2, 2, false, ", "gad-2, 3, true, gad-7"})
        void positiveAt3MakesTheFullInstrumentDue(String screener, int raw, boolean positive, String due) {
            ScoredResult result = score(screener, raw);

            assertThat(result.positiveScreen()).isEqualTo(positive);
            assertThat(result.makesDue()).isEqualTo(due);
        }

        @Test
        void fullInstrumentsAreNeverPositiveScreens() {
            assertThat(score("phq-9", 27).positiveScreen()).isFalse();
            assertThat(score("gad-7", 21).makesDue()).isNull();
        }
    }

    @Nested
    class Rejections {

        private final InstrumentDefinition phq9 = ShippedInstruments.get("phq-9");

        @Test
        void aMissingItemIsRequired() {
            Map<String, Integer> answers = Answers.allScored(phq9, 1);
            answers.remove("phq9-9");

            InvalidAnswersException e = catchThrowableOfType(InvalidAnswersException.class,
                    () -> ScoringEngine.score(phq9, answers));

            assertThat(e.answerViolations()).extracting(AnswerViolation::itemId, AnswerViolation::rule)
                    .containsExactly(tuple("phq9-9", "required"));
        }

        @Test
        void value4IsNotAPhq9Option() {
            Map<String, Integer> answers = Answers.allScored(phq9, 0);
            answers.put("phq9-3", 4);

            InvalidAnswersException e = catchThrowableOfType(InvalidAnswersException.class,
                    () -> ScoringEngine.score(phq9, answers));

            assertThat(e.answerViolations()).extracting(AnswerViolation::itemId, AnswerViolation::rule)
                    .containsExactly(tuple("phq9-3", "not-an-option"));
        }

        @Test
        void anUnknownItemIsRejected() {
            Map<String, Integer> answers = Answers.allScored(phq9, 0);
            answers.put("phq9-11", 0);

            InvalidAnswersException e = catchThrowableOfType(InvalidAnswersException.class,
                    () -> ScoringEngine.score(phq9, answers));

            assertThat(e.answerViolations()).extracting(AnswerViolation::itemId, AnswerViolation::rule)
                    .containsExactly(tuple("phq9-11", "unknown-item"));
        }

        @Test
        void phq9AnswersAreNotPhq2Answers() {
            Map<String, Integer> answers = new HashMap<>(Map.of("phq9-1", 1, "phq9-2", 1));

            InvalidAnswersException e = catchThrowableOfType(InvalidAnswersException.class,
                    () -> ScoringEngine.score(ShippedInstruments.get("phq-2"), answers));

            assertThat(e.answerViolations()).extracting(AnswerViolation::itemId, AnswerViolation::rule).containsExactly(
                    tuple("phq2-1", "required"), tuple("phq2-2", "required"),
                    tuple("phq9-1", "unknown-item"), tuple("phq9-2", "unknown-item"));
        }

        @Test
        void item10IsOptionalInTendEvenWhenTheTotalIsAbove0() {
            Map<String, Integer> answers = Answers.allScored(phq9, 2);

            assertThat(ScoringEngine.score(phq9, answers).rawScore()).isEqualTo(18);
        }

        @Test
        void item10IsNotScoredWhenAnswered() {
            Map<String, Integer> answers = Answers.allScored(phq9, 2);
            answers.put("phq9-10", 3);

            assertThat(ScoringEngine.score(phq9, answers).rawScore()).isEqualTo(18);
        }
    }
}
