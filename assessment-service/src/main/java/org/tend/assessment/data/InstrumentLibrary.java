package org.tend.assessment.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.tend.assessment.domain.instrument.DefinitionValidator;
import org.tend.assessment.domain.instrument.InstrumentDefinition;
import org.tend.plumbing.data.DataFileException;
import org.tend.plumbing.data.DataFiles;

/**
 * Every instrument definition the service can score, loaded once at start-up and immutable afterwards.
 *
 * <p>{@code <root>/index.yaml} is a YAML list of {@code <id>/<version>.yaml} paths relative to the root. Each file is
 * read by {@link DataFiles} against {@code instruments/instrument.schema.json}, mapped to an
 * {@link InstrumentDefinition}, checked by {@link DefinitionValidator}, and must declare the id and version its path
 * names. Across files, every {@code screensFor} target must be loaded too. Any fault stops loading with a
 * {@link DataFileException} on the index, each fault prefixed by the listed file it was found in (the index's own
 * faults are not): the service must not start with a definition nobody can vouch for.
 */
public final class InstrumentLibrary {

    static final String INDEX_SCHEMA = "instruments/index.schema.json";
    static final String INSTRUMENT_SCHEMA = "instruments/instrument.schema.json";

    /** Definitions by id, each list ordered from oldest to newest version. */
    private final Map<String, List<InstrumentDefinition>> byId;

    private InstrumentLibrary(Map<String, List<InstrumentDefinition>> byId) {
        this.byId = byId;
    }

    /** Loads {@code <root>/index.yaml} and the files it lists, with this class's class loader. */
    public static InstrumentLibrary loadFromClasspath(String root) {
        return loadFromClasspath(root, InstrumentLibrary.class.getClassLoader());
    }

    public static InstrumentLibrary loadFromClasspath(String root, ClassLoader classLoader) {
        String base = root.endsWith("/") ? root : root + "/";
        String indexPath = base + "index.yaml";
        String[] entries = DataFiles.read(indexPath, INDEX_SCHEMA, String[].class, classLoader);

        List<String> faults = new ArrayList<>();
        Map<InstrumentDefinition, String> fileOf = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int n = 0; n < entries.length; n++) {
            String entry = entries[n];
            String file = base + entry;
            if (!seen.add(entry)) {
                faults.add("[" + n + "]: " + entry + " is listed twice");
                continue;
            }
            try {
                InstrumentDefinition definition = DataFiles.read(file, INSTRUMENT_SCHEMA, InstrumentFile.class,
                        classLoader).toDefinition();
                List<String> fileFaults = new ArrayList<>(DefinitionValidator.validate(definition));
                String expected = definition.id() + "/" + definition.version() + ".yaml";
                if (!entry.equals(expected)) {
                    fileFaults.add("declares id '" + definition.id() + "' and version '" + definition.version()
                            + "', so it must be at " + expected);
                }
                fileFaults.forEach(fault -> faults.add(file + ": " + fault));
                if (fileFaults.isEmpty()) {
                    fileOf.put(definition, file);
                }
            } catch (DataFileException e) {
                e.faults().forEach(fault -> faults.add(e.file() + ": " + fault));
            }
        }
        Set<String> ids = fileOf.keySet().stream().map(InstrumentDefinition::id).collect(Collectors.toSet());
        fileOf.forEach((definition, file) -> {
            if (definition.screensFor() != null && !ids.contains(definition.screensFor().instrumentId())) {
                faults.add(file + ": screensFor names instrument '" + definition.screensFor().instrumentId()
                        + "', which is not in the library");
            }
        });
        if (!faults.isEmpty()) {
            throw new DataFileException(indexPath, faults);
        }
        return of(List.copyOf(fileOf.keySet()));
    }

    /**
     * A library of definitions already in memory, e.g. for tests. They are validated as files are.
     *
     * @throws IllegalArgumentException naming the definition ({@code id@version}) and each fault
     */
    public static InstrumentLibrary of(List<InstrumentDefinition> definitions) {
        List<String> faults = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (InstrumentDefinition definition : definitions) {
            DefinitionValidator.validate(definition).forEach(fault -> faults.add(definition + ": " + fault));
            if (!seen.add(definition.id() + "@" + definition.version())) {
                faults.add(definition + ": is given twice");
            }
        }
        if (!faults.isEmpty()) {
            throw new IllegalArgumentException("invalid instrument definitions: " + String.join("; ", faults));
        }
        Map<String, List<InstrumentDefinition>> byId = new LinkedHashMap<>();
        definitions.stream()
                .sorted(Comparator.comparing(InstrumentDefinition::id).thenComparing(d -> Version.parse(d.version())))
                .forEach(d -> byId.computeIfAbsent(d.id(), k -> new ArrayList<>()).add(d));
        byId.replaceAll((id, versions) -> List.copyOf(versions));
        return new InstrumentLibrary(Map.copyOf(byId));
    }

    /** The newest version of an instrument. */
    public Optional<InstrumentDefinition> find(String id) {
        List<InstrumentDefinition> versions = byId.get(id);
        return versions == null ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    /** One exact version of an instrument: stored results are re-read with the version that scored them. */
    public Optional<InstrumentDefinition> find(String id, String version) {
        return byId.getOrDefault(id, List.of()).stream().filter(d -> d.version().equals(version)).findFirst();
    }

    /** Every loaded definition, every version, ordered by id then version. */
    public List<InstrumentDefinition> all() {
        return byId.keySet().stream().sorted().flatMap(id -> byId.get(id).stream()).toList();
    }

    /** MAJOR.MINOR.PATCH compared numerically, so that 1.10.0 is newer than 1.9.0. */
    private record Version(int major, int minor, int patch) implements Comparable<Version> {

        static Version parse(String version) {
            String[] parts = version.split("\\.");
            return new Version(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        }

        @Override
        public int compareTo(Version other) {
            return Comparator.comparingInt(Version::major)
                    .thenComparingInt(Version::minor)
                    .thenComparingInt(Version::patch)
                    .compare(this, other);
        }
    }
}
