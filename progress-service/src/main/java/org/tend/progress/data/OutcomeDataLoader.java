package org.tend.progress.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.tend.progress.data.YamlModel.InstrumentEntry;
import org.tend.progress.data.YamlModel.MeasuresFile;
import org.tend.progress.data.YamlModel.MethodEntry;
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
 * Reads {@code outcomes/outcome-measures-v1.yaml} and {@code outcomes/review-rules-v1.yaml} (Jackson 2 YAML, strict:
 * unknown fields, duplicate keys, a decimal where a whole number belongs and text where a number belongs are all
 * faults), checks them and builds the domain objects. The checks of a file collect every fault before failing, so
 * one start-up shows everything an edit broke.
 */
public final class OutcomeDataLoader {

    public static final String OUTCOME_MEASURES = "outcomes/outcome-measures-v1.yaml";
    public static final String REVIEW_RULES = "outcomes/review-rules-v1.yaml";

    private static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final List<String> METHODS = List.of(ChangeMethod.NHS_TALKING_THERAPIES,
            ChangeMethod.JACOBSON_TRUAX, ChangeMethod.FIXED_THRESHOLD, ChangeMethod.NOT_CLASSIFIED);
    private static final List<String> DIRECTIONS = List.of(Direction.LOWER_IS_BETTER.code(),
            Direction.HIGHER_IS_BETTER.code());
    private static final int MAX_WEEKS = 104;
    private static final int MAX_MEASURES = 100;

    private final ObjectMapper yaml;
    private final ClassLoader classLoader;

    public OutcomeDataLoader() {
        this(OutcomeDataLoader.class.getClassLoader());
    }

    public OutcomeDataLoader(ClassLoader classLoader) {
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
        this.yaml = JsonMapper.builder(new YAMLFactory())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
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
        MeasuresFile file = read(resource, MeasuresFile.class);
        List<String> faults = new ArrayList<>();
        version(faults, "outcomeMeasuresVersion", file.outcomeMeasuresVersion());

        Double z = file.jacobsonTruax() == null ? null : file.jacobsonTruax().z();
        if (z == null) {
            faults.add("jacobsonTruax.z is missing (1.96 for two-tailed p < .05)");
        } else if (!(z > 0)) {
            faults.add("jacobsonTruax.z must be positive, found " + z);
        }
        Double rho = file.goalAttainmentScaling() == null ? null : file.goalAttainmentScaling().rho();
        if (rho == null) {
            faults.add("goalAttainmentScaling.rho is missing (0.3 by convention)");
        } else if (!(rho >= 0 && rho <= 1)) {
            faults.add("goalAttainmentScaling.rho must be a correlation from 0 to 1, found " + rho);
        }
        if (file.goalBasedOutcomes() == null) {
            faults.add("goalBasedOutcomes is missing (write reliableChange: null to leave GBO change unclassified)");
        }
        Double gbo = file.goalBasedOutcomes() == null ? null : file.goalBasedOutcomes().reliableChange();
        if (gbo != null && !(gbo > 0 && gbo <= 10)) {
            faults.add("goalBasedOutcomes.reliableChange must be above 0 and at most 10 (the 0–10 scale), found "
                    + gbo);
        }

        Map<String, OutcomeMeasure> instruments = new LinkedHashMap<>();
        List<InstrumentEntry> entries = file.instruments() == null ? List.of() : file.instruments();
        if (entries.isEmpty()) {
            faults.add("instruments is missing or empty");
        }
        Set<String> ids = new HashSet<>();
        for (int n = 0; n < entries.size(); n++) {
            InstrumentEntry entry = entries.get(n);
            if (entry == null) {
                faults.add("instrument #" + (n + 1) + " is empty");
                continue;
            }
            String where = "instrument " + (blank(entry.id()) ? "#" + (n + 1) : quoted(entry.id()));
            int before = faults.size();
            if (blank(entry.id())) {
                faults.add(where + " has no id");
            } else if (!SLUG.matcher(entry.id()).matches()) {
                faults.add(where + ": id is not a slug like phq-9");
            } else if (!ids.add(entry.id())) {
                faults.add(where + " is listed twice");
            }
            if (blank(entry.displayName())) {
                faults.add(where + " has no displayName");
            }
            Direction direction = Direction.fromCode(entry.direction()).orElse(null);
            if (direction == null) {
                faults.add(where + ": direction must be one of " + DIRECTIONS + ", found " + quoted(entry.direction()));
            }
            ScoreRange range = null;
            if (entry.range() == null || entry.range().min() == null || entry.range().max() == null) {
                faults.add(where + " needs range.min and range.max");
            } else if (entry.range().min() > entry.range().max()) {
                faults.add(where + ": range.min " + entry.range().min() + " is above range.max "
                        + entry.range().max());
            } else {
                range = new ScoreRange(entry.range().min(), entry.range().max());
            }
            Integer caseness = entry.casenessAtOrAbove();
            if (caseness != null) {
                if (direction == Direction.HIGHER_IS_BETTER) {
                    faults.add(where + ": casenessAtOrAbove applies only to lower-is-better instruments");
                }
                if (range != null && !range.contains(caseness)) {
                    faults.add(where + ": casenessAtOrAbove " + caseness + " lies outside the range " + range);
                }
            }
            List<ChangeMethod> methods = methods(faults, where, entry.methods(), range, z);
            ChangeMethod used = null;
            if (blank(entry.use())) {
                faults.add(where + " has no 'use' naming the method that classifies its change");
            } else {
                used = methods.stream().filter(m -> m.id().equals(entry.use())).findFirst().orElse(null);
                if (used == null && faults.size() == before) {
                    faults.add(where + ": use " + quoted(entry.use()) + " names none of its methods "
                            + methods.stream().map(ChangeMethod::id).toList());
                }
            }
            if (faults.size() == before) {
                ChangeMethod method = used;
                ScoreRange checkedRange = range;
                OutcomeMeasure measure = build(faults, where, () -> new OutcomeMeasure(entry.id(),
                        entry.displayName().strip(), direction, checkedRange, caseness, method, methods));
                if (measure != null) {
                    instruments.put(entry.id(), measure);
                }
            }
        }

        TalkingTherapiesConvention convention = null;
        var tt = file.talkingTherapies();
        if (tt == null) {
            faults.add("talkingTherapies is missing");
        } else {
            OutcomeMeasure depression = talkingTherapiesMeasure(faults, "depression", tt.depression(), instruments,
                    ids);
            OutcomeMeasure anxiety = talkingTherapiesMeasure(faults, "anxiety", tt.anxiety(), instruments, ids);
            if (tt.deteriorationExclusion() == null) {
                faults.add("talkingTherapies.deteriorationExclusion must be true or false");
            }
            if (depression != null && anxiety != null && depression == anxiety) {
                faults.add("talkingTherapies: depression and anxiety name the same instrument");
            }
            if (faults.isEmpty()) {
                convention = new TalkingTherapiesConvention(depression, anxiety, tt.deteriorationExclusion());
            }
        }
        failIfAny(resource, faults);
        TalkingTherapiesConvention checked = convention;
        return build(resource, () -> new OutcomeMeasures(file.outcomeMeasuresVersion(), instruments, checked, rho,
                gbo));
    }

    private static List<ChangeMethod> methods(List<String> faults, String where, List<MethodEntry> entries,
                                              ScoreRange range, Double z) {
        List<ChangeMethod> methods = new ArrayList<>();
        if (entries == null || entries.isEmpty()) {
            faults.add(where + " has no methods");
            return methods;
        }
        Set<String> ids = new HashSet<>();
        for (int n = 0; n < entries.size(); n++) {
            MethodEntry entry = entries.get(n);
            if (entry == null) {
                faults.add(where + ": method #" + (n + 1) + " is empty");
                continue;
            }
            String at = where + " method " + (blank(entry.id()) ? "#" + (n + 1) : quoted(entry.id()));
            int before = faults.size();
            if (blank(entry.id())) {
                faults.add(at + " has no id");
            } else if (!SLUG.matcher(entry.id()).matches()) {
                faults.add(at + ": id is not a slug");
            } else if (!ids.add(entry.id())) {
                faults.add(at + " is listed twice");
            }
            String kind = entry.method();
            if (!METHODS.contains(kind)) {
                faults.add(at + ": method must be one of " + METHODS + ", found " + quoted(kind));
                continue;
            }
            Map<String, Object> given = new LinkedHashMap<>();
            given.put("reliableChange", entry.reliableChange());
            given.put("sd1", entry.sd1());
            given.put("reliability", entry.reliability());
            given.put("reliabilityKind", entry.reliabilityKind());
            given.put("points", entry.points());
            given.put("reason", entry.reason());
            List<String> applicable = switch (kind) {
                case ChangeMethod.NHS_TALKING_THERAPIES -> List.of("reliableChange");
                case ChangeMethod.JACOBSON_TRUAX -> List.of("sd1", "reliability", "reliabilityKind");
                case ChangeMethod.FIXED_THRESHOLD -> List.of("points");
                default -> List.of("reason");
            };
            given.forEach((name, value) -> {
                if (value != null && !applicable.contains(name)) {
                    faults.add(at + ": " + name + " does not apply to method " + kind + " (it takes " + applicable
                            + ")");
                }
            });
            int width = range == null ? Integer.MAX_VALUE : range.width();
            switch (kind) {
                case ChangeMethod.NHS_TALKING_THERAPIES -> {
                    if (entry.reliableChange() == null) {
                        faults.add(at + " needs reliableChange (whole points)");
                    } else if (entry.reliableChange() < 1 || entry.reliableChange() > width) {
                        faults.add(at + ": reliableChange " + entry.reliableChange()
                                + " must be from 1 to the width of the range (" + width + ")");
                    }
                }
                case ChangeMethod.JACOBSON_TRUAX -> {
                    if (entry.sd1() == null || !(entry.sd1() > 0)) {
                        faults.add(at + " needs sd1, a positive standard deviation, found " + entry.sd1());
                    }
                    if (entry.reliability() == null || !(entry.reliability() > 0 && entry.reliability() < 1)) {
                        faults.add(at + " needs reliability between 0 and 1 (exclusive), found "
                                + entry.reliability());
                    }
                    if (blank(entry.reliabilityKind())) {
                        faults.add(at + " needs reliabilityKind (e.g. test-retest, cronbach-alpha)");
                    }
                }
                case ChangeMethod.FIXED_THRESHOLD -> {
                    if (entry.points() == null || !(entry.points() > 0) || entry.points() > width) {
                        faults.add(at + " needs points above 0 and at most the width of the range (" + width
                                + "), found " + entry.points());
                    }
                }
                default -> {
                    if (blank(entry.reason())) {
                        faults.add(at + " needs a reason saying why change is not classified");
                    }
                }
            }
            if (faults.size() > before || (kind.equals(ChangeMethod.JACOBSON_TRUAX) && (z == null || !(z > 0)))) {
                continue;
            }
            ChangeMethod method = build(faults, at, () -> switch (kind) {
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
        if (blank(instrumentId)) {
            faults.add(where + " must name an instrument");
            return null;
        }
        OutcomeMeasure measure = instruments.get(instrumentId);
        if (measure == null) {
            if (!ids.contains(instrumentId)) {
                faults.add(where + " names unknown instrument " + quoted(instrumentId) + "; known: "
                        + ids.stream().sorted().toList());
            }
            return null;
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
        RulesFile file = read(resource, RulesFile.class);
        List<String> faults = new ArrayList<>();
        version(faults, "reviewRulesVersion", file.reviewRulesVersion());
        List<RuleEntry> entries = file.rules() == null ? List.of() : file.rules();
        if (entries.isEmpty()) {
            faults.add("rules is missing or empty");
        }
        Set<String> ids = new HashSet<>();
        List<ReviewRule> rules = new ArrayList<>();
        for (int n = 0; n < entries.size(); n++) {
            RuleEntry entry = entries.get(n);
            if (entry == null) {
                faults.add("rule #" + (n + 1) + " is empty");
                continue;
            }
            String where = "rule " + (blank(entry.id()) ? "#" + (n + 1) : quoted(entry.id()));
            int before = faults.size();
            if (blank(entry.id())) {
                faults.add(where + " has no id");
            } else if (!SLUG.matcher(entry.id()).matches()) {
                faults.add(where + ": id is not a slug");
            } else if (!ids.add(entry.id())) {
                faults.add(where + ": duplicate rule id");
            }
            if (!ReviewRule.KINDS.contains(entry.kind())) {
                faults.add(where + ": kind must be one of " + ReviewRule.KINDS + ", found " + quoted(entry.kind()));
                continue;
            }
            if (blank(entry.reason())) {
                faults.add(where + " has no reason");
            } else {
                for (String name : ReasonTemplate.placeholdersIn(entry.reason())) {
                    if (!ReviewRule.placeholders(entry.kind()).contains(name)) {
                        faults.add(where + ": reason uses unknown placeholder {" + name + "}; known for "
                                + entry.kind() + ": " + ReviewRule.placeholders(entry.kind()));
                    }
                }
            }
            Parameters parameters = new Parameters(faults, where, entry.parameters());
            ReviewRule rule = switch (entry.kind()) {
                case ReviewRule.NO_RELIABLE_IMPROVEMENT -> {
                    String instrumentId = parameters.text("instrumentId");
                    Integer weeks = parameters.whole("afterWeeks", 1, MAX_WEEKS);
                    Integer count = parameters.whole("afterMeasures", 1, MAX_MEASURES);
                    Boolean requireCase = parameters.bool("requireCaseAtBaseline");
                    parameters.noOthers();
                    if (instrumentId != null) {
                        OutcomeMeasure measure = measures.of(instrumentId).orElse(null);
                        if (measure == null) {
                            faults.add(where + ": instrumentId names unknown instrument " + quoted(instrumentId)
                                    + "; known: " + measures.instruments().keySet());
                        } else {
                            if (measure.method() instanceof ChangeMethod.NotClassified) {
                                faults.add(where + ": " + instrumentId + " does not classify change (its method is "
                                        + ChangeMethod.NOT_CLASSIFIED + "), so it can never show reliable"
                                        + " improvement");
                            }
                            if (Boolean.TRUE.equals(requireCase) && measure.casenessAtOrAbove() == null) {
                                faults.add(where + ": requireCaseAtBaseline is true but " + instrumentId
                                        + " has no casenessAtOrAbove");
                            }
                        }
                    }
                    yield faults.size() > before ? null : new ReviewRule.NoReliableImprovement(entry.id(),
                            instrumentId, weeks, count, requireCase, new ReasonTemplate(entry.reason().strip()));
                }
                case ReviewRule.RELIABLE_DETERIORATION -> {
                    parameters.noOthers();
                    yield faults.size() > before ? null : new ReviewRule.ReliableDeterioration(entry.id(),
                            new ReasonTemplate(entry.reason().strip()));
                }
                default -> {
                    Integer weeks = parameters.whole("afterWeeks", 1, MAX_WEEKS);
                    parameters.noOthers();
                    yield faults.size() > before ? null : new ReviewRule.NoCheckIn(entry.id(), weeks,
                            new ReasonTemplate(entry.reason().strip()));
                }
            };
            if (rule != null) {
                rules.add(rule);
            }
        }
        failIfAny(resource, faults);
        return build(resource, () -> new ReviewPolicy(file.reviewRulesVersion(), rules));
    }

    /** A rule's parameters, each read once with its type checked; {@link #noOthers()} refuses any left over. */
    private static final class Parameters {
        private final List<String> faults;
        private final String where;
        private final Map<String, Object> values;

        Parameters(List<String> faults, String where, Map<String, Object> values) {
            this.faults = faults;
            this.where = where;
            this.values = values == null ? new LinkedHashMap<>() : new LinkedHashMap<>(values);
        }

        String text(String name) {
            Object value = values.remove(name);
            if (!(value instanceof String text) || text.isBlank()) {
                faults.add(where + ": parameter " + name + " must be text, found " + describe(value));
                return null;
            }
            return text;
        }

        Integer whole(String name, int min, int max) {
            Object value = values.remove(name);
            if (!(value instanceof Integer number) || number < min || number > max) {
                faults.add(where + ": parameter " + name + " must be a whole number from " + min + " to " + max
                        + ", found " + describe(value));
                return null;
            }
            return number;
        }

        Boolean bool(String name) {
            Object value = values.remove(name);
            if (!(value instanceof Boolean flag)) {
                faults.add(where + ": parameter " + name + " must be true or false, found " + describe(value));
                return null;
            }
            return flag;
        }

        void noOthers() {
            for (String name : values.keySet()) {
                faults.add(where + ": unknown parameter " + quoted(name));
            }
        }

        private static String describe(Object value) {
            return value == null ? "nothing" : value instanceof String s ? quoted(s) : String.valueOf(value);
        }
    }

    // ---- reading and checks ----

    private <T> T read(String resource, Class<T> type) {
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new OutcomeDataException(resource, "not found on the classpath");
            }
            byte[] content = in.readAllBytes();
            try (JsonParser parser = yaml.createParser(content)) {
                if (parser.nextToken() == null) {
                    throw new OutcomeDataException(resource, "the file is empty");
                }
            }
            T value = yaml.readValue(content, type);
            if (value == null) {
                throw new OutcomeDataException(resource, "the file is empty");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new OutcomeDataException(resource, "unknown field '" + e.getPropertyName() + "' at " + path(e)
                    + "; known fields: " + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList());
        } catch (JsonMappingException e) {
            throw new OutcomeDataException(resource, "wrong value at " + path(e) + ": "
                    + oneLine(e.getOriginalMessage()) + at(e.getLocation()));
        } catch (JsonProcessingException e) {
            throw new OutcomeDataException(resource,
                    "not readable: " + oneLine(e.getOriginalMessage()) + at(e.getLocation()));
        } catch (IOException e) {
            throw new OutcomeDataException(resource, "cannot be read: " + e.getMessage());
        }
    }

    /** Where in the document, e.g. {@code instruments[2].methods[0].sd1}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "the top level" : path.toString();
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : " (line " + location.getLineNr() + ")";
    }

    private static void version(List<String> faults, String field, String value) {
        if (value == null || !VERSION.matcher(value).matches()) {
            faults.add(field + " must look like 1.0.0, found " + quoted(value));
        }
    }

    private static <T> T build(List<String> faults, String where, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            faults.add(where + ": " + e.getMessage());
            return null;
        }
    }

    private static <T> T build(String resource, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw new OutcomeDataException(resource, e.getMessage());
        }
    }

    private static void failIfAny(String resource, List<String> faults) {
        if (!faults.isEmpty()) {
            throw new OutcomeDataException(resource, faults);
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String quoted(String value) {
        return value == null ? "(none)" : "'" + value + "'";
    }
}
