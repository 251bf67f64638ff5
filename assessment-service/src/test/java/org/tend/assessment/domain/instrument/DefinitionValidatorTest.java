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
    void a_valid_definition_has_no_faults() {
        assertThat(DefinitionValidator.validate(DefinitionBuilder.valid().build())).isEmpty();
    }

    @Test
    void id_and_version_must_be_present() {
        assertThat(faultsAfter(b -> {
            b.id = " ";
            b.version = null;
        })).contains("id is blank", "version is blank");
    }

    @ParameterizedTest(name = "id ''{0}'' is rejected")
    @CsvSource({"PHQ-9", "phq 9", "-phq"})
    void id_must_be_a_slug(String id) {
        assertThat(faultsAfter(b -> b.id = id)).anySatisfy(f -> assertThat(f).contains("not a lower-case slug"));
    }

    @ParameterizedTest(name = "version ''{0}'' is rejected")
    @CsvSource({"1.0", "v1.0.0", "1.0.0-draft", "01.0.0"})
    void version_must_be_major_minor_patch(String version) {
        assertThat(faultsAfter(b -> b.version = version)).anySatisfy(f -> assertThat(f).contains("MAJOR.MINOR.PATCH"));
    }

    @Test
    void licence_notice_title_stem_and_recall_period_must_be_present() {
        assertThat(faultsAfter(b -> {
            b.licence = new Licence("", true);
            b.title = null;
            b.stem = "";
            b.recallPeriod = null;
        })).contains("licence notice is blank", "title is blank", "stem is blank", "recallPeriod is blank");
    }

    @Test
    void option_values_must_be_unique_within_a_set() {
        assertThat(faultsAfter(b -> b.optionSets.set(1, new OptionSet("yes-no", List.of(
                new ResponseOption(0, "No", null), new ResponseOption(0, "Yes", null))))))
                .contains("option set 'yes-no' has value 0 more than once");
    }

    @Test
    void an_item_must_refer_to_an_existing_option_set() {
        assertThat(faultsAfter(b -> b.replaceItem(0, new Item("d-1", 1, "first", null, "nope", true, false, null))))
                .contains("item 'd-1' refers to option set 'nope', which does not exist");
    }

    @Test
    void item_ids_and_numbers_must_be_unique() {
        assertThat(faultsAfter(b -> b.replaceItem(1, new Item("d-1", 1, "second", null, "zero-to-three", true, false,
                null)))).contains("item 'd-1' is declared twice", "item 'd-1' reuses number 1");
    }

    @Test
    void only_scored_items_can_be_reversed() {
        assertThat(faultsAfter(b -> b.replaceItem(3, new Item("d-4", 4, "follow-up", null, "yes-no", false, true,
                null)))).contains("item 'd-4' is reversed but not scored; only scored items can be reversed");
    }

    @Test
    void required_when_total_above_is_only_for_unscored_items() {
        assertThat(faultsAfter(b -> b.replaceItem(0, new Item("d-1", 1, "first", null, "zero-to-three", true, false,
                0)))).contains("item 'd-1' sets requiredWhenTotalAbove but is scored; scored items are always required");
    }

    @Test
    void the_declared_range_must_equal_the_range_the_items_give() {
        assertThat(faultsAfter(b -> b.rawRange = new ScoreRange(0, 10)))
                .contains("raw range is declared 0–10 but the items and options give 0–9");
    }

    @Test
    void the_scaled_range_must_equal_the_raw_range_times_the_multiplier() {
        assertThat(faultsAfter(b -> {
            b.scoring = new ScoringRule(ScoringMethod.SUM, 4, "percentage score");
            b.scaledRange = new ScoreRange(0, 100);
        })).contains("scaled range is declared 0–100 but raw 0–9 × 4 gives 0–36");
    }

    @Test
    void a_scaled_range_without_a_multiplier_is_a_fault() {
        assertThat(faultsAfter(b -> b.scaledRange = new ScoreRange(0, 36)))
                .contains("scaled range 0–36 is declared but scoring has no multiplier");
    }

    @Test
    void bands_must_not_overlap() {
        assertThat(faultsAfter(b -> b.bands.set(1, new Band("middle", "Middle", 2, 5, ScoreBasis.RAW))))
                .contains("band 'middle' (2–5) overlaps band 'low' (0–2)");
    }

    @Test
    void bands_must_not_leave_gaps() {
        assertThat(faultsAfter(b -> b.bands.set(1, new Band("middle", "Middle", 4, 5, ScoreBasis.RAW))))
                .contains("scores 3–3 fall between band 'low' and band 'middle' and have no band");
    }

    @Test
    void bands_must_cover_the_whole_range() {
        assertThat(faultsAfter(b -> {
            b.bands.set(0, new Band("low", "Low", 1, 2, ScoreBasis.RAW));
            b.bands.set(2, new Band("high", "High", 6, 8, ScoreBasis.RAW));
        })).contains(
                "lowest band 'low' starts at 1 but the raw score starts at 0",
                "highest band 'high' ends at 8 but the raw score ends at 9");
    }

    @Test
    void bands_must_be_listed_in_order_and_have_unique_codes() {
        assertThat(faultsAfter(b -> b.bands = List.of(
                new Band("high", "High", 6, 9, ScoreBasis.RAW),
                new Band("low", "Low", 0, 2, ScoreBasis.RAW),
                new Band("low", "Middle", 3, 5, ScoreBasis.RAW))))
                .contains("bands are not listed from lowest to highest score", "band 'low' is declared twice");
    }

    @Test
    void bands_on_the_scaled_score_need_a_multiplier() {
        assertThat(faultsAfter(b -> b.bands = List.of(new Band("all", "All", 0, 9, ScoreBasis.SCALED))))
                .contains("bands are on the scaled score but scoring has no multiplier");
    }

    @Test
    void bands_cannot_mix_raw_and_scaled() {
        assertThat(faultsAfter(b -> b.bands.set(2, new Band("high", "High", 6, 9, ScoreBasis.SCALED))))
                .contains("bands mix raw and scaled scores; all bands must be on the same score");
    }

    @Test
    void a_critical_item_must_exist() {
        assertThat(faultsAfter(b -> b.criticalItems = List.of(new CriticalItemRule("x.item-7", "d-7", 1, "why"))))
                .contains("critical item rule 'x.item-7' refers to item 'd-7', which does not exist");
    }

    @ParameterizedTest(name = "threshold {0} is a fault")
    @CsvSource({"0, would always fire", "4, can never fire"})
    void a_critical_threshold_must_be_able_to_fire_and_not_fire(int atLeast, String fault) {
        assertThat(faultsAfter(b -> b.criticalItems = List.of(new CriticalItemRule("r", "d-3", atLeast, "why"))))
                .anySatisfy(f -> assertThat(f).contains(fault));
    }

    @Test
    void a_screening_rule_must_name_existing_bands() {
        assertThat(faultsAfter(b -> b.screensFor = new ScreeningRule("demo-9", List.of("positive"))))
                .contains("screensFor positive band 'positive' is not a band of this instrument");
    }

    @Test
    void loinc_codes_must_have_a_correct_check_digit() {
        assertThat(faultsAfter(b -> {
            b.loincPanel = "44249-1"; // correct
            b.loincTotal = "44261-5"; // the real code is 44261-6
        })).containsExactly("loinc total code '44261-5' has a wrong check digit (expected 6); is it mistyped?");
    }

    @ParameterizedTest(name = "LOINC {0}{1} is well formed")
    @CsvSource({"44249-, 1", "44261-, 6", "44260-, 8", "69722-, 7", "55757-, 9", "55758-, 7", "69737-, 5",
        "70274-, 6", "106875-, 8", "106860-, 0"})
    void reference_loinc_codes_pass_the_check_digit(String body, int digit) {
        assertThat(DefinitionValidator.checkDigit(body.substring(0, body.length() - 1))).isEqualTo(digit);
    }
}
