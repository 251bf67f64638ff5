package org.tend.progress.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tend.plumbing.data.DataFileException;
import org.tend.progress.domain.outcome.ChangeMethod;
import org.tend.progress.domain.outcome.Direction;
import org.tend.progress.domain.outcome.OutcomeFixtures;
import org.tend.progress.domain.outcome.OutcomeMeasure;
import org.tend.progress.domain.outcome.OutcomeMeasures;
import org.tend.progress.domain.outcome.ScoreRange;
import org.tend.progress.domain.review.ReviewPolicy;
import org.tend.progress.domain.review.ReviewRule;

/**
 * The shipped data says exactly what the clinical basis says, and a bad edit stops the start with the file and
 * the fault named. Bad files are the shipped ones with one edit each, written to a temporary classpath root.
 */
class OutcomeDataLoaderTest {

    @TempDir
    Path root;

    // ---------------------------------------------------------------- the shipped data

    @Test
    void theShippedMeasuresAreTheReferenceFigures() {
        OutcomeMeasures shipped = new OutcomeDataLoader().loadDefault().measures();

        assertThat(shipped.version()).isEqualTo("1.1.0");
        assertThat(shipped.instruments().keySet())
                .containsExactlyInAnyOrder("phq-9", "gad-7", "who-5", "phq-2", "gad-2", "pss-10", "k10");
        // PHQ-9, GAD-7 and WHO-5 with every method and number exactly as in the fixtures written from the clinical basis.
        for (OutcomeMeasure expected : java.util.List.of(OutcomeFixtures.PHQ9, OutcomeFixtures.GAD7,
                OutcomeFixtures.WHO5)) {
            assertThat(shipped.of(expected.instrumentId())).contains(expected);
        }
        // The rest: direction and range from §3, and not classified, with the reason shown.
        for (OutcomeMeasure expected : java.util.List.of(OutcomeFixtures.PHQ2, OutcomeFixtures.GAD2,
                OutcomeFixtures.PSS10, OutcomeFixtures.K10)) {
            OutcomeMeasure measure = shipped.of(expected.instrumentId()).orElseThrow();
            assertThat(measure.direction()).isEqualTo(Direction.LOWER_IS_BETTER);
            assertThat(measure.range()).isEqualTo(expected.range());
            assertThat(measure.casenessAtOrAbove()).isNull();
            assertThat(measure.method()).isInstanceOfSatisfying(ChangeMethod.NotClassified.class,
                    m -> assertThat(m.reason()).contains(expected.displayName()).contains("not classified"));
        }
        assertThat(shipped.of("k10").orElseThrow().range()).isEqualTo(new ScoreRange(10, 50));
        assertThat(shipped.talkingTherapies()).isEqualTo(OutcomeFixtures.MEASURES.talkingTherapies());
        assertThat(shipped.talkingTherapies().deteriorationExclusion()).isTrue();
    }

    @Test
    void theShippedReviewRules() {
        ReviewPolicy rules = new OutcomeDataLoader().loadDefault().review();

        assertThat(rules.version()).isEqualTo("1.0.0");
        assertThat(rules.rules()).extracting(ReviewRule::id).containsExactly("phq-9-no-reliable-improvement",
                "gad-7-no-reliable-improvement", "reliable-deterioration", "no-check-in");
        assertThat(rules.rules().get(0)).isInstanceOfSatisfying(ReviewRule.NoReliableImprovement.class, r -> {
            assertThat(r.instrumentId()).isEqualTo("phq-9");
            assertThat(r.afterWeeks()).isEqualTo(6);
            assertThat(r.afterMeasures()).isEqualTo(4);
            assertThat(r.requireCaseAtBaseline()).isTrue();
        });
        assertThat(rules.rules().get(3)).isInstanceOfSatisfying(ReviewRule.NoCheckIn.class,
                r -> assertThat(r.afterWeeks()).isEqualTo(3));
    }

    // ---------------------------------------------------------------- bad outcome measures

    static Stream<Arguments> badMeasures() {
        return Stream.of(
                Arguments.of("not-yaml", "outcomeMeasuresVersion: 1.1.0", "outcomeMeasuresVersion: 1.0.0\n\tz: 1",
                        "not readable YAML"),
                Arguments.of("unknown-field", "        reliability: 0.84",
                        "        reliabilty: 0.84", "instruments[0].methods[1].reliabilty: unknown field; known fields: [id, method, reliability,"
                                + " reliabilityKind, sd1]"),
                Arguments.of("decimal-threshold", "        reliableChange: 6 ", "        reliableChange: 6.5 ",
                        "instruments[0].methods[0].reliableChange: must be a whole number, found 6.5"),
                Arguments.of("text-for-a-number", "  z: 1.96", "  z: \"1.96\"", "jacobsonTruax.z: must be a number, found '1.96'"),
                Arguments.of("duplicate-key", "    displayName: PHQ-9", "    displayName: PHQ-9\n    displayName: X",
                        "Duplicate field 'displayName'"),
                Arguments.of("unknown-method", "        method: fixed-threshold", "        method: cohen-d",
                        "instruments[2].methods[0].method: 'cohen-d' is not one of [nhs-talking-therapies,"
                                + " jacobson-truax, fixed-threshold, not-classified]"),
                Arguments.of("use-names-no-method", "    use: fixed-threshold", "    use: jacobson-truax",
                        "instruments[2].use: 'jacobson-truax' names none of its methods [fixed-threshold]"),
                Arguments.of("reliability-above-one", "        reliability: 0.92", "        reliability: 1.2",
                        "instruments[1].methods[1].reliability: must have an exclusive maximum value of 1, found"
                                + " 1.2"),
                Arguments.of("parameter-of-another-method", "        reliableChange: 4 ",
                        "        sd1: 4.5\n        reliableChange: 4 ",
                        "instruments[1].methods[0].sd1: unknown field; known fields: [id, method,"
                                + " reliableChange]"),
                Arguments.of("threshold-wider-than-the-range", "        points: 10", "        points: 101",
                        "instruments[2].methods[0].points: 101.0 is wider than the range (100)"),
                Arguments.of("caseness-outside-the-range", "casenessAtOrAbove: 10 ", "casenessAtOrAbove: 30 ",
                        "instruments[0].casenessAtOrAbove: 30 lies outside the range 0–27"),
                Arguments.of("caseness-on-a-higher-is-better-scale", "    range: {min: 0, max: 100}",
                        "    range: {min: 0, max: 100}\n    casenessAtOrAbove: 50",
                        "instruments[2].casenessAtOrAbove: applies only to lower-is-better instruments"),
                Arguments.of("bad-direction", "    direction: higher-is-better", "    direction: up",
                        "instruments[2].direction: 'up' is not one of [lower-is-better, higher-is-better]"),
                Arguments.of("inverted-range", "{min: 10, max: 50}", "{min: 50, max: 10}",
                        "instruments[6].range: min 50 is above max 10"),
                Arguments.of("duplicate-instrument", "  - id: gad-2", "  - id: phq-2",
                        "instruments[4].id: 'phq-2' is listed twice"),
                Arguments.of("no-reason", "        reason: >-\n          No standard reliable change index found for"
                        + " K10 (clinical basis §6.3 [U]): its change is not\n          classified.",
                        "        reason: \" \"", "instruments[6].methods[0].reason: must not be blank, found ' '"),
                Arguments.of("talking-therapies-unknown-instrument", "  depression: phq-9", "  depression: phq-8",
                        "talkingTherapies.depression: unknown instrument 'phq-8'"),
                Arguments.of("talking-therapies-without-caseness", "  anxiety: gad-7", "  anxiety: gad-2",
                        "talkingTherapies.anxiety: instrument gad-2 has no casenessAtOrAbove"),
                Arguments.of("exclusion-not-a-boolean", "  deteriorationExclusion: true",
                        "  deteriorationExclusion: ~",
                        "talkingTherapies.deteriorationExclusion: must be true or false, found nothing"),
                Arguments.of("missing-z", "  z: 1.96", "", "jacobsonTruax: must be a mapping, found nothing"),
                Arguments.of("bad-version", "outcomeMeasuresVersion: 1.1.0", "outcomeMeasuresVersion: one",
                        "outcomeMeasuresVersion: must be MAJOR.MINOR.PATCH such as 1.0.0, found 'one'"),
                Arguments.of("empty", null, null, "the file is empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMeasures")
    void aBadMeasuresFileIsRefusedNamingTheFileAndTheFault(String name, String find, String replace, String fault)
            throws IOException {
        String resource = "bad/" + name + ".yaml";
        write(resource, find == null ? "# nothing here\n" : edited(OutcomeDataLoader.OUTCOME_MEASURES, find, replace));

        DataFileException thrown = catchThrowableOfType(DataFileException.class,
                () -> loader().load(resource, OutcomeDataLoader.REVIEW_RULES));

        assertThat(thrown).as(name).isNotNull();
        assertThat(thrown.file()).isEqualTo(resource);
        assertThat(thrown.getMessage()).startsWith(resource + ": ").contains(fault).doesNotContain("\n");
    }

    // ---------------------------------------------------------------- bad review rules

    static Stream<Arguments> badRules() {
        return Stream.of(
                Arguments.of("unknown-kind", "    kind: no-check-in", "    kind: no-show",
                        "rules[3].kind: 'no-show' is not one of [no-reliable-improvement, reliable-deterioration,"
                                + " no-check-in]"),
                Arguments.of("duplicate-id", "  - id: gad-7-no-reliable-improvement",
                        "  - id: phq-9-no-reliable-improvement",
                        "rules[1].id: 'phq-9-no-reliable-improvement' is a duplicate rule id"),
                Arguments.of("unknown-instrument", "      instrumentId: gad-7", "      instrumentId: gad-8",
                        "rules[1].parameters.instrumentId: unknown instrument 'gad-8'"),
                Arguments.of("instrument-that-does-not-classify", "      instrumentId: gad-7",
                        "      instrumentId: k10", "rules[1].parameters.instrumentId: k10 does not classify change"),
                Arguments.of("weeks-as-text", "      afterWeeks: 3 ", "      afterWeeks: three ",
                        "rules[3].parameters.afterWeeks: must be a whole number, found 'three'"),
                Arguments.of("zero-measures", "      afterMeasures: 4                # [U] product default\n",
                        "      afterMeasures: 0\n",
                        "rules[1].parameters.afterMeasures: must have a minimum value of 1, found 0"),
                Arguments.of("missing-parameter", "      afterWeeks: 3 ", "      weeks: 3 ",
                        "rules[3].parameters.afterWeeks: required field is missing"),
                Arguments.of("unknown-parameter",
                        "      requireCaseAtBaseline: true     # [U] as for PHQ-9: GAD-7 baseline ≥ 8",
                        "      requireCaseAtBaseline: true\n      minimumBaseline: 8",
                        "rules[1].parameters.minimumBaseline: unknown field; known fields: [afterMeasures, afterWeeks,"
                                + " instrumentId, requireCaseAtBaseline]"),
                Arguments.of("unknown-placeholder", "{lastCheckIn};", "{lastSeen};",
                        "rules[3].reason: uses unknown placeholder {lastSeen}"),
                Arguments.of("no-reason", "    reason: >-\n      {instrument} has reliably deteriorated: {first} on"
                        + " {firstDate}, {latest} on {latestDate}, a change of {change}\n      ({rule}).",
                        "    reason: \"\"", "rules[2].reason: must not be blank, found ''"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRules")
    void aBadRulesFileIsRefusedNamingTheFileAndTheFault(String name, String find, String replace, String fault)
            throws IOException {
        String resource = "bad/" + name + ".yaml";
        write(resource, edited(OutcomeDataLoader.REVIEW_RULES, find, replace));

        DataFileException thrown = catchThrowableOfType(DataFileException.class,
                () -> loader().load(OutcomeDataLoader.OUTCOME_MEASURES, resource));

        assertThat(thrown).as(name).isNotNull();
        assertThat(thrown.file()).isEqualTo(resource);
        assertThat(thrown.getMessage()).startsWith(resource + ": ").contains(fault).doesNotContain("\n");
    }

    @Test
    void aMissingFileIsNamed() {
        DataFileException thrown = catchThrowableOfType(DataFileException.class,
                () -> new OutcomeDataLoader().load("outcomes/outcome-measures-v9.yaml", OutcomeDataLoader.REVIEW_RULES));

        assertThat(thrown.getMessage()).isEqualTo("outcomes/outcome-measures-v9.yaml: not found on the classpath");
    }

    @Test
    void everyFaultOfAFileIsReportedAtOnce() throws IOException {
        String resource = "bad/two-faults.yaml";
        write(resource, edited(OutcomeDataLoader.OUTCOME_MEASURES, "    use: fixed-threshold", "    use: jacobson-truax")
                .replace("{min: 10, max: 50}", "{min: 50, max: 10}"));

        DataFileException thrown = catchThrowableOfType(DataFileException.class,
                () -> loader().load(resource, OutcomeDataLoader.REVIEW_RULES));

        assertThat(thrown.faults()).containsExactly(
                "instruments[2].use: 'jacobson-truax' names none of its methods [fixed-threshold]",
                "instruments[6].range: min 50 is above max 10");
        assertThat(thrown.getMessage()).startsWith(resource + ": 2 faults: ");
    }

    // ---------------------------------------------------------------- helpers

    private OutcomeDataLoader loader() throws IOException {
        return new OutcomeDataLoader(new URLClassLoader(new URL[] {root.toUri().toURL()},
                OutcomeDataLoaderTest.class.getClassLoader()));
    }

    private static String edited(String resource, String find, String replace) throws IOException {
        String text;
        try (InputStream in = OutcomeDataLoaderTest.class.getClassLoader().getResourceAsStream(resource)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(text).as("the edit applies to " + resource).contains(find);
        int at = text.indexOf(find);
        return text.substring(0, at) + replace + text.substring(at + find.length());
    }

    private void write(String resource, String content) throws IOException {
        Path file = root.resolve(resource);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
