package org.tend.assessment.domain.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scoring rules on small in-memory definitions; the shipped instruments are specified in the loader's tests. */
class ScoringEngineTest {

    private final InstrumentDefinition demo = DefinitionBuilder.valid().build();

    private static Map<String, Integer> answers(Object... itemAndValue) {
        Map<String, Integer> answers = new HashMap<>();
        for (int i = 0; i < itemAndValue.length; i += 2) {
            answers.put((String) itemAndValue[i], (Integer) itemAndValue[i + 1]);
        }
        return answers;
    }

    @Test
    void sumsTheScoredItemsAndIgnoresTheUnscoredOne() {
        ScoredResult result = ScoringEngine.score(demo, answers("d-1", 1, "d-2", 2, "d-3", 1, "d-4", 1));

        assertThat(result.rawScore()).isEqualTo(4);
        assertThat(result.scaledScore()).isNull();
        assertThat(result.bandCode()).isEqualTo("middle");
        assertThat(result.bandLabel()).isEqualTo("Middle");
        assertThat(result.instrumentId()).isEqualTo("demo-3");
        assertThat(result.instrumentVersion()).isEqualTo("1.0.0");
    }

    @Test
    void anUnscoredItemIsOptionalByDefault() {
        ScoredResult result = ScoringEngine.score(demo, answers("d-1", 3, "d-2", 3, "d-3", 3));

        assertThat(result.rawScore()).isEqualTo(9);
    }

    @Nested
    class Rejections {

        @Test
        void aMissingScoredItemIsRequiredAndNeverImputed() {
            InvalidAnswersException e = catchThrowableOfType(InvalidAnswersException.class,
                    () -> ScoringEngine.score(demo, answers("d-1", 1, "d-3", 1)));

            assertThat(e.answerViolations()).extracting(AnswerViolation::itemId, AnswerViolation::rule)
                    .containsExactly(tuple("d-2", "required"));
            assertThat(e.instrumentId()).isEqualTo("demo-3");
            assertThat(e.getMessage()).contains("d-2 required");
        }

        @Test
        void aNullAnswerCountsAsMissing() {
            InvalidAnswersException e = catchThrowableOfType(InvalidAnswersException.class,
                    () -> ScoringEngine.score(demo, answers("d-1", 1, "d-2", null, "d-3", 1)));

            assertThat(e.answerViolations()).extracting(AnswerViolation::rule).containsExactly("required");
        }

        @ParameterizedTest(name = "value {0} is not an option")
        @CsvSource({"4", "-1", "99"})
        void aValueOutsideTheOptionsIsRejected(int value) {
            InvalidAnswersException e = catchThrowableOfType(InvalidAnswersException.class,
                    () -> ScoringEngine.score(demo, answers("d-1", value, "d-2", 0, "d-3", 0)));

            assertThat(e.answerViolations()).singleElement().satisfies(v -> {
                assertThat(v.itemId()).isEqualTo("d-1");
                assertThat(v.rule()).isEqualTo(AnswerViolation.NOT_AN_OPTION);
                assertThat(v.message()).contains(String.valueOf(value)).contains("[0, 1, 2, 3]");
            });
        }

        @Test
        void anUnscoredItemMustStillBeOneOfItsOptions() {
            InvalidAnswersException e = catchThrowableOfType(InvalidAnswersException.class,
                    () -> ScoringEngine.score(demo, answers("d-1", 0, "d-2", 0, "d-3", 0, "d-4", 2)));

            assertThat(e.answerViolations()).extracting(AnswerViolation::itemId, AnswerViolation::rule)
                    .containsExactly(tuple("d-4", "not-an-option"));
        }

        @Test
        void anUnknownItemIsRejected() {
            InvalidAnswersException e = catchThrowableOfType(InvalidAnswersException.class,
                    () -> ScoringEngine.score(demo, answers("d-1", 0, "d-2", 0, "d-3", 0, "d-99", 1)));

            assertThat(e.answerViolations()).singleElement().satisfies(v -> {
                assertThat(v.itemId()).isEqualTo("d-99");
                assertThat(v.rule()).isEqualTo(AnswerViolation.UNKNOWN_ITEM);
            });
        }

        /** More answers than items: one violation for the whole set, none per key (nothing is echoed back). */
        @Test
        void moreAnswersThanItemsAreRefusedAsAWhole() {
            Map<String, Integer> many = answers("d-1", 0, "d-2", 0, "d-3", 0, "d-4", 0);
            for (int i = 0; i < 1000; i++) {
                many.put("x-" + i, 0);
            }
            InvalidAnswersException e = catchThrowableOfType(InvalidAnswersException.class,
                    () -> ScoringEngine.score(demo, many));

            assertThat(e.answerViolations()).singleElement().satisfies(v -> {
                assertThat(v.itemId()).isNull();
                assertThat(v.rule()).isEqualTo(AnswerViolation.TOO_MANY_ANSWERS);
            });
            assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("answers"));
        }

        @Test
        void asManyAnswersAsItemsAreLookedAtOneByOne() {
            InvalidAnswersException e = catchThrowableOfType(InvalidAnswersException.class,
                    () -> ScoringEngine.score(demo, answers("d-1", 0, "d-2", 0, "d-99", 0)));

            assertThat(e.answerViolations()).extracting(AnswerViolation::itemId, AnswerViolation::rule)
                    .containsExactly(tuple("d-3", "required"), tuple("d-99", "unknown-item"));
        }

        @Test
        void everyViolationIsReportedAtOnceInAStableOrder() {
            InvalidAnswersException e = catchThrowableOfType(InvalidAnswersException.class,
                    () -> ScoringEngine.score(demo, answers("zz", 1, "d-2", 7, "aa", 0)));

            assertThat(e.answerViolations()).extracting(AnswerViolation::itemId, AnswerViolation::rule).containsExactly(
                    tuple("d-1", "required"),
                    tuple("d-2", "not-an-option"),
                    tuple("d-3", "required"),
                    tuple("aa", "unknown-item"),
                    tuple("zz", "unknown-item"));
        }
    }

    @Nested
    class RequiredWhenTotalAbove {

        private final InstrumentDefinition camcopsStyle = DefinitionBuilder.valid()
                .replaceItem(3, new Item("d-4", 4, "unscored follow-up", null, "yes-no", false, false, 0))
                .build();

        @Test
        void theUnscoredItemIsOptionalAtOrBelowTheThreshold() {
            ScoredResult result = ScoringEngine.score(camcopsStyle, answers("d-1", 0, "d-2", 0, "d-3", 0));

            assertThat(result.rawScore()).isZero();
        }

        @Test
        void theUnscoredItemIsRequiredAboveTheThreshold() {
            InvalidAnswersException e = catchThrowableOfType(InvalidAnswersException.class,
                    () -> ScoringEngine.score(camcopsStyle, answers("d-1", 1, "d-2", 0, "d-3", 0)));

            assertThat(e.answerViolations()).extracting(AnswerViolation::itemId, AnswerViolation::rule)
                    .containsExactly(tuple("d-4", "required"));
        }

        @Test
        void answeringItAboveTheThresholdScores() {
            ScoredResult result = ScoringEngine.score(camcopsStyle, answers("d-1", 1, "d-2", 0, "d-3", 0, "d-4", 1));

            assertThat(result.rawScore()).isEqualTo(1);
        }
    }

    @Nested
    class ReversedItems {

        private final InstrumentDefinition reversedFirst = DefinitionBuilder.valid()
                .replaceItem(0, new Item("d-1", 1, "first, positively worded", null, "zero-to-three", true, true, null))
                .build();

        @ParameterizedTest(name = "answer {0} contributes {1}")
        @CsvSource({"0, 3", "1, 2", "2, 1", "3, 0"})
        void contributeMaxPlusMinMinusTheAnswer(int answer, int contribution) {
            ScoredResult result = ScoringEngine.score(reversedFirst, answers("d-1", answer, "d-2", 0, "d-3", 0));

            assertThat(result.rawScore()).isEqualTo(contribution);
        }

        @Test
        void reverseAroundTheOptionSetNotAroundZero() {
            OptionSet oneToFive = new OptionSet("one-to-five", List.of(
                    new ResponseOption(1, "a", null), new ResponseOption(2, "b", null),
                    new ResponseOption(3, "c", null), new ResponseOption(4, "d", null),
                    new ResponseOption(5, "e", null)));
            DefinitionBuilder builder = DefinitionBuilder.valid();
            builder.optionSets.add(oneToFive);
            InstrumentDefinition definition = builder
                    .replaceItem(0, new Item("d-1", 1, "first", null, "one-to-five", true, true, null))
                    .build();

            assertThat(ScoringEngine.contribution(definition, definition.items().get(0), 1)).isEqualTo(5);
            assertThat(ScoringEngine.contribution(definition, definition.items().get(0), 5)).isEqualTo(1);
        }
    }

    @Nested
    class Multiplier {

        private final InstrumentDefinition percentage = percentageDefinition();

        private static InstrumentDefinition percentageDefinition() {
            DefinitionBuilder b = DefinitionBuilder.valid();
            b.scoring = new ScoringRule(ScoringMethod.SUM, 4, "percentage score");
            b.scaledRange = new ScoreRange(0, 36);
            b.bands = List.of(
                    new Band("low", "Low", 0, 16, ScoreBasis.SCALED),
                    new Band("high", "High", 17, 36, ScoreBasis.SCALED));
            b.screensFor = null;
            return b.build();
        }

        @ParameterizedTest(name = "raw {0} → scaled {1} → {2}")
        @CsvSource({"0, 0, low", "4, 16, low", "5, 20, high", "9, 36, high"})
        void keepsRawAndScaledAndBandsOnTheScaledScore(int raw, int scaled, String band) {
            Map<String, Integer> answers = answers("d-1", Math.min(raw, 3), "d-2", Math.min(Math.max(raw - 3, 0), 3),
                    "d-3", Math.max(raw - 6, 0));

            ScoredResult result = ScoringEngine.score(percentage, answers);

            assertThat(result.rawScore()).isEqualTo(raw);
            assertThat(result.scaledScore()).isEqualTo(scaled);
            assertThat(result.bandCode()).isEqualTo(band);
            assertThat(result.bandedScore()).isEqualTo(scaled);
        }
    }

    @Nested
    class CriticalItemsAndScreening {

        @Test
        void aCriticalAnswerFiresWhateverTheTotal() {
            ScoredResult result = ScoringEngine.score(demo, answers("d-1", 0, "d-2", 0, "d-3", 2));

            assertThat(result.bandCode()).isEqualTo("low");
            assertThat(result.raisesSafetyConcern()).isTrue();
            assertThat(result.triggeredRuleCodes()).containsExactly("demo-3.item-3");
        }

        @Test
        void aHighTotalWithoutTheCriticalAnswerDoesNotFire() {
            ScoredResult result = ScoringEngine.score(demo, answers("d-1", 3, "d-2", 3, "d-3", 1));

            assertThat(result.bandCode()).isEqualTo("high");
            assertThat(result.raisesSafetyConcern()).isFalse();
            assertThat(result.triggeredCriticalRules()).isEmpty();
        }

        @Test
        void aPositiveBandMakesTheFollowUpDue() {
            ScoredResult result = ScoringEngine.score(demo, answers("d-1", 3, "d-2", 3, "d-3", 0));

            assertThat(result.positiveScreen()).isTrue();
            assertThat(result.makesDue()).isEqualTo("demo-9");
        }

        @Test
        void anotherBandMakesNothingDue() {
            ScoredResult result = ScoringEngine.score(demo, answers("d-1", 2, "d-2", 3, "d-3", 0));

            assertThat(result.positiveScreen()).isFalse();
            assertThat(result.makesDue()).isNull();
        }
    }

    @Test
    void theDemoFixtureItselfIsValid() {
        assertThat(DefinitionValidator.validate(demo)).isEmpty();
    }
}
