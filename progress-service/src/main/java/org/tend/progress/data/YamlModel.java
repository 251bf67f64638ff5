package org.tend.progress.data;

import java.util.List;
import java.util.Map;

/** The shapes of the two YAML files, as written. Everything is checked in {@link OutcomeDataLoader} before use. */
final class YamlModel {
    private YamlModel() {
    }

    record MeasuresFile(String outcomeMeasuresVersion, JacobsonTruaxEntry jacobsonTruax,
                        TalkingTherapiesEntry talkingTherapies, GasEntry goalAttainmentScaling,
                        GboEntry goalBasedOutcomes, List<InstrumentEntry> instruments) {
    }

    record JacobsonTruaxEntry(Double z) {
    }

    record TalkingTherapiesEntry(String depression, String anxiety, Boolean deteriorationExclusion) {
    }

    record GasEntry(Double rho) {
    }

    record GboEntry(Double reliableChange) {
    }

    record InstrumentEntry(String id, String displayName, String direction, RangeEntry range,
                           Integer casenessAtOrAbove, String use, List<MethodEntry> methods) {
    }

    record RangeEntry(Integer min, Integer max) {
    }

    record MethodEntry(String id, String method, Integer reliableChange, Double sd1, Double reliability,
                       String reliabilityKind, Double points, String reason) {
    }

    record RulesFile(String reviewRulesVersion, List<RuleEntry> rules) {
    }

    record RuleEntry(String id, String kind, Map<String, Object> parameters, String reason) {
    }
}
