package org.tend.assessment.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
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

/**
 * Every instrument definition the service can score, loaded once at start-up and immutable afterwards.
 *
 * <p>{@code <root>/index.yaml} is a YAML list of {@code <id>/<version>.yaml} paths relative to the root. Each file is
 * read strictly (unknown or duplicate keys are faults), mapped to an {@link InstrumentDefinition}, checked by
 * {@link DefinitionValidator}, and must declare the id and version its path names. Across files, every
 * {@code screensFor} target must be loaded too. Any fault stops loading with an {@link InstrumentDefinitionException}
 * naming the file and the fault: the service must not start with a definition nobody can vouch for.
 */
public final class InstrumentLibrary {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

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
        List<String> entries = readIndex(indexPath, classLoader);

        List<String> faults = new ArrayList<>();
        List<InstrumentDefinition> loaded = new ArrayList<>();
        Map<InstrumentDefinition, String> fileOf = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (String entry : entries) {
            String file = base + entry;
            if (!seen.add(entry)) {
                faults.add(indexPath + ": " + entry + " is listed twice");
                continue;
            }
            List<String> fileFaults = new ArrayList<>();
            InstrumentDefinition definition = readDefinition(file, entry, classLoader, fileFaults);
            fileFaults.forEach(fault -> faults.add(file + ": " + fault));
            if (definition != null && fileFaults.isEmpty()) {
                loaded.add(definition);
                fileOf.put(definition, file);
            }
        }
        Set<String> ids = loaded.stream().map(InstrumentDefinition::id).collect(Collectors.toSet());
        for (InstrumentDefinition definition : loaded) {
            if (definition.screensFor() != null && !ids.contains(definition.screensFor().instrumentId())) {
                faults.add(fileOf.get(definition) + ": screensFor names instrument '"
                        + definition.screensFor().instrumentId() + "', which is not in the library");
            }
        }
        if (!faults.isEmpty()) {
            throw new InstrumentDefinitionException(faults);
        }
        return of(loaded);
    }

    /**
     * A library of definitions already in memory, e.g. for tests. They are validated as files are.
     *
     * @throws InstrumentDefinitionException naming the definition ({@code id@version}) and each fault
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
            throw new InstrumentDefinitionException(faults);
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

    private static List<String> readIndex(String indexPath, ClassLoader classLoader) {
        try (InputStream in = classLoader.getResourceAsStream(indexPath)) {
            if (in == null) {
                throw new InstrumentDefinitionException(List.of(indexPath + ": not found on the classpath"));
            }
            List<String> entries = YAML.readValue(in, new TypeReference<List<String>>() {});
            if (entries == null || entries.isEmpty()) {
                throw new InstrumentDefinitionException(List.of(indexPath + ": lists no instrument files"));
            }
            List<String> faults = new ArrayList<>();
            for (String entry : entries) {
                if (entry == null || !entry.matches("[^/]+/[^/]+\\.yaml")) {
                    faults.add(indexPath + ": entry '" + entry + "' is not of the form <id>/<version>.yaml");
                }
            }
            if (!faults.isEmpty()) {
                throw new InstrumentDefinitionException(faults);
            }
            return entries;
        } catch (JsonProcessingException e) {
            throw new InstrumentDefinitionException(List.of(indexPath + ": " + describe(e)));
        } catch (IOException e) {
            throw new InstrumentDefinitionException(List.of(indexPath + ": cannot be read: " + e.getMessage()));
        }
    }

    private static InstrumentDefinition readDefinition(
            String file, String entry, ClassLoader classLoader, List<String> faults) {
        InstrumentFile parsed;
        try (InputStream in = classLoader.getResourceAsStream(file)) {
            if (in == null) {
                faults.add("listed in the index but not found on the classpath");
                return null;
            }
            parsed = YAML.readValue(in, InstrumentFile.class);
        } catch (JsonProcessingException e) {
            faults.add(describe(e));
            return null;
        } catch (IOException e) {
            faults.add("cannot be read: " + e.getMessage());
            return null;
        }
        if (parsed == null) {
            faults.add("is empty");
            return null;
        }
        InstrumentDefinition definition = InstrumentFileMapping.toDefinition(parsed, faults);
        if (definition == null) {
            return null;
        }
        faults.addAll(DefinitionValidator.validate(definition));
        String expected = definition.id() + "/" + definition.version() + ".yaml";
        if (!entry.equals(expected)) {
            faults.add("declares id '" + definition.id() + "' and version '" + definition.version()
                    + "', so it must be at " + expected);
        }
        return definition;
    }

    private static String describe(JsonProcessingException e) {
        String where = e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        String path = "";
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder field = new StringBuilder();
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                if (reference.getFieldName() != null) {
                    field.append(field.length() == 0 ? "" : ".").append(reference.getFieldName());
                } else if (reference.getIndex() >= 0) {
                    field.append('[').append(reference.getIndex()).append(']');
                }
            }
            path = " at " + field;
        }
        return "not a valid instrument file" + path + where + ": " + e.getOriginalMessage();
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
