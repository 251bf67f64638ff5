package org.tend.plumbing.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * Reads a versioned data file (YAML on the classpath) strictly, checks it against the JSON Schema (draft 2020-12)
 * stored beside it and binds it to a record. Every fault is reported at once, each naming its place in the document
 * (e.g. {@code interventions[3].evidenceStrength}), the rule and the line, so that one failed start shows a reviewer
 * everything an edit broke. What a schema cannot say (unique ids, ranges covered, references across files) stays
 * with each service's loader.
 */
public final class DataFiles {

    // A duplicate key would let two readers see different data. Draft 2020-12 counts 1.0 as an integer, so the
    // binder refuses the float and any other coercion the schema let through.
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    // As the contracts' validator (English, formats asserted, "$.a[0].b" paths); a schema may word a rule for
    // people with "errorMessage": {"pattern": "must be a slug such as phq-9"}, as a regular expression is not.
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .locale(Locale.ENGLISH)
            .pathType(PathType.LEGACY)
            .errorMessageKeyword("errorMessage")
            .build();
    private static final Map<String, String> TYPE_NAMES = Map.of("integer", "a whole number", "number", "a number",
            "string", "text", "boolean", "true or false", "array", "a list", "object", "a mapping", "null", "nothing");
    private static final int MAX_QUOTED = 60;

    private DataFiles() {}

    /**
     * Reads {@code resource}, checks it against {@code schemaResource} and binds it to {@code type}.
     *
     * @throws DataFileException naming the file (or the schema, when that is missing or broken) and every fault
     */
    public static <T> T read(String resource, String schemaResource, Class<T> type, ClassLoader loader) {
        JsonNode schemaNode = readSchema(schemaResource, loader);
        JsonSchema schema;
        try {
            schema = SCHEMAS.getSchema(schemaNode, CONFIG);
            schema.initializeValidators();
        } catch (JsonSchemaException e) {
            throw new DataFileException(schemaResource, "not a usable JSON Schema: " + oneLine(e.getMessage()));
        }
        Document document = readDocument(resource, loader);
        JsonNode tree = document.tree();
        List<Fault> faults = new ArrayList<>();
        for (ValidationMessage message : schema.validate(tree)) {
            faults.add(fault(message, schemaNode, document));
        }
        if (!faults.isEmpty()) {
            faults.sort(Comparator.comparingInt(Fault::line).thenComparing(Fault::toString));
            throw new DataFileException(resource, faults.stream().map(Fault::toString).distinct().toList());
        }
        try {
            return YAML.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw new DataFileException(resource, bindingFault(e, document).toString());
        } catch (JsonProcessingException e) {
            throw new DataFileException(resource, "cannot be read: " + oneLine(e.getOriginalMessage()));
        }
    }

    private static JsonNode readSchema(String schemaResource, ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(schemaResource)) {
            if (in == null) {
                throw new DataFileException(schemaResource, "not found on the classpath");
            }
            return JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new DataFileException(schemaResource, "not readable JSON: " + oneLine(e.getOriginalMessage())
                    + at(e.getLocation()));
        } catch (IOException e) {
            throw new DataFileException(schemaResource, "cannot be read: " + e.getMessage());
        }
    }

    /** The YAML as a tree, and the line of every key (or list entry) for the faults found in it. */
    private static Document readDocument(String resource, ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new DataFileException(resource, "not found on the classpath");
            }
            byte[] content = in.readAllBytes();
            JsonNode tree = YAML.readTree(content);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw new DataFileException(resource, "the file is empty");
            }
            Map<String, Integer> lines = new HashMap<>();
            try (JsonParser parser = YAML.createParser(content)) {
                while (parser.nextToken() != null) {
                    // A key is met before its value, so a field's line is its key's, even for a block below it.
                    lines.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(),
                            parser.currentTokenLocation().getLineNr());
                }
            }
            return new Document(tree, lines);
        } catch (JsonProcessingException e) {
            throw new DataFileException(resource, "not readable YAML: " + oneLine(e.getOriginalMessage())
                    + at(e.getLocation()));
        } catch (IOException e) {
            throw new DataFileException(resource, "cannot be read: " + e.getMessage());
        }
    }

    private static Fault fault(ValidationMessage message, JsonNode schemaNode, Document document) {
        String path = path(message.getInstanceLocation());
        String pointer = pointer(message.getInstanceLocation());
        int line = document.line(pointer);
        JsonNode instance = message.getInstanceNode();
        String property = message.getProperty();
        JsonNode owner = owner(schemaNode, message);
        String found = instance != null && instance.isValueNode() ? ", found " + describe(instance) : "";
        if (owner.path("errorMessage").has(message.getType())) {
            return new Fault(path, message.getError() + found, line);
        }
        switch (message.getType()) {
            case "required":
                // Named where it belongs; the line is that of the mapping it is missing from.
                return new Fault(join(path, property), "required field is missing", path.isEmpty() ? 0 : line);
            case "additionalProperties", "unevaluatedProperties":
                List<String> known = new ArrayList<>();
                owner.path("properties").fieldNames().forEachRemaining(known::add);
                known.sort(null);
                return new Fault(join(path, property),
                        "unknown field" + (known.isEmpty() ? "" : "; known fields: " + known),
                        document.line(pointer + "/" + escape(property)));
            case "enum":
                return new Fault(path, describe(instance) + " is not one of " + values(message.getSchemaNode()),
                        line);
            case "type":
                return new Fault(path, "must be " + typeNames(message.getSchemaNode()) + ", found "
                        + describe(instance), line);
            default:
                return new Fault(path, message.getError() + found, line);
        }
    }

    private static Fault bindingFault(JsonMappingException e, Document document) {
        StringBuilder pointer = new StringBuilder();
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                pointer.append('/').append(escape(reference.getFieldName()));
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                pointer.append('/').append(reference.getIndex());
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        JsonNode node = document.tree().at(JsonPointer.compile(pointer.toString()));
        String rule = node.isNumber() && !node.isIntegralNumber()
                ? "must be a whole number, found " + node.asText()
                : oneLine(e.getOriginalMessage());
        return new Fault(path.toString(), rule, document.line(pointer.toString()));
    }

    /** The (sub)schema holding the keyword that failed: its known fields and its errorMessage. */
    private static JsonNode owner(JsonNode schemaNode, ValidationMessage message) {
        String fragment = message.getSchemaLocation().getFragment().toString();
        int keyword = fragment.lastIndexOf('/');
        return fragment.startsWith("/") ? schemaNode.at(JsonPointer.compile(fragment.substring(0, keyword)))
                : schemaNode.path("");
    }

    private static String path(JsonNodePath location) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(element);
            }
        }
        return path.toString();
    }

    private static String pointer(JsonNodePath location) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            pointer.append('/').append(escape(String.valueOf(location.getElement(i))));
        }
        return pointer.toString();
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String join(String path, String property) {
        return path.isEmpty() ? property : path + "." + property;
    }

    private static String values(JsonNode enumNode) {
        if (enumNode == null || !enumNode.isArray()) {
            return "the allowed values";
        }
        return StreamSupport.stream(enumNode.spliterator(), false).map(JsonNode::asText).toList().toString();
    }

    private static String typeNames(JsonNode typeNode) {
        if (typeNode == null) {
            return "of another type";
        }
        List<String> names = new ArrayList<>();
        for (JsonNode type : typeNode.isArray() ? typeNode : List.of(typeNode)) {
            names.add(TYPE_NAMES.getOrDefault(type.asText(), type.asText()));
        }
        return String.join(" or ", names);
    }

    private static String describe(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isTextual()) {
            String text = value.asText();
            return "'" + (text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "…" : text) + "'";
        }
        if (value.isArray()) {
            return "a list";
        }
        return value.isObject() ? "a mapping" : value.asText();
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : " (line " + location.getLineNr() + ")";
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** A parsed file: its tree and the line of each place in it, by JSON pointer. */
    private record Document(JsonNode tree, Map<String, Integer> lines) {

        int line(String pointer) {
            return lines.getOrDefault(pointer, 0);
        }
    }

    /** One fault: where, which rule, and the line when the parser gave one (0 when not). */
    private record Fault(String path, String text, int line) {

        @Override
        public String toString() {
            return (path.isEmpty() ? "" : path + ": ") + text + (line > 0 ? " (line " + line + ")" : "");
        }
    }
}
