package org.tend.catalogue.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.tend.catalogue.data.YamlModel.InstrumentEntry;
import org.tend.catalogue.data.YamlModel.InterventionEntry;
import org.tend.catalogue.data.YamlModel.InterventionsFile;
import org.tend.catalogue.data.YamlModel.LevelEntry;
import org.tend.catalogue.data.YamlModel.PathwayEntry;
import org.tend.catalogue.data.YamlModel.RuleEntry;
import org.tend.catalogue.data.YamlModel.SteppedCareFile;
import org.tend.catalogue.domain.Catalogue;
import org.tend.catalogue.domain.EvidenceStrength;
import org.tend.catalogue.domain.Format;
import org.tend.catalogue.domain.InstrumentScale;
import org.tend.catalogue.domain.Intensity;
import org.tend.catalogue.domain.Intervention;
import org.tend.catalogue.domain.LevelGuidance;
import org.tend.catalogue.domain.Pathway;
import org.tend.catalogue.domain.PathwayRule;
import org.tend.catalogue.domain.ReasonTemplate;
import org.tend.catalogue.domain.ScoreCoverage;
import org.tend.catalogue.domain.SnomedConcept;
import org.tend.catalogue.domain.SteppedCareLevel;
import org.tend.catalogue.domain.SteppedCarePolicy;
import org.tend.catalogue.domain.SteppedCareRule;

/**
 * Reads {@code catalogue/interventions-v1.yaml} and {@code catalogue/stepped-care-v1.yaml} (Jackson 2 YAML), checks
 * them and builds the domain objects. Checks collect every fault of a file before failing, so one start-up shows
 * everything a clinician's edit broke.
 */
public final class CatalogueLoader {

    public static final String INTERVENTIONS = "catalogue/interventions-v1.yaml";
    public static final String STEPPED_CARE = "catalogue/stepped-care-v1.yaml";

    private static final Pattern SLUG = Intervention.SLUG;
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final String FORMATS = codesOf(Format.values(), Format::code);
    private static final String INTENSITIES = codesOf(Intensity.values(), Intensity::code);
    private static final String EVIDENCE_STRENGTHS = codesOf(EvidenceStrength.values(), EvidenceStrength::code);
    private static final String STEPS_OF_CARE =
            codesOf(SteppedCareLevel.stepsOfCare().toArray(SteppedCareLevel[]::new), SteppedCareLevel::code);

    private final ObjectMapper yaml;
    private final ClassLoader classLoader;

    public CatalogueLoader() {
        this(CatalogueLoader.class.getClassLoader());
    }

    public CatalogueLoader(ClassLoader classLoader) {
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
        this.yaml = new ObjectMapper(new YAMLFactory())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }

    /** The shipped catalogue and rules. */
    public LoadedCatalogue loadDefault() {
        return load(INTERVENTIONS, STEPPED_CARE);
    }

    /** Both files from the classpath, checked on their own and against each other. */
    public LoadedCatalogue load(String interventionsResource, String steppedCareResource) {
        Catalogue catalogue = loadCatalogue(interventionsResource);
        SteppedCarePolicy steppedCare = loadSteppedCare(steppedCareResource);
        List<String> faults = new ArrayList<>();
        for (SteppedCareLevel level : SteppedCareLevel.stepsOfCare()) {
            if (catalogue.suitableAt(level).isEmpty()) {
                faults.add("no intervention is suitable at " + level.code() + " (a level of "
                        + steppedCareResource + ")");
            }
        }
        failIfAny(interventionsResource, faults);
        return new LoadedCatalogue(catalogue, steppedCare);
    }

    public Catalogue loadCatalogue(String resource) {
        InterventionsFile file = read(resource, InterventionsFile.class);
        return toCatalogue(resource, file);
    }

    public SteppedCarePolicy loadSteppedCare(String resource) {
        SteppedCareFile file = read(resource, SteppedCareFile.class);
        return toPolicy(resource, file);
    }

    // ---- reading ----

    private <T> T read(String resource, Class<T> type) {
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new CatalogueDataException(resource, "not found on the classpath");
            }
            byte[] content = in.readAllBytes();
            try (JsonParser parser = yaml.createParser(content)) {
                if (parser.nextToken() == null) {
                    throw new CatalogueDataException(resource, "the file is empty");
                }
            }
            T value = yaml.readValue(content, type);
            if (value == null) {
                throw new CatalogueDataException(resource, "the file is empty");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new CatalogueDataException(resource, "unknown field '" + e.getPropertyName() + "' at " + path(e)
                    + "; known fields: " + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList());
        } catch (JsonProcessingException e) {
            throw new CatalogueDataException(resource,
                    "not readable: " + oneLine(e.getOriginalMessage()) + at(e.getLocation()));
        } catch (IOException e) {
            throw new CatalogueDataException(resource, "cannot be read: " + e.getMessage());
        }
    }

    /** Where in the document, e.g. {@code interventions[3].evidenceStrenght}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : " (line " + location.getLineNr() + ")";
    }

    // ---- interventions ----

    private Catalogue toCatalogue(String resource, InterventionsFile file) {
        List<String> faults = new ArrayList<>();
        if (file.catalogueVersion() == null || !VERSION.matcher(file.catalogueVersion()).matches()) {
            faults.add("catalogueVersion must look like 1.0.0, found " + quoted(file.catalogueVersion()));
        }
        Map<String, String> vocabulary = file.targetVocabulary() == null ? Map.of() : file.targetVocabulary();
        if (vocabulary.isEmpty()) {
            faults.add("targetVocabulary is missing or empty");
        }
        vocabulary.forEach((slug, description) -> {
            if (!SLUG.matcher(slug).matches()) {
                faults.add("target " + quoted(slug) + " in targetVocabulary is not a slug");
            }
            if (blank(description)) {
                faults.add("target " + slug + " in targetVocabulary has no description");
            }
        });
        List<InterventionEntry> entries = file.interventions() == null ? List.of() : file.interventions();
        if (entries.isEmpty()) {
            faults.add("interventions is missing or empty");
        }
        Set<String> ids = new HashSet<>();
        List<Intervention> interventions = new ArrayList<>();
        for (int n = 0; n < entries.size(); n++) {
            InterventionEntry entry = entries.get(n);
            if (entry == null) {
                faults.add("intervention #" + (n + 1) + " is empty");
                continue;
            }
            String where = "intervention " + (blank(entry.id()) ? "#" + (n + 1) : quoted(entry.id()));
            int before = faults.size();
            if (blank(entry.id())) {
                faults.add(where + " has no id");
            } else if (!SLUG.matcher(entry.id()).matches()) {
                faults.add(where + ": id is not a slug (lowercase words joined by hyphens)");
            } else if (!ids.add(entry.id())) {
                faults.add(where + ": duplicate id");
            }
            requireText(faults, where, "name", entry.name());
            requireText(faults, where, "approach", entry.approach());
            requireText(faults, where, "typicalDuration", entry.typicalDuration());
            requireText(faults, where, "evidenceNote", entry.evidenceNote());
            Set<Format> formats = codes(faults, where, "formats", entry.formats(), Format::fromCode, FORMATS);
            Set<String> targets = codes(faults, where, "targets", entry.targets(),
                    t -> Optional.of(t).filter(vocabulary::containsKey), vocabulary.keySet().toString());
            Set<SteppedCareLevel> levels = codes(faults, where, "suitableSeverities", entry.suitableSeverities(),
                    CatalogueLoader::stepOfCare, STEPS_OF_CARE);
            Intensity intensity = code(faults, where, "intensity", entry.intensity(), Intensity::fromCode,
                    INTENSITIES);
            EvidenceStrength evidence = code(faults, where, "evidenceStrength", entry.evidenceStrength(),
                    EvidenceStrength::fromCode, EVIDENCE_STRENGTHS);
            if (entry.snomed() != null) {
                String code = entry.snomed().code();
                if (blank(code) || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    faults.add(where + ": snomed.code must be SNOMED CT digits, found " + quoted(code));
                }
                requireText(faults, where, "snomed.display", entry.snomed().display());
            }
            if (faults.size() > before) {
                continue;
            }
            SnomedConcept snomed = entry.snomed() == null ? null
                    : new SnomedConcept(entry.snomed().code(), entry.snomed().display());
            interventions.add(build(faults, where, () -> new Intervention(entry.id(), entry.name().strip(),
                    entry.approach().strip(), formats, entry.typicalDuration().strip(), entry.evidenceNote().strip(),
                    List.copyOf(targets), levels, intensity, evidence, snomed)));
        }
        failIfAny(resource, faults);
        return build(resource, () -> new Catalogue(file.catalogueVersion(), interventions));
    }

    // ---- stepped care ----

    private SteppedCarePolicy toPolicy(String resource, SteppedCareFile file) {
        List<String> faults = new ArrayList<>();
        if (file.steppedCareVersion() == null || !VERSION.matcher(file.steppedCareVersion()).matches()) {
            faults.add("steppedCareVersion must look like 1.0.0, found " + quoted(file.steppedCareVersion()));
        }

        List<LevelGuidance> levels = new ArrayList<>();
        Set<SteppedCareLevel> described = EnumSet.noneOf(SteppedCareLevel.class);
        for (LevelEntry entry : listOf(faults, "levels", file.levels())) {
            String where = "level " + quoted(entry.level());
            Optional<SteppedCareLevel> level = stepOfCare(entry.level());
            if (level.isEmpty()) {
                faults.add(where + " is not a step of care " + STEPS_OF_CARE);
                continue;
            }
            if (!described.add(level.get())) {
                faults.add(where + " is described twice");
            }
            requireText(faults, where, "label", entry.label());
            Intensity intensity = code(faults, where, "expectedIntensity", entry.expectedIntensity(),
                    Intensity::fromCode, INTENSITIES);
            if (!blank(entry.label()) && intensity != null) {
                levels.add(new LevelGuidance(level.get(), entry.label().strip(), intensity));
            }
        }
        for (SteppedCareLevel level : SteppedCareLevel.stepsOfCare()) {
            if (!described.contains(level)) {
                faults.add("levels: " + level.code() + " is not described");
            }
        }

        PathwayRule safety = pathway(faults, "safety", file.safety(), Pathway.HUMAN_REVIEW);
        PathwayRule referral = pathway(faults, "specialistReferral", file.specialistReferral(),
                Pathway.SPECIALIST_REFERRAL);
        Set<String> ruleIds = new HashSet<>();
        if (safety != null) {
            ruleIds.add(safety.id());
        }
        if (referral != null && !ruleIds.add(referral.id())) {
            faults.add("specialistReferral: id " + referral.id() + " is already used by safety");
        }

        List<InstrumentScale> instruments = new ArrayList<>();
        Set<String> instrumentIds = new HashSet<>();
        for (InstrumentEntry entry : listOf(faults, "instruments", file.instruments())) {
            String where = "instrument " + quoted(entry.id());
            int before = faults.size();
            if (blank(entry.id())) {
                faults.add("an instrument has no id");
            } else if (!instrumentIds.add(entry.id())) {
                faults.add(where + " is listed twice");
            }
            requireText(faults, where, "displayName", entry.displayName());
            range(faults, where, entry.minScore(), entry.maxScore());
            if (faults.size() == before) {
                instruments.add(new InstrumentScale(entry.id(), entry.displayName().strip(), entry.minScore(),
                        entry.maxScore()));
            }
        }

        List<SteppedCareRule> rules = new ArrayList<>();
        for (RuleEntry entry : listOf(faults, "rules", file.rules())) {
            String where = "rule " + quoted(entry.id());
            int before = faults.size();
            if (blank(entry.id())) {
                faults.add("a rule has no id");
            } else if (!ruleIds.add(entry.id())) {
                faults.add(where + ": duplicate rule id");
            }
            if (blank(entry.instrumentId())) {
                faults.add(where + " has no instrumentId");
            } else if (!instrumentIds.contains(entry.instrumentId())) {
                faults.add(where + " names unknown instrument " + quoted(entry.instrumentId()) + "; known: "
                        + instruments.stream().map(InstrumentScale::instrumentId).toList());
            }
            range(faults, where, entry.minScore(), entry.maxScore());
            Optional<SteppedCareLevel> level = stepOfCare(entry.level());
            if (level.isEmpty()) {
                faults.add(where + ": level " + quoted(entry.level()) + " is not a step of care " + STEPS_OF_CARE
                        + " (safety comes from the safety flag, not a score)");
            }
            requireText(faults, where, "source", entry.source());
            template(faults, where, entry.reasonTemplate());
            if (faults.size() == before) {
                rules.add(new SteppedCareRule(entry.id(), entry.instrumentId(), entry.minScore(), entry.maxScore(),
                        level.get(), entry.reasonTemplate().strip(), entry.source().strip()));
            }
        }
        for (InstrumentScale instrument : instruments) {
            faults.addAll(ScoreCoverage.faults(instrument, rules));
        }
        failIfAny(resource, faults);
        return build(resource, () -> new SteppedCarePolicy(file.steppedCareVersion(), levels, safety, referral,
                instruments, rules));
    }

    private static PathwayRule pathway(List<String> faults, String section, PathwayEntry entry, Pathway pathway) {
        if (entry == null) {
            faults.add(section + " is missing");
            return null;
        }
        int before = faults.size();
        requireText(faults, section, "id", entry.id());
        if (blank(entry.reasonCode()) || !SLUG.matcher(entry.reasonCode()).matches()) {
            faults.add(section + ": reasonCode must be a slug, found " + quoted(entry.reasonCode()));
        }
        template(faults, section, entry.reasonTemplate());
        return faults.size() == before
                ? new PathwayRule(entry.id(), pathway, entry.reasonCode(), entry.reasonTemplate().strip())
                : null;
    }

    // ---- checks ----

    private static void template(List<String> faults, String where, String template) {
        if (blank(template)) {
            faults.add(where + " has no reasonTemplate");
            return;
        }
        for (String name : ReasonTemplate.placeholdersIn(template)) {
            if (!ReasonTemplate.PLACEHOLDERS.contains(name)) {
                faults.add(where + ": reasonTemplate uses unknown placeholder {" + name + "}; known: "
                        + ReasonTemplate.PLACEHOLDERS.stream().sorted().toList());
            }
        }
    }

    private static void range(List<String> faults, String where, Integer min, Integer max) {
        if (min == null || max == null) {
            faults.add(where + " needs both minScore and maxScore");
        } else if (min > max) {
            faults.add(where + ": minScore " + min + " is above maxScore " + max);
        }
    }

    private static void requireText(List<String> faults, String where, String field, String value) {
        if (blank(value)) {
            faults.add(where + " has no " + field);
        }
    }

    private static <T> List<T> listOf(List<String> faults, String section, List<T> values) {
        if (values == null || values.isEmpty()) {
            faults.add(section + " is missing or empty");
            return List.of();
        }
        List<T> present = new ArrayList<>();
        for (int n = 0; n < values.size(); n++) {
            if (values.get(n) == null) {
                faults.add(section + " entry #" + (n + 1) + " is empty");
            } else {
                present.add(values.get(n));
            }
        }
        return present;
    }

    private static <T> T code(List<String> faults, String where, String field, String value,
            Function<String, Optional<T>> parse, String known) {
        if (blank(value)) {
            faults.add(where + " has no " + field);
            return null;
        }
        Optional<T> parsed = parse.apply(value);
        if (parsed.isEmpty()) {
            faults.add(where + ": unknown " + field + " value " + quoted(value) + "; known: " + known);
        }
        return parsed.orElse(null);
    }

    private static <T> Set<T> codes(List<String> faults, String where, String field, List<String> values,
            Function<String, Optional<T>> parse, String known) {
        Set<T> parsed = new LinkedHashSet<>();
        if (values == null || values.isEmpty()) {
            faults.add(where + " has no " + field);
            return parsed;
        }
        for (String value : values) {
            T one = code(faults, where, field, value, parse, known);
            if (one != null && !parsed.add(one)) {
                faults.add(where + ": " + field + " lists " + quoted(value) + " twice");
            }
        }
        return parsed;
    }

    private static Optional<SteppedCareLevel> stepOfCare(String code) {
        return SteppedCareLevel.fromCode(code).filter(level -> level != SteppedCareLevel.SAFETY);
    }

    private static <E> String codesOf(E[] values, Function<E, String> code) {
        List<String> codes = new ArrayList<>();
        for (E value : values) {
            codes.add(code.apply(value));
        }
        return codes.toString();
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
            throw new CatalogueDataException(resource, e.getMessage());
        }
    }

    private static void failIfAny(String resource, List<String> faults) {
        if (!faults.isEmpty()) {
            throw new CatalogueDataException(resource, faults);
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
