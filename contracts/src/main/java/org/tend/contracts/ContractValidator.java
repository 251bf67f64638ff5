package org.tend.contracts;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Checks an integration event's data against the published JSON Schema of its type and version.
 *
 * <p>Loads every schema listed in the classpath resource {@code tend/contracts/schemas/index.txt} (so it works from
 * a jar without scanning). Immutable and thread-safe: load once and share. Error messages name the field and the
 * rule but never echo the offending value, so they may be logged or put in dead-letter headers.
 */
public final class ContractValidator {

    /** Classpath folder of the schema files. */
    public static final String SCHEMA_LOCATION = "tend/contracts/schemas/";
    /** Classpath resource that lists the schema file names, one per line ({@code #} starts a comment). */
    public static final String INDEX_RESOURCE = SCHEMA_LOCATION + "index.txt";

    // Strict parsing: a duplicated key or trailing content would let two readers see different data.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Map<String, JsonSchema> schemasByType;

    private ContractValidator(Map<String, JsonSchema> schemasByType) {
        this.schemasByType = schemasByType;
    }

    /**
     * Loads every published schema from the classpath.
     *
     * @throws IllegalStateException if the index or a schema is missing or unreadable, or a schema's {@code $id}
     *                               does not match its file name
     */
    public static ContractValidator load() {
        ClassLoader loader = classLoader();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .locale(Locale.ENGLISH)
                .pathType(PathType.LEGACY) // "$.field.sub: ..." like the other messages
                .build();
        Map<String, JsonSchema> schemas = new TreeMap<>();
        for (String fileName : schemaFileNames(loader)) {
            String type = fileName.substring(0, fileName.length() - ".json".length());
            JsonNode schemaNode = readResource(loader, SCHEMA_LOCATION + fileName);
            String expectedId = EventTypes.dataschemaOf(type);
            if (!expectedId.equals(schemaNode.path("$id").asText())) {
                throw new IllegalStateException("schema " + fileName + " must have $id " + expectedId);
            }
            JsonSchema schema = factory.getSchema(schemaNode, config);
            schema.initializeValidators(); // fail at start-up, not at the first record
            schemas.put(type, schema);
        }
        return new ContractValidator(Collections.unmodifiableMap(schemas));
    }

    /** Every event type (and version) that has a schema, e.g. {@code tend.goal.goal-set.v1}. */
    public Set<String> knownTypes() {
        return schemasByType.keySet();
    }

    /**
     * Validates the data of an event of the given type.
     *
     * @return the violations, empty when the data is valid; exactly one message for an unknown type
     */
    public List<String> validate(String type, JsonNode data) {
        JsonSchema schema = type == null ? null : schemasByType.get(type);
        if (schema == null) {
            return List.of("unknown event type: " + type);
        }
        if (data == null || data.isMissingNode()) {
            return List.of("$: data is missing");
        }
        Set<ValidationMessage> messages = schema.validate(data);
        return messages.stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .collect(Collectors.toUnmodifiableList());
    }

    /**
     * Validates the data of an event of the given type, as the JSON bytes of a record's value.
     *
     * @return the violations, empty when the data is valid; one message for an unknown type or bytes that are not
     *         JSON (the message gives the position only, never the content)
     */
    public List<String> validate(String type, byte[] json) {
        if (type == null || !schemasByType.containsKey(type)) {
            return List.of("unknown event type: " + type);
        }
        if (json == null || json.length == 0) {
            return List.of("$: data is missing");
        }
        JsonNode data;
        try {
            data = MAPPER.readTree(json);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            return List.of(at == null
                    ? "$: data is not valid JSON"
                    : "$: data is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        } catch (IOException e) {
            return List.of("$: data is not valid JSON");
        }
        return validate(type, data);
    }

    private static List<String> schemaFileNames(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(INDEX_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + INDEX_RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .peek(line -> {
                        if (!line.endsWith(".json") || line.contains("/")) {
                            throw new IllegalStateException(INDEX_RESOURCE + ": not a schema file name: " + line);
                        }
                    })
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + INDEX_RESOURCE, e);
        }
    }

    private static JsonNode readResource(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read schema " + resource, e);
        }
    }

    private static ClassLoader classLoader() {
        // The schemas live in the same jar as this class.
        ClassLoader own = ContractValidator.class.getClassLoader();
        return own != null ? own : ClassLoader.getSystemClassLoader();
    }
}
