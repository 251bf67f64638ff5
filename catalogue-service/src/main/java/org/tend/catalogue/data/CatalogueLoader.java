package org.tend.catalogue.data;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
import org.tend.plumbing.data.DataFileException;
import org.tend.plumbing.data.DataFiles;

/**
 * Reads {@code catalogue/interventions-v1.yaml} and {@code catalogue/stepped-care-v1.yaml} through {@link DataFiles}
 * (strict YAML, checked against {@code catalogue/*.schema.json}), then checks what a schema cannot say and builds the
 * domain objects. The checks of a file collect every fault before failing, so one start-up shows everything a
 * clinician's edit broke.
 */
public final class CatalogueLoader {

    public static final String INTERVENTIONS = "catalogue/interventions-v1.yaml";
    public static final String STEPPED_CARE = "catalogue/stepped-care-v1.yaml";
    static final String INTERVENTIONS_SCHEMA = "catalogue/interventions.schema.json";
    static final String STEPPED_CARE_SCHEMA = "catalogue/stepped-care.schema.json";

    private final ClassLoader classLoader;

    public CatalogueLoader() {
        this(CatalogueLoader.class.getClassLoader());
    }

    public CatalogueLoader(ClassLoader classLoader) {
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
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
        DataFileException.failIfAny(interventionsResource, faults);
        return new LoadedCatalogue(catalogue, steppedCare);
    }

    public Catalogue loadCatalogue(String resource) {
        InterventionsFile file = DataFiles.read(resource, INTERVENTIONS_SCHEMA, InterventionsFile.class, classLoader);
        List<String> faults = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<Intervention> interventions = new ArrayList<>();
        for (int n = 0; n < file.interventions().size(); n++) {
            InterventionEntry entry = file.interventions().get(n);
            String where = "interventions[" + n + "]";
            int before = faults.size();
            if (!ids.add(entry.id())) {
                faults.add(where + ".id: duplicate id '" + entry.id() + "'");
            }
            for (int t = 0; t < entry.targets().size(); t++) {
                if (!file.targetVocabulary().containsKey(entry.targets().get(t))) {
                    faults.add(where + ".targets[" + t + "]: '" + entry.targets().get(t) + "' is not in"
                            + " targetVocabulary " + file.targetVocabulary().keySet());
                }
            }
            if (faults.size() > before) {
                continue;
            }
            Set<Format> formats = EnumSet.noneOf(Format.class);
            entry.formats().forEach(code -> formats.add(Format.fromCode(code).orElseThrow()));
            Set<SteppedCareLevel> levels = EnumSet.noneOf(SteppedCareLevel.class);
            entry.suitableLevels().forEach(code -> levels.add(SteppedCareLevel.fromCode(code).orElseThrow()));
            SnomedConcept snomed = entry.snomed() == null ? null
                    : new SnomedConcept(entry.snomed().code(), entry.snomed().display());
            Intervention intervention = DataFileException.buildOrRecord(faults, where, () -> new Intervention(entry.id(), entry.name().strip(),
                    entry.approach().strip(), formats, entry.typicalDuration().strip(), entry.evidenceNote().strip(),
                    List.copyOf(entry.targets()), levels, Intensity.fromCode(entry.intensity()).orElseThrow(),
                    EvidenceStrength.fromCode(entry.evidenceStrength()).orElseThrow(), snomed));
            if (intervention != null) {
                interventions.add(intervention);
            }
        }
        DataFileException.failIfAny(resource, faults);
        return DataFileException.build(resource, () -> new Catalogue(file.catalogueVersion(), interventions));
    }

    public SteppedCarePolicy loadSteppedCare(String resource) {
        SteppedCareFile file = DataFiles.read(resource, STEPPED_CARE_SCHEMA, SteppedCareFile.class, classLoader);
        List<String> faults = new ArrayList<>();

        List<LevelGuidance> levels = new ArrayList<>();
        Set<SteppedCareLevel> described = EnumSet.noneOf(SteppedCareLevel.class);
        for (int n = 0; n < file.levels().size(); n++) {
            LevelEntry entry = file.levels().get(n);
            SteppedCareLevel level = SteppedCareLevel.fromCode(entry.level()).orElseThrow();
            if (!described.add(level)) {
                faults.add("levels[" + n + "].level: " + level.code() + " is described twice");
            }
            levels.add(new LevelGuidance(level, entry.label().strip(),
                    Intensity.fromCode(entry.expectedIntensity()).orElseThrow()));
        }
        for (SteppedCareLevel level : SteppedCareLevel.stepsOfCare()) {
            if (!described.contains(level)) {
                faults.add("levels: " + level.code() + " is not described");
            }
        }

        PathwayRule safety = pathway(faults, "safety", file.safety(), Pathway.HUMAN_REVIEW);
        if (!ReasonTemplate.placeholdersIn(file.safety().reasonTemplate()).isEmpty()) {
            faults.add("safety.reasonTemplate: uses " + ReasonTemplate.placeholdersIn(file.safety().reasonTemplate())
                    + ", but the safety pathway is entered by a care hold, which names no instrument, total or band");
        }
        PathwayRule referral = pathway(faults, "specialistReferral", file.specialistReferral(),
                Pathway.SPECIALIST_REFERRAL);
        Set<String> ruleIds = new HashSet<>(Set.of(safety.id()));
        if (!ruleIds.add(referral.id())) {
            faults.add("specialistReferral.id: " + referral.id() + " is already used by safety");
        }

        List<InstrumentScale> instruments = new ArrayList<>();
        Set<String> instrumentIds = new HashSet<>();
        for (int n = 0; n < file.instruments().size(); n++) {
            InstrumentEntry entry = file.instruments().get(n);
            String where = "instruments[" + n + "]";
            int before = faults.size();
            if (!instrumentIds.add(entry.id())) {
                faults.add(where + ".id: '" + entry.id() + "' is listed twice");
            }
            range(faults, where, entry.minScore(), entry.maxScore());
            if (faults.size() == before) {
                instruments.add(new InstrumentScale(entry.id(), entry.displayName().strip(), entry.minScore(),
                        entry.maxScore()));
            }
        }

        List<SteppedCareRule> rules = new ArrayList<>();
        for (int n = 0; n < file.rules().size(); n++) {
            RuleEntry entry = file.rules().get(n);
            String where = "rules[" + n + "]";
            int before = faults.size();
            if (!ruleIds.add(entry.id())) {
                faults.add(where + ".id: duplicate rule id '" + entry.id() + "'");
            }
            if (!instrumentIds.contains(entry.instrumentId())) {
                faults.add(where + ".instrumentId: unknown instrument '" + entry.instrumentId() + "'; known: "
                        + instruments.stream().map(InstrumentScale::instrumentId).toList());
            }
            range(faults, where, entry.minScore(), entry.maxScore());
            placeholders(faults, where, entry.reasonTemplate());
            if (faults.size() == before) {
                rules.add(new SteppedCareRule(entry.id(), entry.instrumentId(), entry.minScore(), entry.maxScore(),
                        SteppedCareLevel.fromCode(entry.level()).orElseThrow(), entry.reasonTemplate().strip(),
                        entry.source().strip()));
            }
        }
        for (InstrumentScale instrument : instruments) {
            faults.addAll(ScoreCoverage.faults(instrument, rules));
        }
        DataFileException.failIfAny(resource, faults);
        return DataFileException.build(resource, () -> new SteppedCarePolicy(file.steppedCareVersion(), levels, safety,
                referral, instruments, rules));
    }

    private static PathwayRule pathway(List<String> faults, String section, PathwayEntry entry, Pathway pathway) {
        placeholders(faults, section, entry.reasonTemplate());
        return new PathwayRule(entry.id(), pathway, entry.reasonCode(), entry.reasonTemplate().strip());
    }

    // ---- checks ----

    private static void placeholders(List<String> faults, String where, String template) {
        for (String name : ReasonTemplate.placeholdersIn(template)) {
            if (!ReasonTemplate.PLACEHOLDERS.contains(name)) {
                faults.add(where + ".reasonTemplate: uses unknown placeholder {" + name + "}; known: "
                        + ReasonTemplate.PLACEHOLDERS.stream().sorted().toList());
            }
        }
    }

    private static void range(List<String> faults, String where, int min, int max) {
        if (min > max) {
            faults.add(where + ": minScore " + min + " is above maxScore " + max);
        }
    }
}
