package org.tend.assessment.data;

import java.util.ArrayList;
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
 * Maps the file shape to the domain record. Only what the domain record cannot hold is checked here (a missing
 * number, an unknown keyword); every consistency rule belongs to {@code DefinitionValidator}.
 */
final class InstrumentFileMapping {

    private final List<String> faults = new ArrayList<>();

    private InstrumentFileMapping() {}

    /** Returns the definition, or {@code null} with {@code faults} filled when the file is incomplete. */
    static InstrumentDefinition toDefinition(InstrumentFile file, List<String> faults) {
        InstrumentFileMapping mapping = new InstrumentFileMapping();
        InstrumentDefinition definition = mapping.map(file);
        faults.addAll(mapping.faults);
        return mapping.faults.isEmpty() ? definition : null;
    }

    private InstrumentDefinition map(InstrumentFile f) {
        InstrumentFile.Codes codes = f.codes() == null ? new InstrumentFile.Codes(null, null) : f.codes();
        Licence licence = f.licence() == null
                ? null
                : new Licence(f.licence().notice(), Boolean.TRUE.equals(f.licence().reviewRequired()));
        if (f.licence() != null && f.licence().reviewRequired() == null) {
            faults.add("licence.reviewRequired is missing (true or false)");
        }
        return new InstrumentDefinition(
                f.id(),
                f.version(),
                f.language(),
                f.title(),
                f.recallPeriod(),
                f.instructions(),
                f.stem(),
                optionSets(f.optionSets()),
                items(f.items()),
                scoring(f.scoring()),
                range(f.range() == null ? null : f.range().raw(), "range.raw", true),
                range(f.range() == null ? null : f.range().scaled(), "range.scaled", false),
                bands(f.bands()),
                criticalItems(f.criticalItems()),
                screensFor(f.screensFor()),
                licence,
                codes.loincPanel(),
                codes.loincTotal());
    }

    private List<OptionSet> optionSets(List<InstrumentFile.OptionSet> sets) {
        if (sets == null) {
            faults.add("optionSets is missing");
            return List.of();
        }
        List<OptionSet> result = new ArrayList<>();
        for (int s = 0; s < sets.size(); s++) {
            InstrumentFile.OptionSet set = sets.get(s);
            String where = "optionSets[" + s + "]";
            if (set == null) {
                faults.add(where + " is empty");
                continue;
            }
            List<ResponseOption> options = new ArrayList<>();
            List<InstrumentFile.Option> given = set.options() == null ? List.of() : set.options();
            for (int o = 0; o < given.size(); o++) {
                InstrumentFile.Option option = given.get(o);
                if (option == null || option.value() == null) {
                    faults.add(where + ".options[" + o + "].value is missing");
                    continue;
                }
                options.add(new ResponseOption(option.value(), option.label(), option.loinc()));
            }
            result.add(new OptionSet(set.id(), options));
        }
        return result;
    }

    private List<Item> items(List<InstrumentFile.Item> items) {
        if (items == null) {
            faults.add("items is missing");
            return List.of();
        }
        List<Item> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            InstrumentFile.Item item = items.get(i);
            String where = "items[" + i + "]";
            if (item == null) {
                faults.add(where + " is empty");
                continue;
            }
            if (item.number() == null) {
                faults.add(where + ".number is missing");
                continue;
            }
            result.add(new Item(
                    item.id(),
                    item.number(),
                    item.text(),
                    item.loinc(),
                    item.optionSet(),
                    item.scored() == null || item.scored(),
                    Boolean.TRUE.equals(item.reversed()),
                    item.requiredWhenTotalAbove()));
        }
        return result;
    }

    private ScoringRule scoring(InstrumentFile.Scoring scoring) {
        if (scoring == null || scoring.method() == null) {
            faults.add("scoring.method is missing");
            return null;
        }
        ScoringMethod method = keyword(ScoringMethod.class, scoring.method(), "scoring.method");
        return method == null ? null : new ScoringRule(method, scoring.multiplier(), scoring.scaledScoreLabel());
    }

    private ScoreRange range(InstrumentFile.MinMax range, String where, boolean required) {
        if (range == null) {
            if (required) {
                faults.add(where + " is missing");
            }
            return null;
        }
        if (range.min() == null || range.max() == null) {
            faults.add(where + " needs both min and max");
            return null;
        }
        return new ScoreRange(range.min(), range.max());
    }

    private List<Band> bands(InstrumentFile.Bands bands) {
        if (bands == null || bands.ranges() == null) {
            faults.add("bands.ranges is missing");
            return List.of();
        }
        if (bands.basis() == null) {
            faults.add("bands.basis is missing (raw or scaled)");
            return List.of();
        }
        ScoreBasis basis = keyword(ScoreBasis.class, bands.basis(), "bands.basis");
        List<Band> result = new ArrayList<>();
        for (int b = 0; b < bands.ranges().size(); b++) {
            InstrumentFile.Band band = bands.ranges().get(b);
            String where = "bands.ranges[" + b + "]";
            if (band == null || band.min() == null || band.max() == null) {
                faults.add(where + " needs both min and max");
                continue;
            }
            result.add(new Band(band.code(), band.label(), band.min(), band.max(), basis));
        }
        return result;
    }

    private List<CriticalItemRule> criticalItems(List<InstrumentFile.CriticalItem> rules) {
        if (rules == null) {
            return List.of();
        }
        List<CriticalItemRule> result = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            InstrumentFile.CriticalItem rule = rules.get(r);
            if (rule == null || rule.atLeast() == null) {
                faults.add("criticalItems[" + r + "].atLeast is missing");
                continue;
            }
            result.add(new CriticalItemRule(rule.rule(), rule.item(), rule.atLeast(), rule.meaning()));
        }
        return result;
    }

    private ScreeningRule screensFor(InstrumentFile.ScreensFor screensFor) {
        return screensFor == null ? null : new ScreeningRule(screensFor.instrument(), screensFor.positiveBands());
    }

    private <E extends Enum<E>> E keyword(Class<E> type, String value, String where) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(value)) {
                return constant;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(constant.name().toLowerCase(Locale.ROOT));
        }
        faults.add(where + " '" + value + "' is not one of " + allowed);
        return null;
    }
}
