package org.tend.assessment.domain.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each consistency rule, broken one at a time on an otherwise valid definition. */
class DefinitionValidatorTest {

    private static List<String> faultsAfter(Consumer<DefinitionBuilder> breakIt) {
        DefinitionBuilder builder = DefinitionBuilder.valid();
        breakIt.accept(builder);
        return DefinitionValidator.validate(builder.build());
    }

    @Test
    void aValidDefinitionHasNoFaults() {
        assertThat(DefinitionValidator.validate(DefinitionBuilder.valid().build())).isEmpty();
    }

    @Test
    void idAndVersionMustBePresent() {
        assertThat(faultsAfter(b -> {
            b.id = " ";
            b.version = null;
        })).contains("id is blank", "version is blank");
    }

    @ParameterizedTest(name = "id ''{0}'' is rejected")
    @CsvSource({"PHQ-9", "phq 9", "-phq"})
    void idMustBeASlug(String id) {
        assertThat(faultsAfter(b -> b.id = id)).anySatisfy(f -> assertThat(f).contains("not a lower-case slug"));
    }

    @ParameterizedTest(name = "version ''{0}'' is rejected")
    @CsvSource({"1.0", "v1.0.0", "1.0.0-draft", "01.0.0"})
    void versionMustBeMajorMinorPatch(String version) {
        assertThat(faultsAfter(b -> b.version = version)).anySatisfy(f -> assertThat(f).contains("MAJOR.MINOR.PATCH"));
    }

    @Test
    void licenceNoticeTitleStemAndRecallPeriodMustBePresent() {
        assertThat(faultsAfter(b -> {
            b.licence = new Licence("", true);
            b.title = null;
            b.stem = "";
            b.recallPeriod = null;
        })).contains("licence notice is blank", "title is blank", "stem is blank", "recallPeriod is blank");
    }

    @Test
    void optionValuesMustBeUniqueWithinASet() {
        assertThat(faultsAfter(b -> b.optionSets.set(1, new OptionSet("yes-no", List.of(
                new ResponseOption(0, "No", null), new ResponseOption(0, "Yes", null))))))
                .contains("option set 'yes-no' has value 0 more than once");
    }

    @Test
    void anItemMustReferToAnExistingOptionSet() {
        assertThat(faultsAfter(b -> b.replaceItem(0, new Item("d-1", 1, "first", null, "nope", true, false, null))))
                .contains("item 'd-1' refers to option set 'nope', which does not exist");
    }

    @Test
    void itemIdsAndNumbersMustBeUnique() {
        assertThat(faultsAfter(b -> b.replaceItem(1, new Item("d-1", 1, "second", null, "zero-to-three", true, false,
                null)))).contains("item 'd-1' is declared twice", "item 'd-1' reuses number 1");
    }

    @Test
    void onlyScoredItemsCanBeReversed() {
        assertThat(faultsAfter(b -> b.replaceItem(3, new Item("d-4", 4, "follow-up", null, "yes-no", false, true,
                null)))).contains("item 'd-4' is reversed but not scored; only scored items can be reversed");
    }

    @Test
    void requiredWhenTotalAboveIsOnlyForUnscoredItems() {
        assertThat(faultsAfter(b -> b.replaceItem(0, new Item("d-1", 1, "first", null, "zero-to-three", true, false,
                0)))).contains("item 'd-1' sets requiredWhenTotalAbove but is scored; scored items are always required");
    }

    @Test
    void theDeclaredRangeMustEqualTheRangeTheItemsGive() {
        assertThat(faultsAfter(b -> b.rawRange = new ScoreRange(0, 10)))
                .contains("raw range is declared 0–10 but the items and options give 0–9");
    }

    @Test
    void theScaledRangeMustEqualTheRawRangeTimesTheMultiplier() {
        assertThat(faultsAfter(b -> {
            b.scoring = new ScoringRule(ScoringMethod.SUM, 4, "percentage score");
            b.scaledRange = new ScoreRange(0, 100);
        })).contains("scaled range is declared 0–100 but raw 0–9 × 4 gives 0–36");
    }

    @Test
    void aScaledRangeWithoutAMultiplierIsAFault() {
        assertThat(faultsAfter(b -> b.scaledRange = new ScoreRange(0, 36)))
                .contains("scaled range 0–36 is declared but scoring has no multiplier");
    }

    @Test
    void bandsMustNotOverlap() {
        assertThat(faultsAfter(b -> b.bands.set(1, new Band("middle", "Middle", 2, 5, ScoreBasis.RAW))))
                .contains("band 'middle' (2–5) overlaps band 'low' (0–2)");
    }

    @Test
    void bandsMustNotLeaveGaps() {
        assertThat(faultsAfter(b -> b.bands.set(1, new Band("middle", "Middle", 4, 5, ScoreBasis.RAW))))
                .contains("scores 3–3 fall between band 'low' and band 'middle' and have no band");
    }

    @Test
    void bandsMustCoverTheWholeRange() {
        assertThat(faultsAfter(b -> {
            b.bands.set(0, new Band("low", "Low", 1, 2, ScoreBasis.RAW));
            b.bands.set(2, new Band("high", "High", 6, 8, ScoreBasis.RAW));
        })).contains(
                "lowest band 'low' starts at 1 but the raw score starts at 0",
                "highest band 'high' ends at 8 but the raw score ends at 9");
    }

    @Test
    void bandsMustBeListedInOrderAndHaveUniqueCodes() {
        assertThat(faultsAfter(b -> b.bands = List.of(
                new Band("high", "High", 6, 9, ScoreBasis.RAW),
                new Band("low", "Low", 0, 2, ScoreBasis.RAW),
                new Band("low", "Middle", 3, 5, ScoreBasis.RAW))))
                .contains("bands are not listed from lowest to highest score", "band 'low' is declared twice");
    }

    @Test
    void bandsOnTheScaledScoreNeedAMultiplier() {
        assertThat(faultsAfter(b -> b.bands = List.of(new Band("all", "All", 0, 9, ScoreBasis.SCALED))))
                .contains("bands are on the scaled score but scoring has no multiplier");
    }

    @Test
    void bandsCannotMixRawAndScaled() {
        assertThat(faultsAfter(b -> b.bands.set(2, new Band("high", "High", 6, 9, ScoreBasis.SCALED))))
                .contains("bands mix raw and scaled scores; all bands must be on the same score");
    }

    @Test
    void aCriticalItemMustExist() {
        assertThat(faultsAfter(b -> b.criticalItems = List.of(new CriticalItemRule("x.item-7", "d-7", 1, "why"))))
                .contains("critical item rule 'x.item-7' refers to item 'd-7', which does not exist");
    }

    @ParameterizedTest(name = "threshold {0} is a fault")
    @CsvSource({"0, would always fire", "4, can never fire"})
    void aCriticalThresholdMustBeAbleToFireAndNotFire(int atLeast, String fault) {
        assertThat(faultsAfter(b -> b.criticalItems = List.of(new CriticalItemRule("r", "d-3", atLeast, "why"))))
                .anySatisfy(f -> assertThat(f).contains(fault));
    }

    @Test
    void aScreeningRuleMustNameExistingBands() {
        assertThat(faultsAfter(b -> b.screensFor = new ScreeningRule("demo-9", List.of("positive"))))
                .contains("screensFor positive band 'positive' is not a band of this instrument");
    }

    @Test
    void loincCodesMustHaveACorrectCheckDigit() {
        assertThat(faultsAfter(b -> {
            b.loincPanel = "44249-1"; // correct
            b.loincTotal = "44261-5"; // the real code is 44261-6
        })).containsExactly("loinc total code '44261-5' has a wrong check digit (expected 6); is it mistyped?");
    }

    @ParameterizedTest(name = "LOINC {0}{1} is well formed")
    @CsvSource({"44249-, 1", "44261-, 6", "44260-, 8", "69722-, 7", "55757-, 9", "55758-, 7", "69737-, 5",
        "70274-, 6", "106875-, 8", "106860-, 0"})
    void referenceLoincCodesPassTheCheckDigit(String body, int digit) {
        assertThat(DefinitionValidator.checkDigit(body.substring(0, body.length() - 1))).isEqualTo(digit);
    }
}
