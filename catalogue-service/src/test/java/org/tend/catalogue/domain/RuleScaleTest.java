package org.tend.catalogue.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tend.catalogue.data.CatalogueLoader;
import org.tend.catalogue.data.LoadedCatalogue;
import org.tend.catalogue.domain.recommendation.CatalogueRecommender;

/** Totals are routed on the scale the stepped-care rules are written on, or refused when that cannot be done safely. */
class RuleScaleTest {

    private static final LoadedCatalogue SHIPPED = new CatalogueLoader().loadDefault();
    private static final CatalogueRecommender RECOMMENDER =
            new CatalogueRecommender(SHIPPED.catalogue(), SHIPPED.steppedCare());

    @ParameterizedTest(name = "{0} {1} on {2}..{3} → {4}")
    @CsvSource({
            "phq-9,  17, 0, 27,  17",  // the rules' own range
            "who-5,  48, 0, 100, 48",  // WHO-5 percentage score, as the rules are written
            "who-5,  12, 0, 25,  48",  // WHO-5 raw score: × 4 onto the percentage
            "who-5,  25, 0, 25,  100",
            "pss-10, 40, 0, 40,  40"}) // no rules for PSS-10: kept as sent, never routed
    void putsTheTotalOnTheRulesScale(String instrument, int total, int min, int max, int expected) {
        assertThat(RECOMMENDER.toRuleScale(instrument, total, min, max)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} on {2}..{3}")
    @CsvSource({
            "phq-9, 28, 0, 27",   // outside its own range
            "phq-9, 10, 0, 20",   // a range the rules' range is no multiple of
            "who-5, 10, 5, 25",   // does not start at 0
            "gad-7, 3,  7, 2"})   // inverted range
    void refusesWhatCannotBeRoutedSafely(String instrument, int total, int min, int max) {
        assertThatThrownBy(() -> RECOMMENDER.toRuleScale(instrument, total, min, max))
                .isInstanceOf(UnroutableOutcomeException.class);
    }
}
