package org.tend.progress.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tend.plumbing.data.DataFileException;
import org.tend.plumbing.data.DataFiles;
import org.tend.progress.data.YamlModel.InstrumentEntry;
import org.tend.progress.data.YamlModel.MeasuresFile;
import org.tend.progress.data.YamlModel.MethodEntry;
import org.tend.progress.data.YamlModel.Parameters;
import org.tend.progress.data.YamlModel.RuleEntry;
import org.tend.progress.data.YamlModel.RulesFile;
import org.tend.progress.domain.outcome.ChangeMethod;
import org.tend.progress.domain.outcome.Direction;
import org.tend.progress.domain.outcome.OutcomeMeasure;
import org.tend.progress.domain.outcome.OutcomeMeasures;
import org.tend.progress.domain.outcome.ScoreRange;
import org.tend.progress.domain.outcome.TalkingTherapiesConvention;
import org.tend.progress.domain.review.ReasonTemplate;
import org.tend.progress.domain.review.ReviewPolicy;
import org.tend.progress.domain.review.ReviewRule;

/**
 * Reads {@code outcomes/outcome-measures-v1.yaml} and {@code outcomes/review-rules-v1.yaml} through
 * {@link DataFiles} (strict YAML, checked against {@code outcomes/*.schema.json}), then checks what a schema cannot
 * say: ids listed once, thresholds within each instrument's range, references between entries and to the outcome
 * measures. The checks of a file collect every fault before failing, so one start-up shows everything an edit broke.
 */
public final class OutcomeDataLoader {

    public static final String OUTCOME_MEASURES = "outcomes/outcome-measures-v1.yaml";
    public static final String REVIEW_RULES = "outcomes/review-rules-v1.yaml";
    static final String OUTCOME_MEASURES_SCHEMA = "outcomes/outcome-measures.schema.json";
    static final String REVIEW_RULES_SCHEMA = "outcomes/review-rules.schema.json";

    private final ClassLoader classLoader;

    public OutcomeDataLoader() {
        this(OutcomeDataLoader.class.getClassLoader());
    }

    public OutcomeDataLoader(ClassLoader classLoader) {
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    }

    /** The shipped files. */
    public OutcomeData loadDefault() {
        return load(OUTCOME_MEASURES, REVIEW_RULES);
    }

    /** Both files from the classpath; the review rules are checked against the outcome measures. */
    public OutcomeData load(String measuresResource, String rulesResource) {
        OutcomeMeasures measures = loadMeasures(measuresResource);
        return new OutcomeData(measures, loadReviewRules(rulesResource, measures));
    }

    // ---- outcome measures ----

    public OutcomeMeasures loadMeasures(String resource) {
        MeasuresFile file = DataFiles.read(resource, OUTCOME_MEASURES_SCHEMA, MeasuresFile.class, classLoader);
        List<String> faults = new ArrayList<>();
        double z = file.jacobsonTruax().z();

        Map<String, OutcomeMeasure> instruments = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        for (int n = 0; n < file.instruments().size(); n++) {
            InstrumentEntry entry = file.instruments().get(n);
            String where = "instruments[" + n + "]";
            int before = faults.size();
            if (!ids.add(entry.id())) {
                faults.add(where + ".id: '" + entry.id() + "' is listed twice");
            }
            Direction direction = Direction.fromCode(entry.direction()).orElseThrow();
            ScoreRange range = null;
            if (entry.range().min() > entry.range().max()) {
                faults.add(where + ".range: min " + entry.range().min() + " is above max " + entry.range().max());
            } else {
                range = new ScoreRange(entry.range().min(), entry.range().max());
            }
            Integer caseness = entry.casenessAtOrAbove();
            if (caseness != null) {
                if (direction == Direction.HIGHER_IS_BETTER) {
                    faults.add(where + ".casenessAtOrAbove: applies only to lower-is-better instruments");
                }
                if (range != null && !range.contains(caseness)) {
                    faults.add(where + ".casenessAtOrAbove: " + caseness + " lies outside the range " + range);
                }
            }
            List<ChangeMethod> methods = methods(faults, where, entry.methods(), range, z);
            ChangeMethod used = methods.stream().filter(m -> m.id().equals(entry.use())).findFirst().orElse(null);
            if (used == null && faults.size() == before) {
                faults.add(where + ".use: '" + entry.use() + "' names none of its methods "
                        + methods.stream().map(ChangeMethod::id).toList());
            }
            if (faults.size() == before) {
                ScoreRange checkedRange = range;
                OutcomeMeasure measure = DataFileException.buildOrRecord(faults, where, () -> new OutcomeMeasure(entry.id(),
                        entry.displayName().strip(), direction, checkedRange, caseness, used, methods));
                if (measure != null) {
                    instruments.put(entry.id(), measure);
                }
            }
        }

        var tt = file.talkingTherapies();
        OutcomeMeasure depression = talkingTherapiesMeasure(faults, "depression", tt.depression(), instruments, ids);
        OutcomeMeasure anxiety = talkingTherapiesMeasure(faults, "anxiety", tt.anxiety(), instruments, ids);
        if (depression != null && depression == anxiety) {
            faults.add("talkingTherapies: depression and anxiety name the same instrument");
        }
        DataFileException.failIfAny(resource, faults);
        var convention = new TalkingTherapiesConvention(depression, anxiety, tt.deteriorationExclusion());
        return DataFileException.build(resource,
                () -> new OutcomeMeasures(file.outcomeMeasuresVersion(), instruments, convention));
    }

    private static List<ChangeMethod> methods(List<String> faults, String instrument, List<MethodEntry> entries,
                                              ScoreRange range, double z) {
        List<ChangeMethod> methods = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int width = range == null ? Integer.MAX_VALUE : range.width();
        for (int n = 0; n < entries.size(); n++) {
            MethodEntry entry = entries.get(n);
            String where = instrument + ".methods[" + n + "]";
            int before = faults.size();
            if (!ids.add(entry.id())) {
                faults.add(where + ".id: '" + entry.id() + "' is listed twice");
            }
            if (entry.reliableChange() != null && entry.reliableChange() > width) {
                faults.add(where + ".reliableChange: " + entry.reliableChange()
                        + " is wider than the range (" + width + ")");
            }
            if (entry.points() != null && entry.points() > width) {
                faults.add(where + ".points: " + entry.points() + " is wider than the range (" + width + ")");
            }
            if (faults.size() > before) {
                continue;
            }
            ChangeMethod method = DataFileException.buildOrRecord(faults, where, () -> switch (entry.method()) {
                case ChangeMethod.NHS_TALKING_THERAPIES ->
                        new ChangeMethod.NhsTalkingTherapies(entry.id(), entry.reliableChange());
                case ChangeMethod.JACOBSON_TRUAX -> new ChangeMethod.JacobsonTruax(entry.id(), entry.sd1(),
                        entry.reliability(), entry.reliabilityKind().strip(), z);
                case ChangeMethod.FIXED_THRESHOLD -> new ChangeMethod.FixedThreshold(entry.id(), entry.points());
                default -> new ChangeMethod.NotClassified(entry.id(), entry.reason().strip());
            });
            if (method != null) {
                methods.add(method);
            }
        }
        return methods;
    }

    private static OutcomeMeasure talkingTherapiesMeasure(List<String> faults, String role, String instrumentId,
                                                          Map<String, OutcomeMeasure> instruments, Set<String> ids) {
        String where = "talkingTherapies." + role;
        OutcomeMeasure measure = instruments.get(instrumentId);
        if (measure == null) {
            if (!ids.contains(instrumentId)) {
                faults.add(where + ": unknown instrument '" + instrumentId + "'; known: "
                        + ids.stream().sorted().toList());
            }
            return null; // else its own fault is reported with the instrument
        }
        if (measure.casenessAtOrAbove() == null) {
            faults.add(where + ": instrument " + instrumentId + " has no casenessAtOrAbove");
        }
        if (measure.nhsTalkingTherapies().isEmpty()) {
            faults.add(where + ": instrument " + instrumentId + " has no method of kind "
                    + ChangeMethod.NHS_TALKING_THERAPIES);
        }
        return measure;
    }

    // ---- review rules ----

    public ReviewPolicy loadReviewRules(String resource, OutcomeMeasures measures) {
        RulesFile file = DataFiles.read(resource, REVIEW_RULES_SCHEMA, RulesFile.class, classLoader);
        List<String> faults = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<ReviewRule> rules = new ArrayList<>();
        for (int n = 0; n < file.rules().size(); n++) {
            RuleEntry entry = file.rules().get(n);
            String where = "rules[" + n + "]";
            int before = faults.size();
            if (!ids.add(entry.id())) {
                faults.add(where + ".id: '" + entry.id() + "' is a duplicate rule id");
            }
            for (String name : ReasonTemplate.placeholdersIn(entry.reason())) {
                if (!ReviewRule.placeholders(entry.kind()).contains(name)) {
                    faults.add(where + ".reason: uses unknown placeholder {" + name + "}; known for "
                            + entry.kind() + ": " + ReviewRule.placeholders(entry.kind()));
                }
            }
            Parameters parameters = entry.parameters();
            if (entry.kind().equals(ReviewRule.NO_RELIABLE_IMPROVEMENT)) {
                judgedInstrument(faults, where, parameters, measures);
            }
            if (faults.size() > before) {
                continue;
            }
            ReasonTemplate reason = new ReasonTemplate(entry.reason().strip());
            ReviewRule rule = DataFileException.buildOrRecord(faults, where, () -> switch (entry.kind()) {
                case ReviewRule.NO_RELIABLE_IMPROVEMENT -> new ReviewRule.NoReliableImprovement(entry.id(),
                        parameters.instrumentId(), parameters.afterWeeks(), parameters.afterMeasures(),
                        parameters.requireCaseAtBaseline(), reason);
                case ReviewRule.RELIABLE_DETERIORATION -> new ReviewRule.ReliableDeterioration(entry.id(), reason);
                default -> new ReviewRule.NoCheckIn(entry.id(), parameters.afterWeeks(), reason);
            });
            if (rule != null) {
                rules.add(rule);
            }
        }
        DataFileException.failIfAny(resource, faults);
        return DataFileException.build(resource, () -> new ReviewPolicy(file.reviewRulesVersion(), rules));
    }

    /** The instrument a no-reliable-improvement rule judges must exist and be able to show reliable change. */
    private static void judgedInstrument(List<String> faults, String where, Parameters parameters,
                                         OutcomeMeasures measures) {
        String instrumentId = parameters.instrumentId();
        OutcomeMeasure measure = measures.of(instrumentId).orElse(null);
        if (measure == null) {
            faults.add(where + ".parameters.instrumentId: unknown instrument '" + instrumentId + "'; known: "
                    + measures.instruments().keySet());
            return;
        }
        if (measure.method() instanceof ChangeMethod.NotClassified) {
            faults.add(where + ".parameters.instrumentId: " + instrumentId + " does not classify change (its method"
                    + " is " + ChangeMethod.NOT_CLASSIFIED + "), so it can never show reliable improvement");
        }
        if (parameters.requireCaseAtBaseline() && measure.casenessAtOrAbove() == null) {
            faults.add(where + ".parameters.requireCaseAtBaseline: true but " + instrumentId
                    + " has no casenessAtOrAbove");
        }
    }

    // ---- helpers ----

}
