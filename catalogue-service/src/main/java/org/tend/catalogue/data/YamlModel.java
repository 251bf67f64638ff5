package org.tend.catalogue.data;

import java.util.List;
import java.util.Map;

/**
 * The shapes of the two YAML files, as written. The schemas beside the files ({@code catalogue/*.schema.json}) check
 * them before they are bound here, so a required field is never null; {@link CatalogueLoader} checks the rest.
 */
final class YamlModel {
    private YamlModel() {
    }

    record InterventionsFile(String catalogueVersion, Map<String, String> targetVocabulary,
            List<InterventionEntry> interventions) {
    }

    record InterventionEntry(String id, String name, String approach, List<String> formats, String typicalDuration,
            String evidenceNote, List<String> targets, List<String> suitableLevels, String intensity,
            String evidenceStrength, SnomedEntry snomed) {
    }

    record SnomedEntry(String code, String display) {
    }

    record SteppedCareFile(String steppedCareVersion, List<LevelEntry> levels, PathwayEntry safety,
            PathwayEntry specialistReferral, List<InstrumentEntry> instruments, List<RuleEntry> rules) {
    }

    record LevelEntry(String level, String label, String expectedIntensity) {
    }

    record PathwayEntry(String id, String reasonCode, String reasonTemplate) {
    }

    record InstrumentEntry(String id, String displayName, int minScore, int maxScore) {
    }

    record RuleEntry(String id, String instrumentId, int minScore, int maxScore, String level,
            String source, String reasonTemplate) {
    }
}
