package org.tend.assessment.data;

import java.util.List;
import java.util.Locale;
import org.tend.assessment.domain.instrument.Band;
import org.tend.assessment.domain.instrument.CriticalItemRule;
import org.tend.assessment.domain.instrument.InstrumentDefinition;
import org.tend.assessment.domain.instrument.Item;
import org.tend.assessment.domain.instrument.Licence;
import org.tend.assessment.domain.instrument.OptionSet;
import org.tend.assessment.domain.instrument.ResponseOption;
import org.tend.assessment.domain.instrument.ScoreBasis;
import org.tend.assessment.domain.instrument.ScoreRange;
import org.tend.assessment.domain.instrument.ScoringMethod;
import org.tend.assessment.domain.instrument.ScoringRule;
import org.tend.assessment.domain.instrument.ScreeningRule;

/**
 * The YAML shape of one instrument definition file ({@code instruments/<id>/<version>.yaml}), described and checked
 * by {@code instruments/instrument.schema.json}: a required field is never null here. Field names are the file
 * format: renaming one is a format change. Consistency is {@code DefinitionValidator}'s, after {@link #toDefinition}.
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
        LicenceEntry licence,
        List<OptionSetEntry> optionSets,
        List<ItemEntry> items,
        Scoring scoring,
        Range range,
        Bands bands,
        List<CriticalItem> criticalItems,
        ScreensFor screensFor) {

    record Codes(String loincPanel, String loincTotal) {}

    record LicenceEntry(String notice, boolean reviewRequired) {}

    record OptionSetEntry(String id, List<Option> options) {}

    record Option(int value, String label, String loinc) {}

    record ItemEntry(
            String id,
            int number,
            String text,
            String loinc,
            String optionSet,
            Boolean scored,
            Boolean reversed,
            Integer requiredWhenTotalAbove) {}

    record Scoring(String method, Integer multiplier, String scaledScoreLabel) {}

    record Range(MinMax raw, MinMax scaled) {}

    record MinMax(int min, int max) {}

    record Bands(String basis, List<BandEntry> ranges) {}

    record BandEntry(String code, String label, int min, int max) {}

    record CriticalItem(String rule, String item, int atLeast, String meaning) {}

    record ScreensFor(String instrument, List<String> positiveBands) {}

    /** The domain record; keywords are lower-case enum names ({@code sum}, {@code raw}), as the schema allows. */
    InstrumentDefinition toDefinition() {
        ScoreBasis basis = ScoreBasis.valueOf(bands.basis().toUpperCase(Locale.ROOT));
        return new InstrumentDefinition(id, version, language, title, recallPeriod, instructions, stem,
                optionSets.stream().map(set -> new OptionSet(set.id(), set.options().stream()
                        .map(o -> new ResponseOption(o.value(), o.label(), o.loinc())).toList())).toList(),
                items.stream().map(i -> new Item(i.id(), i.number(), i.text(), i.loinc(), i.optionSet(),
                        i.scored() == null || i.scored(), Boolean.TRUE.equals(i.reversed()),
                        i.requiredWhenTotalAbove())).toList(),
                new ScoringRule(ScoringMethod.valueOf(scoring.method().toUpperCase(Locale.ROOT)),
                        scoring.multiplier(), scoring.scaledScoreLabel()),
                new ScoreRange(range.raw().min(), range.raw().max()),
                range.scaled() == null ? null : new ScoreRange(range.scaled().min(), range.scaled().max()),
                bands.ranges().stream().map(b -> new Band(b.code(), b.label(), b.min(), b.max(), basis)).toList(),
                criticalItems == null ? List.of() : criticalItems.stream()
                        .map(c -> new CriticalItemRule(c.rule(), c.item(), c.atLeast(), c.meaning())).toList(),
                screensFor == null ? null : new ScreeningRule(screensFor.instrument(), screensFor.positiveBands()),
                new Licence(licence.notice(), licence.reviewRequired()),
                codes == null ? null : codes.loincPanel(),
                codes == null ? null : codes.loincTotal());
    }
}
