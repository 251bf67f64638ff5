package org.tend.catalogue.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stepped-care routing as data (clinical basis §5.5): a raised safety concern overrides everything; otherwise
 * the one rule whose score range holds the outcome's total decides its level.
 */
public final class SteppedCarePolicy {

    private final String version;
    private final Map<SteppedCareLevel, LevelGuidance> guidance;
    private final PathwayRule safetyRule;
    private final PathwayRule referralRule;
    private final List<InstrumentScale> instruments;
    private final List<SteppedCareRule> rules;

    /**
     * @param instruments in priority order: when two outcomes lead to the same level, the earlier instrument decides
     * @throws IllegalArgumentException when the data is inconsistent (the loader reports the same faults by file)
     */
    public SteppedCarePolicy(String version, List<LevelGuidance> levels, PathwayRule safetyRule,
            PathwayRule referralRule, List<InstrumentScale> instruments, List<SteppedCareRule> rules) {
        this.version = Require.text(version, "stepped-care version");
        Map<SteppedCareLevel, LevelGuidance> byLevel = new EnumMap<>(SteppedCareLevel.class);
        for (LevelGuidance level : Require.notEmpty(levels, "levels")) {
            if (byLevel.put(level.level(), level) != null) {
                throw new IllegalArgumentException("level " + level.level().code() + " is described twice");
            }
        }
        if (!byLevel.keySet().equals(Set.copyOf(SteppedCareLevel.stepsOfCare()))) {
            throw new IllegalArgumentException("levels must describe exactly " + SteppedCareLevel.stepsOfCare());
        }
        this.guidance = Collections.unmodifiableMap(byLevel);
        this.safetyRule = requirePathway(safetyRule, Pathway.HUMAN_REVIEW);
        this.referralRule = requirePathway(referralRule, Pathway.SPECIALIST_REFERRAL);
        this.instruments = List.copyOf(Require.notEmpty(instruments, "instruments"));
        this.rules = List.copyOf(Require.notEmpty(rules, "rules"));

        Set<String> instrumentIds = new HashSet<>();
        for (InstrumentScale instrument : this.instruments) {
            if (!instrumentIds.add(instrument.instrumentId())) {
                throw new IllegalArgumentException("instrument " + instrument.instrumentId() + " is listed twice");
            }
        }
        Set<String> ruleIds = new HashSet<>(List.of(safetyRule.id(), referralRule.id()));
        if (ruleIds.size() < 2) {
            throw new IllegalArgumentException("the safety and referral rules share the id " + safetyRule.id());
        }
        List<String> faults = new ArrayList<>();
        for (SteppedCareRule rule : this.rules) {
            if (!ruleIds.add(rule.id())) {
                faults.add("rule id " + rule.id() + " is used twice");
            }
            if (!instrumentIds.contains(rule.instrumentId())) {
                faults.add("rule " + rule.id() + " names unknown instrument " + rule.instrumentId());
            }
        }
        this.instruments.forEach(instrument -> faults.addAll(ScoreCoverage.faults(instrument, this.rules)));
        if (!faults.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", faults));
        }
    }

    private static PathwayRule requirePathway(PathwayRule rule, Pathway expected) {
        Require.present(rule, expected.code() + " rule");
        if (rule.pathway() != expected) {
            throw new IllegalArgumentException("rule " + rule.id() + " must lead to " + expected.code());
        }
        return rule;
    }

    public String version() {
        return version;
    }

    /** True when the outcome can be routed: a safety concern always can, otherwise its instrument must have rules. */
    public boolean routes(AssessmentOutcome outcome) {
        return outcome.safetyConcern() || instrument(outcome.instrumentId()).isPresent();
    }

    public SteppedCareLevel levelFor(AssessmentOutcome outcome) {
        return decide(outcome).level();
    }

    /**
     * The level for one outcome, with the rule and the rendered reason.
     *
     * @throws UnroutableOutcomeException for an instrument without rules or a total outside its range
     */
    public LevelDecision decide(AssessmentOutcome outcome) {
        String name = instrumentName(outcome.instrumentId());
        if (outcome.safetyConcern()) {
            return new LevelDecision(outcome, SteppedCareLevel.SAFETY, safetyRule.id(),
                    ReasonTemplate.render(safetyRule.reasonTemplate(), outcome, name));
        }
        InstrumentScale instrument = instrument(outcome.instrumentId()).orElseThrow(() ->
                new UnroutableOutcomeException("no stepped-care rules for instrument " + outcome.instrumentId()));
        if (!instrument.contains(outcome.totalScore())) {
            throw new UnroutableOutcomeException(name + " total " + outcome.totalScore() + " is outside "
                    + instrument.minScore() + ".." + instrument.maxScore());
        }
        SteppedCareRule rule = rules.stream().filter(r -> r.matches(outcome)).findFirst()
                .orElseThrow(() -> new IllegalStateException("validated rules cover every total"));
        return new LevelDecision(outcome, rule.level(), rule.id(),
                ReasonTemplate.render(rule.reasonTemplate(), outcome, name));
    }

    public Optional<InstrumentScale> instrument(String instrumentId) {
        return instruments.stream().filter(i -> i.instrumentId().equals(instrumentId)).findFirst();
    }

    /** The instrument's display name ("PHQ-9"), or its id when the rules do not know it. */
    public String instrumentName(String instrumentId) {
        return instrument(instrumentId).map(InstrumentScale::displayName).orElse(instrumentId);
    }

    /** Position in the instruments list; unknown instruments come after all known ones. */
    public int priorityOf(String instrumentId) {
        for (int i = 0; i < instruments.size(); i++) {
            if (instruments.get(i).instrumentId().equals(instrumentId)) {
                return i;
            }
        }
        return instruments.size();
    }

    public LevelGuidance guidance(SteppedCareLevel level) {
        LevelGuidance found = guidance.get(level);
        if (found == null) {
            throw new IllegalArgumentException("no guidance for " + level.code());
        }
        return found;
    }

    public PathwayRule safetyRule() {
        return safetyRule;
    }

    public PathwayRule referralRule() {
        return referralRule;
    }

    public List<InstrumentScale> instruments() {
        return instruments;
    }

    public List<SteppedCareRule> rules() {
        return rules;
    }
}
