package org.tend.assessment.domain.instrument;

import java.util.ArrayList;
import java.util.List;

/** Builds small in-memory definitions for the domain tests; starts valid, each test breaks one thing. */
final class DefinitionBuilder {

    String id = "demo-3";
    String version = "1.0.0";
    String language = "en";
    String title = "Demo three-item scale";
    String recallPeriod = "last 2 weeks";
    String instructions = null;
    String stem = "How often…";
    List<OptionSet> optionSets = new ArrayList<>(List.of(
            new OptionSet("zero-to-three", List.of(
                    new ResponseOption(0, "Never", null),
                    new ResponseOption(1, "Sometimes", null),
                    new ResponseOption(2, "Often", null),
                    new ResponseOption(3, "Always", null))),
            new OptionSet("yes-no", List.of(
                    new ResponseOption(0, "No", null),
                    new ResponseOption(1, "Yes", null)))));
    List<Item> items = new ArrayList<>(List.of(
            new Item("d-1", 1, "first", null, "zero-to-three", true, false, null),
            new Item("d-2", 2, "second", null, "zero-to-three", true, false, null),
            new Item("d-3", 3, "third", null, "zero-to-three", true, false, null),
            new Item("d-4", 4, "unscored follow-up", null, "yes-no", false, false, null)));
    ScoringRule scoring = ScoringRule.sum();
    ScoreRange rawRange = new ScoreRange(0, 9);
    ScoreRange scaledRange = null;
    List<Band> bands = new ArrayList<>(List.of(
            new Band("low", "Low", 0, 2, ScoreBasis.RAW),
            new Band("middle", "Middle", 3, 5, ScoreBasis.RAW),
            new Band("high", "High", 6, 9, ScoreBasis.RAW)));
    List<CriticalItemRule> criticalItems = new ArrayList<>(List.of(
            new CriticalItemRule("demo-3.item-3", "d-3", 2, "third item often or always")));
    ScreeningRule screensFor = new ScreeningRule("demo-9", List.of("high"));
    Licence licence = new Licence("Test fixture, no licence.", false);
    String loincPanel = null;
    String loincTotal = null;

    static DefinitionBuilder valid() {
        return new DefinitionBuilder();
    }

    DefinitionBuilder replaceItem(int index, Item item) {
        items.set(index, item);
        return this;
    }

    InstrumentDefinition build() {
        return new InstrumentDefinition(id, version, language, title, recallPeriod, instructions, stem, optionSets,
                items, scoring, rawRange, scaledRange, bands, criticalItems, screensFor, licence, loincPanel,
                loincTotal);
    }
}
