package org.tend.assessment.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tend.assessment.domain.instrument.DefinitionValidator;
import org.tend.assessment.domain.instrument.InstrumentDefinition;
import org.tend.assessment.domain.instrument.Item;
import org.tend.assessment.domain.instrument.ResponseOption;

/** The wording, codes and licence facts of the shipped files, checked against docs/clinical-basis.md §5. */
class ShippedDefinitionContentTest {

    @Test
    void theLibraryShipsExactlyTheSevenFreeToCheckInstrumentsAndNoWemwbs() {
        assertThat(ShippedInstruments.LIBRARY.all()).extracting(InstrumentDefinition::id, InstrumentDefinition::version)
                .containsExactly(
                        tuple("gad-2", "1.0.0"), tuple("gad-7", "1.0.0"), tuple("k10", "1.0.0"),
                        tuple("phq-2", "1.0.0"), tuple("phq-9", "1.0.0"), tuple("pss-10", "1.0.0"),
                        tuple("who-5", "1.0.0"));
        assertThat(ShippedInstruments.LIBRARY.find("wemwbs")).isEmpty();
        assertThat(ShippedInstruments.LIBRARY.find("swemwbs")).isEmpty();
    }

    @Test
    void everyShippedDefinitionIsValid() {
        assertThat(ShippedInstruments.LIBRARY.all())
                .allSatisfy(d -> assertThat(DefinitionValidator.validate(d)).as(d.toString()).isEmpty());
    }

    @Test
    void phq9ItemsAreTheOfficialWordingWithTheirLoincCodes() {
        InstrumentDefinition phq9 = ShippedInstruments.get("phq-9");

        assertThat(phq9.stem())
                .isEqualTo("Over the last 2 weeks, how often have you been bothered by any of the following problems?");
        assertThat(phq9.items()).extracting(Item::number, Item::loincCode, Item::text).containsExactly(
                tuple(1, "44250-9", "Little interest or pleasure in doing things"),
                tuple(2, "44255-8", "Feeling down, depressed, or hopeless"),
                tuple(3, "44259-0", "Trouble falling or staying asleep, or sleeping too much"),
                tuple(4, "44254-1", "Feeling tired or having little energy"),
                tuple(5, "44251-7", "Poor appetite or overeating"),
                tuple(6, "44258-2",
                        "Feeling bad about yourself — or that you are a failure or have let yourself or your family down"),
                tuple(7, "44252-5",
                        "Trouble concentrating on things, such as reading the newspaper or watching television"),
                tuple(8, "44253-3", "Moving or speaking so slowly that other people could have noticed? Or the "
                        + "opposite — being so fidgety or restless that you have been moving around a lot more than usual"),
                tuple(9, "44260-8", "Thoughts that you would be better off dead or of hurting yourself in some way"),
                tuple(10, "69722-7", "If you checked off any problems, how difficult have these problems made it for "
                        + "you to do your work, take care of things at home, or get along with other people?"));
        Item item10 = phq9.item("phq9-10").orElseThrow();
        assertThat(item10.scored()).isFalse();
        assertThat(item10.requiredWhenTotalAbove()).as("Tend keeps item 10 optional").isNull();
        assertThat(phq9.optionsFor(item10).options()).extracting(ResponseOption::label).containsExactly(
                "Not difficult at all", "Somewhat difficult", "Very difficult", "Extremely difficult");
        assertThat(phq9.loincPanel()).isEqualTo("44249-1");
        assertThat(phq9.loincTotal()).isEqualTo("44261-6");
    }

    @ParameterizedTest(name = "{0} uses the PHQ answer options")
    @CsvSource({"phq-9", "phq-2", "gad-7", "gad-2"})
    void phqFamilyOptionsAre0To3FromNotAtAll(String instrument) {
        InstrumentDefinition definition = ShippedInstruments.get(instrument);

        assertThat(definition.optionsFor(definition.items().get(0)).options())
                .extracting(ResponseOption::value, ResponseOption::label).containsExactly(
                        tuple(0, "Not at all"), tuple(1, "Several days"), tuple(2, "More than half the days"),
                        tuple(3, "Nearly every day"));
    }

    @Test
    void phqAnswerLoincCodes() {
        for (String id : List.of("phq-9", "phq-2")) {
            InstrumentDefinition definition = ShippedInstruments.get(id);
            assertThat(definition.optionsFor(definition.items().get(0)).options())
                    .extracting(ResponseOption::loincAnswerCode)
                    .containsExactly("LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9");
        }
    }

    @Test
    void phq2IsPhq9Items1And2WithItsOwnPanelAndTotal() {
        InstrumentDefinition phq2 = ShippedInstruments.get("phq-2");
        InstrumentDefinition phq9 = ShippedInstruments.get("phq-9");

        assertThat(phq2.items()).extracting(Item::text, Item::loincCode).containsExactly(
                tuple(phq9.items().get(0).text(), "44250-9"), tuple(phq9.items().get(1).text(), "44255-8"));
        assertThat(phq2.loincPanel()).isEqualTo("55757-9");
        assertThat(phq2.loincTotal()).isEqualTo("55758-7");
    }

    @Test
    void gad7ItemsAndLoincCodes() {
        InstrumentDefinition gad7 = ShippedInstruments.get("gad-7");

        assertThat(gad7.items()).extracting(Item::loincCode, Item::text).containsExactly(
                tuple("69725-0", "Feeling nervous, anxious or on edge"),
                tuple("68509-9", "Not being able to stop or control worrying"),
                tuple("69733-4", "Worrying too much about different things"),
                tuple("69734-2", "Trouble relaxing"),
                tuple("69735-9", "Being so restless that it is hard to sit still"),
                tuple("69689-8", "Becoming easily annoyed or irritable"),
                tuple("69736-7", "Feeling afraid as if something awful might happen"));
        assertThat(gad7.loincPanel()).isEqualTo("69737-5");
        assertThat(gad7.loincTotal()).isEqualTo("70274-6");
        assertThat(ShippedInstruments.get("gad-2").items()).extracting(Item::loincCode)
                .containsExactly("69725-0", "68509-9");
        assertThat(ShippedInstruments.get("gad-2").loincPanel()).isNull();
    }

    @Test
    void who5ItemsOptionsAndInstructions() {
        InstrumentDefinition who5 = ShippedInstruments.get("who-5");

        assertThat(who5.instructions()).isEqualTo("Please indicate for each of the five statements which is closest "
                + "to how you have been feeling over the last two weeks. Notice that higher numbers mean better "
                + "well-being.");
        assertThat(who5.items()).extracting(Item::text).containsExactly(
                "I have felt cheerful and in good spirits",
                "I have felt calm and relaxed",
                "I have felt active and vigorous",
                "I woke up feeling fresh and rested",
                "My daily life has been filled with things that interest me");
        assertThat(who5.optionsFor(who5.items().get(0)).options())
                .extracting(ResponseOption::value, ResponseOption::label).containsExactly(
                        tuple(5, "All of the time"), tuple(4, "Most of the time"),
                        tuple(3, "More than half of the time"), tuple(2, "Less than half of the time"),
                        tuple(1, "Some of the time"), tuple(0, "At no time"));
    }

    @Test
    void pss10ItemsAndOptions() {
        InstrumentDefinition pss = ShippedInstruments.get("pss-10");

        assertThat(pss.stem()).isEqualTo("In the last month, how often have you…");
        assertThat(pss.items()).extracting(Item::text).containsExactly(
                "been upset because of something that happened unexpectedly?",
                "felt that you were unable to control the important things in your life?",
                "felt nervous and \"stressed\"?",
                "felt confident about your ability to handle your personal problems?",
                "felt that things were going your way?",
                "found that you could not cope with all the things that you had to do?",
                "been able to control irritations in your life?",
                "felt that you were on top of things?",
                "been angered because of things that were outside of your control?",
                "felt difficulties were piling up so high that you could not overcome them?");
        assertThat(pss.optionsFor(pss.items().get(0)).options())
                .extracting(ResponseOption::value, ResponseOption::label).containsExactly(
                        tuple(0, "Never"), tuple(1, "Almost Never"), tuple(2, "Sometimes"), tuple(3, "Fairly Often"),
                        tuple(4, "Very Often"));
        assertThat(pss.bands()).allSatisfy(b -> assertThat(b.label()).contains("not diagnostic"));
        assertThat(pss.loincPanel()).isEqualTo("106875-8");
        assertThat(pss.loincTotal()).isEqualTo("106860-0");
    }

    @Test
    void k10IsTheAustralianVersionScored1To5() {
        InstrumentDefinition k10 = ShippedInstruments.get("k10");

        assertThat(k10.items()).extracting(Item::text).containsExactly(
                "tired out for no good reason", "nervous", "so nervous that nothing could calm you down", "hopeless",
                "restless or fidgety", "so restless you could not sit still", "depressed",
                "that everything was an effort", "so sad that nothing could cheer you up", "worthless");
        assertThat(k10.optionsFor(k10.items().get(0)).options())
                .extracting(ResponseOption::value, ResponseOption::label).containsExactly(
                        tuple(1, "None of the time"), tuple(2, "A little of the time"), tuple(3, "Some of the time"),
                        tuple(4, "Most of the time"), tuple(5, "All of the time"));
        assertThat(k10.recallPeriod()).isEqualTo("past 4 weeks");
    }

    @ParameterizedTest(name = "{0}: licence review required = {1}")
    @CsvSource({"phq-9, false", "phq-2, false", "gad-7, false", "gad-2, false", "who-5, true", "pss-10, true",
        "k10, true"})
    void licencesStillOpenInTheReferenceAreFlaggedForReview(String instrument, boolean reviewRequired) {
        InstrumentDefinition definition = ShippedInstruments.get(instrument);

        assertThat(definition.licence().reviewRequired()).isEqualTo(reviewRequired);
        assertThat(definition.licence().notice()).isNotBlank();
    }

    @Test
    void thePfizerCopyrightLineIsKeptForThePhqFamily() {
        assertThat(List.of("phq-9", "phq-2", "gad-7", "gad-2")).allSatisfy(id -> assertThat(
                ShippedInstruments.get(id).licence().notice())
                .startsWith("Copyright © Pfizer Inc. All rights reserved.")
                .endsWith("No permission required to reproduce, translate, display or distribute."));
    }

    @ParameterizedTest(name = "{0} recall period: {1}")
    @CsvSource({"phq-9, last 2 weeks", "phq-2, last 2 weeks", "gad-7, last 2 weeks", "gad-2, last 2 weeks",
        "who-5, last two weeks", "pss-10, last month", "k10, past 4 weeks"})
    void recallPeriods(String instrument, String recall) {
        assertThat(ShippedInstruments.get(instrument).recallPeriod()).isEqualTo(recall);
    }
}
