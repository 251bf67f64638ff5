package org.tend.assessment.domain.instrument;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks that an instrument definition is internally consistent, so that a typo in a data file stops the service at
 * start-up instead of mis-scoring a participant. Returns every fault found; an empty list means valid.
 *
 * <p>Checked: ids and versions present and well formed; option sets non-empty with unique values; item ids and
 * numbers unique; every item's option set exists; reversed items and {@code requiredWhenTotalAbove} only where they
 * make sense; the declared raw (and scaled) range equals the range computed from the items, options and multiplier;
 * bands contiguous, non-overlapping and exactly covering that range; critical items refer to existing items with a
 * threshold that can both fire and not fire; the screening rule names existing bands; LOINC codes well formed with a
 * correct check digit.
 */
public final class DefinitionValidator {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern VERSION = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)");
    private static final Pattern LOINC = Pattern.compile("(\\d{1,7})-(\\d)");
    private static final Pattern LOINC_ANSWER = Pattern.compile("LA\\d{1,7}-\\d");

    private DefinitionValidator() {}

    public static List<String> validate(InstrumentDefinition d) {
        List<String> faults = new ArrayList<>();
        identity(d, faults);
        Set<String> validOptionSets = optionSets(d, faults);
        items(d, validOptionSets, faults);
        boolean itemsUsable = !d.items().isEmpty()
                && d.items().stream().allMatch(i -> validOptionSets.contains(i.optionSet()));
        scoring(d, faults);
        ScoreRange computedRaw = itemsUsable ? computedRawRange(d) : null;
        if (computedRaw != null) {
            ranges(d, computedRaw, faults);
        }
        bands(d, computedRaw, faults);
        criticalItems(d, validOptionSets, faults);
        screening(d, faults);
        return List.copyOf(faults);
    }

    private static void identity(InstrumentDefinition d, List<String> faults) {
        if (blank(d.id())) {
            faults.add("id is blank");
        } else if (!ID.matcher(d.id()).matches()) {
            faults.add("id '" + d.id() + "' is not a lower-case slug such as phq-9");
        }
        if (blank(d.version())) {
            faults.add("version is blank");
        } else if (!VERSION.matcher(d.version()).matches()) {
            faults.add("version '" + d.version() + "' is not MAJOR.MINOR.PATCH such as 1.0.0");
        }
        requireText(d.language(), "language", faults);
        requireText(d.title(), "title", faults);
        requireText(d.recallPeriod(), "recallPeriod", faults);
        requireText(d.stem(), "stem", faults);
        if (d.licence() == null || blank(d.licence().notice())) {
            faults.add("licence notice is blank");
        }
        loinc(d.loincPanel(), "loinc panel code", faults);
        loinc(d.loincTotal(), "loinc total code", faults);
    }

    /** Returns the ids of option sets that are usable (present, unique, non-empty). */
    private static Set<String> optionSets(InstrumentDefinition d, List<String> faults) {
        Set<String> seen = new HashSet<>();
        Set<String> usable = new HashSet<>();
        for (OptionSet set : d.optionSets()) {
            if (blank(set.id())) {
                faults.add("an option set has a blank id");
                continue;
            }
            if (!seen.add(set.id())) {
                faults.add("option set '" + set.id() + "' is declared twice");
                continue;
            }
            if (set.options().isEmpty()) {
                faults.add("option set '" + set.id() + "' has no options");
                continue;
            }
            usable.add(set.id());
            Set<Integer> values = new HashSet<>();
            for (ResponseOption option : set.options()) {
                if (!values.add(option.value())) {
                    faults.add("option set '" + set.id() + "' has value " + option.value() + " more than once");
                }
                if (blank(option.label())) {
                    faults.add("option set '" + set.id() + "' value " + option.value() + " has a blank label");
                }
                if (option.loincAnswerCode() != null && !LOINC_ANSWER.matcher(option.loincAnswerCode()).matches()) {
                    faults.add("option set '" + set.id() + "' value " + option.value() + " has LOINC answer code '"
                            + option.loincAnswerCode() + "', which is not of the form LA1234-5");
                }
            }
        }
        return usable;
    }

    private static void items(InstrumentDefinition d, Set<String> usableOptionSets, List<String> faults) {
        if (d.items().isEmpty()) {
            faults.add("there are no items");
            return;
        }
        if (d.items().stream().noneMatch(Item::scored)) {
            faults.add("no item is scored");
        }
        Set<String> ids = new HashSet<>();
        Set<Integer> numbers = new HashSet<>();
        for (Item item : d.items()) {
            String name = blank(item.id()) ? "item number " + item.number() : "item '" + item.id() + "'";
            if (blank(item.id())) {
                faults.add(name + " has a blank id");
            } else if (!ids.add(item.id())) {
                faults.add(name + " is declared twice");
            }
            if (item.number() < 1) {
                faults.add(name + " has number " + item.number() + "; numbers start at 1");
            } else if (!numbers.add(item.number())) {
                faults.add(name + " reuses number " + item.number());
            }
            requireText(item.text(), name + " text", faults);
            if (blank(item.optionSet())) {
                faults.add(name + " names no option set");
            } else if (d.optionSets().stream().noneMatch(s -> item.optionSet().equals(s.id()))) {
                faults.add(name + " refers to option set '" + item.optionSet() + "', which does not exist");
            } else if (!usableOptionSets.contains(item.optionSet())) {
                faults.add(name + " refers to option set '" + item.optionSet() + "', which is unusable");
            }
            if (item.reversed() && !item.scored()) {
                faults.add(name + " is reversed but not scored; only scored items can be reversed");
            }
            if (item.requiredWhenTotalAbove() != null && item.scored()) {
                faults.add(name + " sets requiredWhenTotalAbove but is scored; scored items are always required");
            }
            loinc(item.loincCode(), name + " LOINC code", faults);
        }
    }

    private static void scoring(InstrumentDefinition d, List<String> faults) {
        ScoringRule scoring = d.scoring();
        if (scoring == null || scoring.method() == null) {
            faults.add("scoring method is missing");
            return;
        }
        if (scoring.multiplier() != null && scoring.multiplier() < 1) {
            faults.add("scoring multiplier " + scoring.multiplier() + " must be a positive whole number");
        }
        if (scoring.multiplier() != null && blank(scoring.scaledScoreLabel())) {
            faults.add("scoring has a multiplier but no scaledScoreLabel naming the scaled score");
        }
        if (scoring.multiplier() == null && scoring.scaledScoreLabel() != null) {
            faults.add("scoring names a scaled score but has no multiplier");
        }
    }

    /** The raw range the items and options give. Reversal maps [min, max] onto itself, so it changes nothing. */
    private static ScoreRange computedRawRange(InstrumentDefinition d) {
        int min = 0;
        int max = 0;
        for (Item item : d.scoredItems()) {
            OptionSet options = d.optionsFor(item);
            min += options.min();
            max += options.max();
        }
        return new ScoreRange(min, max);
    }

    private static void ranges(InstrumentDefinition d, ScoreRange computed, List<String> faults) {
        int min = computed.min();
        int max = computed.max();
        if (d.rawRange() == null) {
            faults.add("raw range is missing; the items give " + computed);
        } else if (!d.rawRange().equals(computed)) {
            faults.add("raw range is declared " + d.rawRange() + " but the items and options give " + computed);
        }
        ScoringRule scoring = d.scoring();
        Integer multiplier = scoring == null ? null : scoring.multiplier();
        if (multiplier == null) {
            if (d.scaledRange() != null) {
                faults.add("scaled range " + d.scaledRange() + " is declared but scoring has no multiplier");
            }
        } else {
            ScoreRange scaled = new ScoreRange(min * multiplier, max * multiplier);
            if (d.scaledRange() == null) {
                faults.add("scaled range is missing; raw " + computed + " × " + multiplier + " gives " + scaled);
            } else if (!d.scaledRange().equals(scaled)) {
                faults.add("scaled range is declared " + d.scaledRange() + " but raw " + computed + " × "
                        + multiplier + " gives " + scaled);
            }
        }
    }

    /**
     * Bands are checked against the range the items give when it is known (a wrong declared range is its own
     * fault), else against the declared range.
     */
    private static void bands(InstrumentDefinition d, ScoreRange computedRaw, List<String> faults) {
        List<Band> bands = d.bands();
        if (bands.isEmpty()) {
            faults.add("there are no bands");
            return;
        }
        Set<String> codes = new HashSet<>();
        for (Band band : bands) {
            if (blank(band.code())) {
                faults.add("a band (" + band.min() + "–" + band.max() + ") has a blank code");
            } else if (!ID.matcher(band.code()).matches()) {
                faults.add("band code '" + band.code() + "' is not a lower-case slug such as moderately-severe");
            } else if (!codes.add(band.code())) {
                faults.add("band '" + band.code() + "' is declared twice");
            }
            if (blank(band.label())) {
                faults.add("band '" + band.code() + "' has a blank label");
            }
            if (band.min() > band.max()) {
                faults.add("band '" + band.code() + "' runs backwards: " + band.min() + " > " + band.max());
            }
        }
        if (bands.stream().anyMatch(b -> b.basis() == null)) {
            faults.add("a band does not say whether it is on the raw or the scaled score");
            return;
        }
        if (bands.stream().map(Band::basis).distinct().count() > 1) {
            faults.add("bands mix raw and scaled scores; all bands must be on the same score");
            return;
        }
        ScoreBasis basis = bands.get(0).basis();
        if (basis == ScoreBasis.SCALED && (d.scoring() == null || d.scoring().multiplier() == null)) {
            faults.add("bands are on the scaled score but scoring has no multiplier");
            return;
        }
        ScoreRange raw = computedRaw != null ? computedRaw : d.rawRange();
        ScoreRange range = basis == ScoreBasis.RAW || raw == null
                ? raw
                : new ScoreRange(raw.min() * d.scoring().multiplier(), raw.max() * d.scoring().multiplier());
        if (range == null) {
            return; // reported as a missing range
        }
        List<Band> ordered = bands.stream().sorted(Comparator.comparingInt(Band::min)).toList();
        if (!ordered.equals(bands)) {
            faults.add("bands are not listed from lowest to highest score");
        }
        Band first = ordered.get(0);
        if (first.min() != range.min()) {
            faults.add("lowest band '" + first.code() + "' starts at " + first.min() + " but the "
                    + basis.name().toLowerCase() + " score starts at " + range.min());
        }
        for (int i = 1; i < ordered.size(); i++) {
            Band previous = ordered.get(i - 1);
            Band next = ordered.get(i);
            if (next.min() <= previous.max()) {
                faults.add("band '" + next.code() + "' (" + next.min() + "–" + next.max() + ") overlaps band '"
                        + previous.code() + "' (" + previous.min() + "–" + previous.max() + ")");
            } else if (next.min() > previous.max() + 1) {
                faults.add("scores " + (previous.max() + 1) + "–" + (next.min() - 1) + " fall between band '"
                        + previous.code() + "' and band '" + next.code() + "' and have no band");
            }
        }
        Band last = ordered.get(ordered.size() - 1);
        if (last.max() != range.max()) {
            faults.add("highest band '" + last.code() + "' ends at " + last.max() + " but the "
                    + basis.name().toLowerCase() + " score ends at " + range.max());
        }
    }

    private static void criticalItems(InstrumentDefinition d, Set<String> usableOptionSets, List<String> faults) {
        Set<String> rules = new HashSet<>();
        for (CriticalItemRule rule : d.criticalItems()) {
            String name = "critical item rule '" + rule.rule() + "'";
            if (blank(rule.rule())) {
                faults.add("a critical item rule has a blank rule code");
            } else if (!rules.add(rule.rule())) {
                faults.add(name + " is declared twice");
            }
            if (blank(rule.meaning())) {
                faults.add(name + " does not say what it means");
            }
            Item item = rule.itemId() == null ? null : d.item(rule.itemId()).orElse(null);
            if (item == null) {
                faults.add(name + " refers to item '" + rule.itemId() + "', which does not exist");
                continue;
            }
            if (!usableOptionSets.contains(item.optionSet())) {
                continue; // reported with the item
            }
            OptionSet options = d.optionsFor(item);
            if (rule.atLeast() > options.max()) {
                faults.add(name + " fires at ≥ " + rule.atLeast() + " but item '" + item.id()
                        + "' never exceeds " + options.max() + ", so it can never fire");
            } else if (rule.atLeast() <= options.min()) {
                faults.add(name + " fires at ≥ " + rule.atLeast() + " but every answer to item '" + item.id()
                        + "' is ≥ " + options.min() + ", so it would always fire");
            }
        }
    }

    private static void screening(InstrumentDefinition d, List<String> faults) {
        ScreeningRule screening = d.screensFor();
        if (screening == null) {
            return;
        }
        if (blank(screening.instrumentId())) {
            faults.add("screensFor names no instrument");
        } else if (screening.instrumentId().equals(d.id())) {
            faults.add("screensFor names the instrument itself");
        }
        if (screening.positiveBands().isEmpty()) {
            faults.add("screensFor lists no positive bands");
        }
        for (String code : screening.positiveBands()) {
            if (d.bands().stream().noneMatch(b -> b.code().equals(code))) {
                faults.add("screensFor positive band '" + code + "' is not a band of this instrument");
            }
        }
    }

    private static void loinc(String code, String what, List<String> faults) {
        if (code == null) {
            return;
        }
        var matcher = LOINC.matcher(code);
        if (!matcher.matches()) {
            faults.add(what + " '" + code + "' is not of the form 12345-6");
        } else if (checkDigit(matcher.group(1)) != Integer.parseInt(matcher.group(2))) {
            faults.add(what + " '" + code + "' has a wrong check digit (expected " + checkDigit(matcher.group(1))
                    + "); is it mistyped?");
        }
    }

    /** LOINC's mod-10 check digit (the Luhn algorithm over the code's digits). */
    static int checkDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return (10 - sum % 10) % 10;
    }

    private static void requireText(String value, String what, List<String> faults) {
        if (blank(value)) {
            faults.add(what + " is blank");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
