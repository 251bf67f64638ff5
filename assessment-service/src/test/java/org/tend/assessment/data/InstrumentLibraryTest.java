package org.tend.assessment.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tend.assessment.domain.instrument.InstrumentDefinition;
import org.tend.plumbing.data.DataFileException;

class InstrumentLibraryTest {

    private static InstrumentDefinition gad2(String version) {
        InstrumentDefinition d = ShippedInstruments.get("gad-2");
        return new InstrumentDefinition(d.id(), version, d.language(), d.title(), d.recallPeriod(), d.instructions(),
                d.stem(), d.optionSets(), d.items(), d.scoring(), d.rawRange(), d.scaledRange(), d.bands(),
                d.criticalItems(), null, d.licence(), d.loincPanel(), d.loincTotal());
    }

    @Nested
    class Lookup {

        private final InstrumentLibrary library = InstrumentLibrary.of(List.of(gad2("1.9.0"), gad2("1.10.0"),
                gad2("1.2.3")));

        @Test
        void findByIdReturnsTheNewestVersionComparedNumerically() {
            assertThat(library.find("gad-2")).map(InstrumentDefinition::version).hasValue("1.10.0");
        }

        @Test
        void findByIdAndVersionReturnsThatVersion() {
            assertThat(library.find("gad-2", "1.9.0")).map(InstrumentDefinition::version).hasValue("1.9.0");
            assertThat(library.find("gad-2", "2.0.0")).isEmpty();
        }

        @Test
        void unknownInstrumentsAreAbsent() {
            assertThat(library.find("phq-9")).isEmpty();
            assertThat(library.find("phq-9", "1.0.0")).isEmpty();
        }

        @Test
        void allListsEveryVersionOldestFirst() {
            assertThat(library.all()).extracting(InstrumentDefinition::version)
                    .containsExactly("1.2.3", "1.9.0", "1.10.0");
        }

        @Test
        void theShippedLibraryFindsEachInstrumentAtItsOnlyVersion() {
            assertThat(ShippedInstruments.LIBRARY.find("phq-9", "1.0.0")).isPresent();
            assertThat(ShippedInstruments.LIBRARY.find("who-5")).map(InstrumentDefinition::title)
                    .hasValue("World Health Organization–Five Well-Being Index (WHO-5)");
        }

        @Test
        void theShippedLibraryLoadsWithOrWithoutATrailingSlash() {
            assertThat(InstrumentLibrary.loadFromClasspath("instruments").all()).hasSize(7);
        }
    }

    @Nested
    class InMemoryDefinitionsAreValidatedToo {

        @Test
        void anInvalidDefinitionIsRefused() {
            InstrumentDefinition broken = gad2("not-a-version");

            assertThatThrownBy(() -> InstrumentLibrary.of(List.of(broken)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("gad-2@not-a-version: version 'not-a-version' is not MAJOR.MINOR.PATCH");
        }

        @Test
        void theSameVersionTwiceIsRefused() {
            assertThatThrownBy(() -> InstrumentLibrary.of(List.of(gad2("1.0.0"), gad2("1.0.0"))))
                    .hasMessageContaining("gad-2@1.0.0: is given twice");
        }
    }

    @Nested
    class RefusingToStart {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
            malformed-yaml      | gad-2/1.0.0.yaml: not readable YAML: mapping values are not allowed here
            unknown-field       | gad-2/1.0.0.yaml: bnads: unknown field; known fields: [bands, codes, criticalItems, id, instructions, items, language, licence, optionSets, range, recallPeriod, scoring, screensFor, stem, title, version] (line 29)
            duplicate-key       | gad-2/1.0.0.yaml: not readable YAML: Duplicate field 'title' (line 9)
            float-value         | gad-2/1.0.0.yaml: optionSets[0].options[1].value: must be a whole number, found 1.5 (line 19)
            overlapping-bands   | gad-2/1.0.0.yaml: band 'positive' (2–6) overlaps band 'negative' (0–2)
            wrong-range         | gad-2/1.0.0.yaml: raw range is declared 0–7 but the items and options give 0–6
            missing-number      | gad-2/1.0.0.yaml: items[1].number: required field is missing (line 24)
            unknown-basis       | gad-2/1.0.0.yaml: bands.basis: 'percent' is not one of [raw, scaled] (line 32)
            wrong-path          | gad-2/1.0.0.yaml: declares id 'gad-2' and version '1.0.1', so it must be at gad-2/1.0.1.yaml
            missing-file        | gad-7/1.0.0.yaml: not found on the classpath
            screens-for-missing | gad-2/1.0.0.yaml: screensFor names instrument 'gad-7', which is not in the library
            bad-index-entry     | index.yaml: [1]: must be of the form <id>/<version>.yaml, found '../instruments/phq-9/1.0.0.yaml' (line 3)
            empty-index         | index.yaml: lists no instrument files (line 2)
            """)
        void namesTheFileAndTheFault(String fixture, String fault) {
            String root = "bad-instruments/" + fixture + "/";

            DataFileException e = catchThrowableOfType(DataFileException.class,
                    () -> InstrumentLibrary.loadFromClasspath(root));

            assertThat(e).as("loading %s must fail", fixture).isNotNull();
            assertThat(e.getMessage()).contains(root + fault);
            assertThat(e.file()).isEqualTo(root + "index.yaml");
        }

        @Test
        void aDuplicateKeyIsNamed() {
            assertThatThrownBy(() -> InstrumentLibrary.loadFromClasspath("bad-instruments/duplicate-key/"))
                    .hasMessageContaining("duplicate-key/gad-2/1.0.0.yaml: not readable YAML: Duplicate field 'title'");
        }

        @Test
        void theYamlSyntaxErrorGivesItsLine() {
            assertThatThrownBy(() -> InstrumentLibrary.loadFromClasspath("bad-instruments/malformed-yaml/"))
                    .hasMessageMatching("(?s).*malformed-yaml/gad-2/1\\.0\\.0\\.yaml: not readable YAML: .*\\(line 5\\).*");
        }

        @Test
        void everyFaultyFileIsReportedNotOnlyTheFirst() {
            DataFileException e = catchThrowableOfType(DataFileException.class,
                    () -> InstrumentLibrary.loadFromClasspath("bad-instruments/two-bad-files/"));

            assertThat(e.faults()).containsExactly(
                    "bad-instruments/two-bad-files/gad-2/1.0.0.yaml: raw range is declared 0–7 but the items and "
                            + "options give 0–6",
                    "bad-instruments/two-bad-files/gad-2/1.1.0.yaml: scores 2–2 fall between band 'negative' and "
                            + "band 'positive' and have no band");
        }

        @Test
        void aMissingIndexIsNamed() {
            assertThatThrownBy(() -> InstrumentLibrary.loadFromClasspath("no-such-folder/"))
                    .isInstanceOf(DataFileException.class)
                    .hasMessageContaining("no-such-folder/index.yaml: not found on the classpath");
        }
    }
}
