package org.tend.progress.data;

import java.util.List;

/**
 * The shapes of the two YAML files, as written. The schemas beside the files ({@code outcomes/*.schema.json}) check
 * them before they are bound here, so a required field is never null; {@link OutcomeDataLoader} checks the rest.
 */
final class YamlModel {
    private YamlModel() {
    }

    record MeasuresFile(String outcomeMeasuresVersion, JacobsonTruaxEntry jacobsonTruax,
                        TalkingTherapiesEntry talkingTherapies, List<InstrumentEntry> instruments) {
    }

    record JacobsonTruaxEntry(double z) {
    }

    record TalkingTherapiesEntry(String depression, String anxiety, boolean deteriorationExclusion) {
    }



    record InstrumentEntry(String id, String displayName, String direction, RangeEntry range,
                           Integer casenessAtOrAbove, String use, List<MethodEntry> methods) {
    }

    record RangeEntry(int min, int max) {
    }

    record MethodEntry(String id, String method, Integer reliableChange, Double sd1, Double reliability,
                       String reliabilityKind, Double points, String reason) {
    }

    record RulesFile(String reviewRulesVersion, List<RuleEntry> rules) {
    }

    record RuleEntry(String id, String kind, Parameters parameters, String reason) {
    }

    /** Every kind's parameters; the schema allows each kind only its own. */
    record Parameters(String instrumentId, Integer afterWeeks, Integer afterMeasures, Boolean requireCaseAtBaseline) {
    }
}
