package org.tend.catalogue.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tend.plumbing.data.DataFileException;

/** Bad data stops start-up with the file and the fault named (fixtures in src/test/resources/bad-catalogue/). */
class CatalogueLoaderTest {

    private static final String DIR = "bad-catalogue/";
    private static final String VALID_INTERVENTIONS = DIR + "valid-interventions.yaml";
    private static final String VALID_STEPPED_CARE = DIR + "valid-stepped-care.yaml";

    private final CatalogueLoader loader = new CatalogueLoader();

    @Test
    void theValidFixturesLoad() {
        LoadedCatalogue loaded = loader.load(VALID_INTERVENTIONS, VALID_STEPPED_CARE);

        assertThat(loaded.catalogue().interventions()).hasSize(3);
        assertThat(loaded.steppedCare().rules()).hasSize(5);
    }

    @Test
    void theShippedFilesLoad() {
        LoadedCatalogue loaded = loader.loadDefault();

        assertThat(loaded.catalogue().version()).isEqualTo("1.0.0");
        assertThat(loaded.steppedCare().version()).isEqualTo("1.1.0");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "duplicate-id.yaml                    | interventions[1].id: duplicate id 'universal-thing'",
            "unknown-format.yaml                  | interventions[1].formats[1]: 'telepathy' is not one of [individual, group, self-guided, digital] (line 20)",
            "unknown-target.yaml                  | interventions[0].targets[1]: 'happiness' is not in targetVocabulary [depression, wellbeing]",
            "unknown-level.yaml                   | interventions[1].suitableLevels[1]: 'step-5' is not one of [universal, step-1-2, step-2, step-3, step-4] (line 24)",
            "safety-as-severity.yaml              | interventions[2].suitableLevels[2]: 'safety' is not one of [universal, step-1-2, step-2, step-3, step-4] (line 34)",
            "level-without-intervention.yaml      | no intervention is suitable at step-4",
            "unknown-field.yaml                   | interventions[0].evidenceStrenght: unknown field; known fields: [approach, evidenceNote, evidenceStrength, formats, id, intensity, name, snomed, suitableLevels, targets, typicalDuration] (line 16)",
            "missing-evidence-strength.yaml       | interventions[0].evidenceStrength: required field is missing (line 7)",
            "unknown-evidence-strength.yaml       | interventions[0].evidenceStrength: 'anecdotal' is not one of [nice-recommended, some-evidence, limited, insufficient] (line 16)",
            "unknown-intensity.yaml               | interventions[1].intensity: 'medium' is not one of [self-help, low, high] (line 25)",
            "bad-slug.yaml                        | interventions[2].id: must be a slug such as art-therapy (lower-case letters and digits joined by hyphens), found 'High Thing' (line 27)",
            "bad-catalogue-version.yaml           | catalogueVersion: must be MAJOR.MINOR.PATCH such as 1.0.0, found 1.0 (line 2)",
            "bad-snomed.yaml                      | interventions[0].snomed.code: must be SNOMED CT digits, found 'ABC' (line 17)",
            "duplicate-key.yaml                   | not readable YAML: Duplicate field 'name' (line 19)",
            "not-yaml.yaml                        | not readable YAML: while parsing a flow sequence",
            "empty.yaml                           | the file is empty"})
    void rejectsABadInterventionsFile(String file, String fault) {
        DataFileException thrown = catchThrowableOfType(DataFileException.class,
                () -> loader.load(DIR + file.strip(), VALID_STEPPED_CARE));

        assertThat(thrown).as("loading " + file).isNotNull();
        assertThat(thrown.file()).isEqualTo(DIR + file.strip());
        assertThat(thrown.getMessage()).startsWith(DIR + file.strip() + ": ").contains(fault.strip())
                .doesNotContain("\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "gap.yaml                      | gap in phq-9: totals 10 match no rule",
            "overlap.yaml                  | overlap in phq-9: rules phq-low and phq-mid both match 9",
            "outside-range.yaml            | rule phq-high (20..30) reaches outside the score range of phq-9 (0..27)",
            "unknown-instrument.yaml       | rules[3].instrumentId: unknown instrument 'pss-10'; known: [phq-9, who-5]",
            "instrument-without-rules.yaml | instrument who-5 has no rules",
            "rule-level-safety.yaml        | rules[2].level: 'safety' is not one of [universal, step-1-2, step-2, step-3, step-4] (line 23)",
            "rule-unknown-level.yaml       | rules[2].level: 'step-9' is not one of [universal, step-1-2, step-2, step-3, step-4] (line 23)",
            "unknown-placeholder.yaml      | rules[1].reasonTemplate: uses unknown placeholder {score}; known: [band, instrument, total]",
            "missing-level.yaml            | levels: step-4 is not described",
            "duplicate-rule-id.yaml        | rules[4].id: duplicate rule id 'who-low'",
            "missing-safety.yaml           | safety: required field is missing",
            "inverted-range.yaml           | instruments[0]: minScore 27 is above maxScore 0",
            "safety-placeholder.yaml       | safety.reasonTemplate: uses [instrument, total], but the safety pathway is entered by a care hold"})
    void rejectsABadSteppedCareFile(String file, String fault) {
        DataFileException thrown = catchThrowableOfType(DataFileException.class,
                () -> loader.load(VALID_INTERVENTIONS, DIR + file.strip()));

        assertThat(thrown).as("loading " + file).isNotNull();
        assertThat(thrown.file()).isEqualTo(DIR + file.strip());
        assertThat(thrown.getMessage()).startsWith(DIR + file.strip() + ": ").contains(fault.strip())
                .doesNotContain("\n");
    }

    @Test
    void reportsEveryFaultOfAFileAtOnce() {
        DataFileException thrown = catchThrowableOfType(DataFileException.class,
                () -> loader.load(DIR + "two-faults.yaml", VALID_STEPPED_CARE));

        assertThat(thrown.faults()).hasSize(2);
        assertThat(thrown.faults()).containsExactly(
                "interventions[2].formats[0]: 'telepathy' is not one of [individual, group, self-guided, digital]"
                        + " (line 30)",
                "interventions[2].intensity: 'extreme' is not one of [self-help, low, high] (line 35)");
        assertThat(thrown.getMessage()).startsWith(DIR + "two-faults.yaml: 2 faults: ");
    }

    @Test
    void aMissingFileIsNamed() {
        DataFileException thrown = catchThrowableOfType(DataFileException.class,
                () -> loader.load(DIR + "no-such-file.yaml", VALID_STEPPED_CARE));

        assertThat(thrown.getMessage()).isEqualTo(DIR + "no-such-file.yaml: not found on the classpath");
    }
}
