package org.tend.catalogue.domain;

import java.util.List;
import java.util.Set;

/** A small hand-built policy and catalogue, so the domain tests do not depend on the shipped clinical data. */
final class Fixtures {
    private Fixtures() {
    }

    static final String CATALOGUE_VERSION = "9.9.9";

    static List<LevelGuidance> levels() {
        return List.of(
                new LevelGuidance(SteppedCareLevel.UNIVERSAL, "universal", Intensity.SELF_HELP),
                new LevelGuidance(SteppedCareLevel.STEP_1_2, "step 1-2", Intensity.SELF_HELP),
                new LevelGuidance(SteppedCareLevel.STEP_2, "step 2", Intensity.LOW),
                new LevelGuidance(SteppedCareLevel.STEP_3, "step 3", Intensity.HIGH),
                new LevelGuidance(SteppedCareLevel.STEP_4, "step 4", Intensity.HIGH));
    }

    static PathwayRule safetyRule() {
        return new PathwayRule("safety-concern", Pathway.HUMAN_REVIEW, "safety-review-first",
                "A safety concern was raised with {instrument} (total {total}, {band})");
    }

    static PathwayRule referralRule() {
        return new PathwayRule("specialist-referral", Pathway.SPECIALIST_REFERRAL, "refer-specialist",
                "refer to a specialist service");
    }

    static List<InstrumentScale> instruments() {
        return List.of(new InstrumentScale("phq-9", "PHQ-9", 0, 27), new InstrumentScale("gad-7", "GAD-7", 0, 21));
    }

    static SteppedCareRule rule(String id, String instrument, int min, int max, SteppedCareLevel level) {
        return new SteppedCareRule(id, instrument, min, max, level,
                "{instrument} total {total} ({band}) is " + min + "–" + max + " → " + level.code(), "test");
    }

    static List<SteppedCareRule> rules() {
        return List.of(
                rule("phq-universal", "phq-9", 0, 4, SteppedCareLevel.UNIVERSAL),
                rule("phq-mild", "phq-9", 5, 9, SteppedCareLevel.STEP_1_2),
                rule("phq-less-severe", "phq-9", 10, 15, SteppedCareLevel.STEP_2),
                rule("phq-more-severe", "phq-9", 16, 19, SteppedCareLevel.STEP_3),
                rule("phq-refer", "phq-9", 20, 27, SteppedCareLevel.STEP_4),
                rule("gad-universal", "gad-7", 0, 4, SteppedCareLevel.UNIVERSAL),
                rule("gad-mild", "gad-7", 5, 9, SteppedCareLevel.STEP_1_2),
                rule("gad-moderate", "gad-7", 10, 14, SteppedCareLevel.STEP_2),
                rule("gad-severe", "gad-7", 15, 21, SteppedCareLevel.STEP_3));
    }

    static SteppedCarePolicy policy() {
        return new SteppedCarePolicy("1.0.0", levels(), safetyRule(), referralRule(), instruments(), rules());
    }

    static Intervention intervention(String id, EvidenceStrength evidence, Intensity intensity, Set<Format> formats,
            SteppedCareLevel... levels) {
        return new Intervention(id, "Name of " + id, "approach", formats, "duration", "note", List.of("depression"),
                Set.of(levels), intensity, evidence, null);
    }

    /** Six step-2 options that differ in exactly the things the ranking looks at, plus one per other level. */
    static Catalogue catalogue() {
        return new Catalogue(CATALOGUE_VERSION, List.of(
                intervention("a-high-nice", EvidenceStrength.NICE_RECOMMENDED, Intensity.HIGH,
                        Set.of(Format.INDIVIDUAL), SteppedCareLevel.STEP_2, SteppedCareLevel.STEP_3,
                        SteppedCareLevel.STEP_4),
                intervention("f-low-insufficient", EvidenceStrength.INSUFFICIENT, Intensity.LOW,
                        Set.of(Format.GROUP), SteppedCareLevel.STEP_2),
                intervention("c-low-nice-digital", EvidenceStrength.NICE_RECOMMENDED, Intensity.LOW,
                        Set.of(Format.DIGITAL, Format.SELF_GUIDED), SteppedCareLevel.STEP_2),
                intervention("b-low-nice", EvidenceStrength.NICE_RECOMMENDED, Intensity.LOW,
                        Set.of(Format.GROUP), SteppedCareLevel.STEP_2),
                intervention("e-low-limited", EvidenceStrength.LIMITED, Intensity.LOW,
                        Set.of(Format.DIGITAL), SteppedCareLevel.STEP_2),
                intervention("d-selfhelp-some", EvidenceStrength.SOME_EVIDENCE, Intensity.SELF_HELP,
                        Set.of(Format.DIGITAL), SteppedCareLevel.STEP_2),
                intervention("u-universal", EvidenceStrength.SOME_EVIDENCE, Intensity.SELF_HELP,
                        Set.of(Format.SELF_GUIDED), SteppedCareLevel.UNIVERSAL, SteppedCareLevel.STEP_1_2)));
    }

    static AssessmentOutcome phq9(int total, String band) {
        return new AssessmentOutcome("phq-9", "1", band, total, false);
    }

    static AssessmentOutcome gad7(int total, String band) {
        return new AssessmentOutcome("gad-7", "1", band, total, false);
    }

    static AssessmentOutcome withSafetyConcern(AssessmentOutcome outcome) {
        return new AssessmentOutcome(outcome.instrumentId(), outcome.instrumentVersion(), outcome.band(),
                outcome.totalScore(), true);
    }
}
