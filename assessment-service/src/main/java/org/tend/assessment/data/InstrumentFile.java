package org.tend.assessment.data;

import java.util.List;

/**
 * The YAML shape of one instrument definition file ({@code instruments/<id>/<version>.yaml}). Field names here are
 * the file format: renaming one is a format change. Unknown fields are rejected, so a misspelt key cannot be
 * silently ignored. Boxed types let the loader tell a missing value from a zero.
 */
record InstrumentFile(
        String id,
        String version,
        String language,
        String title,
        String recallPeriod,
        String instructions,
        String stem,
        Codes codes,
        Licence licence,
        List<OptionSet> optionSets,
        List<Item> items,
        Scoring scoring,
        Range range,
        Bands bands,
        List<CriticalItem> criticalItems,
        ScreensFor screensFor) {

    record Codes(String loincPanel, String loincTotal) {}

    record Licence(String notice, Boolean reviewRequired) {}

    record OptionSet(String id, List<Option> options) {}

    record Option(Integer value, String label, String loinc) {}

    record Item(
            String id,
            Integer number,
            String text,
            String loinc,
            String optionSet,
            Boolean scored,
            Boolean reversed,
            Integer requiredWhenTotalAbove) {}

    record Scoring(String method, Integer multiplier, String scaledScoreLabel) {}

    record Range(MinMax raw, MinMax scaled) {}

    record MinMax(Integer min, Integer max) {}

    record Bands(String basis, List<Band> ranges) {}

    record Band(String code, String label, Integer min, Integer max) {}

    record CriticalItem(String rule, String item, Integer atLeast, String meaning) {}

    record ScreensFor(String instrument, List<String> positiveBands) {}
}
