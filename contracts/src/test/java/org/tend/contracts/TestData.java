package org.tend.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the published schemas, the index and the example events the way a consumer of this module would. */
final class TestData {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Loaded once: the validator is immutable. */
    static final ContractValidator VALIDATOR = ContractValidator.load();

    private TestData() {
    }

    /** The schema files in the source folder {@code contracts/schemas} (Surefire runs in the module folder). */
    static List<String> schemaFilesOnDisk() {
        try (Stream<Path> files = Files.list(Path.of("schemas"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema file names listed in the classpath index, in order. */
    static List<String> indexEntries() {
        List<String> entries = new ArrayList<>();
        for (String line : resourceText(ContractValidator.INDEX_RESOURCE).split("\n")) {
            String entry = line.strip();
            if (!entry.isEmpty() && !entry.startsWith("#")) {
                entries.add(entry);
            }
        }
        return entries;
    }

    static List<String> types() {
        return indexEntries().stream().map(f -> f.substring(0, f.length() - ".json".length())).toList();
    }

    static JsonNode schema(String type) {
        return readJson(ContractValidator.SCHEMA_LOCATION + type + ".json");
    }

    /** A fresh, mutable copy of the valid example of a type. */
    static ObjectNode example(String type) {
        return (ObjectNode) readJson("examples/" + type + ".json");
    }

    static String resourceText(String resource) {
        try (InputStream in = TestData.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readJson(String resource) {
        try {
            return JSON.readTree(resourceText(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }
}
