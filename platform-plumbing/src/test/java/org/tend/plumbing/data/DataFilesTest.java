package org.tend.plumbing.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The strict reader: every fault of a file at once, each with its place in the document, its rule and its line. */
class DataFilesTest {

    private static final String SCHEMA = "data/sample.schema.json";
    private static final String FILE = "sample.yaml";

    record Sample(String version, List<Entry> entries) {}

    record Entry(String id, String level, Integer weeks, List<String> tags) {}

    @TempDir
    Path root;

    @Test
    void aValidFileIsBoundToTheRecord() throws IOException {
        Sample sample = read("""
                version: 1.0.0
                entries:
                  - {id: first, level: low, weeks: 6, tags: [a, b]}
                  - id: second
                    level: high
                """);

        assertThat(sample).isEqualTo(new Sample("1.0.0", List.of(new Entry("first", "low", 6, List.of("a", "b")),
                new Entry("second", "high", null, null))));
    }

    @Test
    void aDuplicateKeyIsAFaultWithItsLine() throws IOException {
        assertThat(faultsOf("""
                version: 1.0.0
                entries:
                  - id: first
                    level: low
                    level: high
                """)).singleElement().asString()
                .startsWith("not readable YAML: Duplicate field 'level'").endsWith("(line 5)");
    }

    @Test
    void aDecimalWhereAWholeNumberBelongsIsAFault() throws IOException {
        assertThat(faultsOf("""
                version: 1.0.0
                entries:
                  - {id: first, level: low, weeks: 1.5}
                """)).containsExactly("entries[0].weeks: must be a whole number, found 1.5 (line 3)");
    }

    @Test
    void aWholeDecimalIsRefusedByTheBinderThatDraft2020AcceptsAsAnInteger() throws IOException {
        assertThat(faultsOf("""
                version: 1.0.0
                entries:
                  - id: first
                    level: low
                    weeks: 2.0
                """)).containsExactly("entries[0].weeks: must be a whole number, found 2.0 (line 5)");
    }

    @Test
    void textWhereANumberBelongsIsAFault() throws IOException {
        assertThat(faultsOf("""
                version: 1.0.0
                entries:
                  - {id: first, level: low, weeks: "3"}
                """)).containsExactly("entries[0].weeks: must be a whole number, found '3' (line 3)");
    }

    @Test
    void anUnknownFieldIsNamedWithTheKnownOnes() throws IOException {
        assertThat(faultsOf("""
                version: 1.0.0
                entries:
                  - id: first
                    levle: low
                """)).containsExactly(
                "entries[0].level: required field is missing (line 3)",
                "entries[0].levle: unknown field; known fields: [id, level, tags, weeks] (line 4)");
    }

    @Test
    void aFaultIsOnTheLineOfItsKeyEvenWhenItsValueStartsBelow() throws IOException {
        assertThat(faultsOf("""
                version: 1.0.0
                entries:
                  - {id: first, level: low}
                extra:
                  # a comment
                  nested: 1
                """)).containsExactly("extra: unknown field; known fields: [entries, version] (line 4)");
    }

    @Test
    void aMissingRequiredFieldIsNamedWhereItBelongs() throws IOException {
        assertThat(faultsOf("""
                entries:
                  - {id: first, level: low}
                """)).containsExactly("version: required field is missing");
    }

    @Test
    void aValueOutsideItsEnumerationIsNamedWithTheAllowedOnes() throws IOException {
        assertThat(faultsOf("""
                version: 1.0.0
                entries:
                  - {id: first, level: medium}
                """)).containsExactly("entries[0].level: 'medium' is not one of [low, high] (line 3)");
    }

    /** The slug's rule is worded by the schema's errorMessage; the version's is the validator's own. */
    @Test
    void everyFaultIsReportedAtOnceInTheOrderOfTheFile() throws IOException {
        DataFileException thrown = thrownBy("""
                version: one
                entries:
                  - {id: First, level: low, weeks: 0}
                  - id: second
                    level: high
                    tags: [ok, " "]
                  - {id: third}
                """);

        assertThat(thrown.file()).isEqualTo(FILE);
        assertThat(thrown.faults()).containsExactly(
                "version: does not match the regex pattern ^\\d+\\.\\d+\\.\\d+$, found 'one' (line 1)",
                "entries[0].id: must be a slug such as phq-9, found 'First' (line 3)",
                "entries[0].weeks: must have a minimum value of 1, found 0 (line 3)",
                "entries[1].tags[1]: does not match the regex pattern \\S, found ' ' (line 6)",
                "entries[2].level: required field is missing (line 7)");
        assertThat(thrown.getMessage()).startsWith(FILE + ": 5 faults: version: ").doesNotContain("\n");
    }

    @Test
    void aSchemaMayWordARuleForPeople() throws IOException {
        assertThat(faultsOf("""
                version: 1.0.0
                entries:
                  - {id: 7, level: low}
                """)).containsExactly("entries[0].id: must be a slug such as phq-9, found 7 (line 3)");
    }

    @Test
    void aListThatMustNotBeEmptyIsAFault() throws IOException {
        assertThat(faultsOf("""
                version: 1.0.0
                entries: []
                """)).containsExactly("entries: must have at least 1 items but found 0 (line 2)");
    }

    @Test
    void malformedYamlIsAFaultWithItsLine() throws IOException {
        assertThat(faultsOf("""
                version: 1.0.0
                entries:
                  - {id: first, level: [low}
                """)).singleElement().asString().startsWith("not readable YAML: ").endsWith("(line 3)");
    }

    @Test
    void anEmptyFileIsAFault() throws IOException {
        assertThat(faultsOf("# only a comment\n")).containsExactly("the file is empty");
        assertThat(faultsOf("")).containsExactly("the file is empty");
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        DataFileException thrown = catchThrowableOfType(DataFileException.class,
                () -> DataFiles.read("no-such.yaml", SCHEMA, Sample.class, loader()));

        assertThat(thrown.file()).isEqualTo("no-such.yaml");
        assertThat(thrown.getMessage()).isEqualTo("no-such.yaml: not found on the classpath");
    }

    @Test
    void aMissingSchemaIsNamed() throws IOException {
        write(FILE, "version: 1.0.0\n");

        DataFileException thrown = catchThrowableOfType(DataFileException.class,
                () -> DataFiles.read(FILE, "data/no-such.schema.json", Sample.class, loader()));

        assertThat(thrown.file()).isEqualTo("data/no-such.schema.json");
        assertThat(thrown.getMessage()).isEqualTo("data/no-such.schema.json: not found on the classpath");
    }

    @Test
    void aSchemaThatIsNotJsonIsNamed() throws IOException {
        write(FILE, "version: 1.0.0\n");
        write("broken.schema.json", "{\"type\": \"object\",\n \"type\": \"array\"}");

        DataFileException thrown = catchThrowableOfType(DataFileException.class,
                () -> DataFiles.read(FILE, "broken.schema.json", Sample.class, loader()));

        assertThat(thrown.file()).isEqualTo("broken.schema.json");
        assertThat(thrown.getMessage()).contains("not readable JSON: Duplicate field 'type'").endsWith("(line 2)");
    }

    // ---------------------------------------------------------------- helpers

    private Sample read(String yaml) throws IOException {
        write(FILE, yaml);
        return DataFiles.read(FILE, SCHEMA, Sample.class, loader());
    }

    private List<String> faultsOf(String yaml) throws IOException {
        return thrownBy(yaml).faults();
    }

    private DataFileException thrownBy(String yaml) throws IOException {
        write(FILE, yaml);
        URLClassLoader loader = loader();
        DataFileException thrown = catchThrowableOfType(DataFileException.class,
                () -> DataFiles.read(FILE, SCHEMA, Sample.class, loader));
        assertThat(thrown).as("reading\n" + yaml).isNotNull();
        assertThat(thrown.file()).isEqualTo(FILE);
        return thrown;
    }

    private URLClassLoader loader() throws IOException {
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, DataFilesTest.class.getClassLoader());
    }

    private void write(String resource, String content) throws IOException {
        Files.writeString(root.resolve(resource), content);
    }
}
