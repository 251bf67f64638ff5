package org.tend.assessment.domain.instrument;

import java.util.List;
import java.util.Optional;

/**
 * One version of a validated questionnaire, as data: items, answers, scoring, bands, safety rules and licence.
 * A result is only meaningful together with the {@code id} and {@code version} that scored it (docs/clinical-basis.md
 * §2.1); a change to any figure is a new version.
 *
 * <p>The record does not check itself: {@link DefinitionValidator} does, so that a broken file can be reported with
 * every fault at once.
 *
 * @param id instrument id, a slug such as {@code phq-9}
 * @param version semantic version of this definition, e.g. {@code 1.0.0}
 * @param language language of the item texts (BCP 47), e.g. {@code en}
 * @param title full name
 * @param recallPeriod period the answers refer to, e.g. "last 2 weeks"
 * @param instructions instructions shown before the items, or {@code null}
 * @param stem the question that introduces every item, e.g. "Over the last 2 weeks, how often…"
 * @param optionSets the answer lists the items refer to
 * @param items the items in form order
 * @param scoring how the raw (and scaled) score is computed
 * @param rawRange declared range of the raw score
 * @param scaledRange declared range of the scaled score; {@code null} when the scoring has no multiplier
 * @param bands contiguous bands covering the range of the score they are on
 * @param criticalItems answers that raise a safety concern whatever the total
 * @param screensFor follow-up made due by a positive screen, or {@code null}
 * @param licence copyright/licence notice
 * @param loincPanel LOINC panel code, or {@code null} where the clinical basis gives none
 * @param loincTotal LOINC total-score code, or {@code null} where the clinical basis gives none
 */
public record InstrumentDefinition(
        String id,
        String version,
        String language,
        String title,
        String recallPeriod,
        String instructions,
        String stem,
        List<OptionSet> optionSets,
        List<Item> items,
        ScoringRule scoring,
        ScoreRange rawRange,
        ScoreRange scaledRange,
        List<Band> bands,
        List<CriticalItemRule> criticalItems,
        ScreeningRule screensFor,
        Licence licence,
        String loincPanel,
        String loincTotal) {

    public InstrumentDefinition {
        optionSets = optionSets == null ? List.of() : List.copyOf(optionSets);
        items = items == null ? List.of() : List.copyOf(items);
        bands = bands == null ? List.of() : List.copyOf(bands);
        criticalItems = criticalItems == null ? List.of() : List.copyOf(criticalItems);
    }

    public Optional<Item> item(String itemId) {
        return items.stream().filter(i -> i.id().equals(itemId)).findFirst();
    }

    public Optional<OptionSet> optionSet(String optionSetId) {
        return optionSets.stream().filter(s -> s.id().equals(optionSetId)).findFirst();
    }

    /** The options of an item; the definition must be valid (every item's option set exists). */
    public OptionSet optionsFor(Item item) {
        return optionSet(item.optionSet())
                .orElseThrow(() -> new IllegalStateException(
                        id + " " + version + ": item " + item.id() + " refers to unknown option set " + item.optionSet()));
    }

    public List<Item> scoredItems() {
        return items.stream().filter(Item::scored).toList();
    }

    /** The score the bands are on: raw unless the bands say scaled. */
    public ScoreBasis bandBasis() {
        return bands.isEmpty() ? ScoreBasis.RAW : bands.get(0).basis();
    }

    /** The range of the score the bands are on. */
    public ScoreRange bandedRange() {
        return bandBasis() == ScoreBasis.SCALED ? scaledRange : rawRange;
    }

    /** The band containing {@code score}, a score on {@link #bandBasis()}. */
    public Optional<Band> bandFor(int score) {
        return bands.stream().filter(b -> b.contains(score)).findFirst();
    }

    @Override
    public String toString() {
        return id + "@" + version;
    }
}
