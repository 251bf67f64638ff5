package org.tend.catalogue.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        assertThat(loaded.steppedCare().version()).isEqualTo("1.0.0");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "duplicate-id.yaml                    | intervention 'universal-thing': duplicate id",
            "unknown-format.yaml                  | intervention 'low-thing': unknown formats value 'telepathy'; known: [individual, group, self-guided, digital]",
            "unknown-target.yaml                  | intervention 'universal-thing': unknown targets value 'happiness'; known: [depression, wellbeing]",
            "unknown-level.yaml                   | intervention 'low-thing': unknown suitableSeverities value 'step-5'",
            "safety-as-severity.yaml              | intervention 'high-thing': unknown suitableSeverities value 'safety'",
            "level-without-intervention.yaml      | no intervention is suitable at step-4",
            "unknown-field.yaml                   | unknown field 'evidenceStrenght' at interventions[0].evidenceStrenght; known fields: [approach, evidenceNote, evidenceStrength,",
            "missing-evidence-strength.yaml       | intervention 'universal-thing' has no evidenceStrength",
            "unknown-evidence-strength.yaml       | intervention 'universal-thing': unknown evidenceStrength value 'anecdotal'",
            "unknown-intensity.yaml               | intervention 'low-thing': unknown intensity value 'medium'",
            "bad-slug.yaml                        | intervention 'High Thing': id is not a slug",
            "bad-catalogue-version.yaml           | catalogueVersion must look like 1.0.0, found '1.0'",
            "bad-snomed.yaml                      | intervention 'universal-thing': snomed.code must be SNOMED CT digits, found 'ABC'",
            "duplicate-key.yaml                   | Duplicate field 'name' (line 19)",
            "not-yaml.yaml                        | not readable: while parsing a flow sequence",
            "empty.yaml                           | the file is empty"})
    void rejectsABadInterventionsFile(String file, String fault) {
        CatalogueDataException thrown = catchThrowableOfType(CatalogueDataException.class,
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
            "unknown-instrument.yaml       | rule 'who-low' names unknown instrument 'pss-10'; known: [phq-9, who-5]",
            "instrument-without-rules.yaml | instrument who-5 has no rules",
            "rule-level-safety.yaml        | rule 'phq-high': level 'safety' is not a step of care",
            "rule-unknown-level.yaml       | rule 'phq-high': level 'step-9' is not a step of care",
            "unknown-placeholder.yaml      | rule 'phq-mid': reasonTemplate uses unknown placeholder {score}",
            "missing-level.yaml            | levels: step-4 is not described",
            "duplicate-rule-id.yaml        | rule 'who-low': duplicate rule id",
            "missing-safety.yaml           | safety is missing",
            "inverted-range.yaml           | instrument 'phq-9': minScore 27 is above maxScore 0"})
    void rejectsABadSteppedCareFile(String file, String fault) {
        CatalogueDataException thrown = catchThrowableOfType(CatalogueDataException.class,
                () -> loader.load(VALID_INTERVENTIONS, DIR + file.strip()));

        assertThat(thrown).as("loading " + file).isNotNull();
        assertThat(thrown.file()).isEqualTo(DIR + file.strip());
        assertThat(thrown.getMessage()).startsWith(DIR + file.strip() + ": ").contains(fault.strip())
                .doesNotContain("\n");
    }

    @Test
    void reportsEveryFaultOfAFileAtOnce() {
        CatalogueDataException thrown = catchThrowableOfType(CatalogueDataException.class,
                () -> loader.load(DIR + "two-faults.yaml", VALID_STEPPED_CARE));

        assertThat(thrown.faults()).hasSize(2);
        assertThat(thrown.getMessage()).startsWith(DIR + "two-faults.yaml: 2 faults: ")
                .contains("unknown formats value 'telepathy'", "unknown intensity value 'extreme'");
    }

    @Test
    void aMissingFileIsNamed() {
        CatalogueDataException thrown = catchThrowableOfType(CatalogueDataException.class,
                () -> loader.load(DIR + "no-such-file.yaml", VALID_STEPPED_CARE));

        assertThat(thrown.getMessage()).isEqualTo(DIR + "no-such-file.yaml: not found on the classpath");
    }
}
