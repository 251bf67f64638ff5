package org.tend.plumbing.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.keys.ParticipantKeys;

/**
 * The one inbound edge of every consumer. A consumer names the event types it reads and, for each, its own small
 * record type holding only the fields it uses (it keeps its own copy of the events it handles, so a producer's
 * internals never leak into it). Reading a record then
 * <ol>
 *   <li>ignores a type the consumer does not read, without parsing its body (forward compatible);</li>
 *   <li>accepts a type only from the topic and the CloudEvents source that own it ({@link EventTypes#topicOf},
 *       {@link EventTypes#sourceOf}): a client that may write one topic cannot pass off another service's
 *       event (a forged {@code practitioner-assigned} on the goal topic, say);</li>
 *   <li>checks the data against the published JSON Schema of its type and version ({@code contracts/});</li>
 *   <li>binds it to the consumer's record (fields it does not declare are left out).</li>
 * </ol>
 * A record that is not a CloudEvent, breaks its contract or cannot be bound throws {@link MalformedEventException}:
 * it can never be applied, and goes to the consumer's dead letters. The same type registry gives the record type of
 * a stored event back ({@link #dataTypeOf}), so a projection that keeps received events reloads them the same way.
 */
public final class InboundEvents {

    /** Strict where the producer could be ambiguous (a duplicated key); tolerant of fields the consumer ignores. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .addModule(new JavaTimeModule())
            .build();

    private final ContractValidator contracts;
    private final Map<String, Class<?>> dataTypes;
    private final ParticipantKeys keys;

    private InboundEvents(ContractValidator contracts, Map<String, Class<?>> dataTypes, ParticipantKeys keys) {
        this.contracts = contracts;
        this.dataTypes = Map.copyOf(dataTypes);
        this.keys = keys;
    }

    public static Builder reading(ContractValidator contracts) {
        return new Builder(contracts);
    }

    public static final class Builder {
        private final ContractValidator contracts;
        private final Map<String, Class<?>> dataTypes = new LinkedHashMap<>();
        private ParticipantKeys keys;

        private Builder(ContractValidator contracts) {
            this.contracts = contracts;
        }

        /** Reads events of {@code type} (with version, e.g. {@code tend.goal.goal-set.v1}) as {@code dataType}. */
        public Builder type(String type, Class<?> dataType) {
            if (!contracts.knownTypes().contains(type)) {
                throw new IllegalArgumentException("no published schema for event type " + type);
            }
            if (dataTypes.putIfAbsent(type, dataType) != null) {
                throw new IllegalArgumentException(type + " is registered twice");
            }
            return this;
        }

        /**
         * Opens sealed records ({@link EventTypes#SEALED}) with the participants' keys. A consumer without keys reads
         * plaintext records only: a sealed one is malformed to it.
         */
        public Builder opening(ParticipantKeys participantKeys) {
            this.keys = java.util.Objects.requireNonNull(participantKeys);
            return this;
        }

        public InboundEvents build() {
            return new InboundEvents(contracts, dataTypes, keys);
        }
    }

    /** The event types this consumer reads. */
    public Set<String> types() {
        return dataTypes.keySet();
    }

    /** The record type events of {@code type} are bound to; empty for a type this consumer does not read. */
    public Optional<Class<?>> dataTypeOf(String type) {
        return Optional.ofNullable(type == null ? null : dataTypes.get(type));
    }

    /**
     * Reads one record.
     *
     * @return the event with its data bound, or empty for a type this consumer does not read
     * @throws MalformedEventException when the record can never be applied
     */
    public Optional<ReceivedEvent<?>> read(ConsumerRecord<String, byte[]> record) {
        String typeHeader = header(record, "ce_type");
        if (typeHeader != null && !dataTypes.containsKey(typeHeader)) {
            return Optional.empty();
        }
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            throw new MalformedEventException("not a CloudEvents record: " + e.getMessage(), e);
        }
        String type = event.getType();
        Class<?> dataType = dataTypes.get(type);
        if (dataType == null) {
            return Optional.empty();
        }
        Optional<String> owner = EventTypes.sourceOf(type);
        if (!EventTypes.topicOf(type).equals(record.topic())
                || owner.isPresent() && !owner.get().equals(String.valueOf(event.getSource()))) {
            throw new MalformedEventException(type + " " + event.getId() + " came from source " + event.getSource()
                    + " on topic " + record.topic() + "; only " + owner.orElse("a Tend service")
                    + " publishes it, on " + EventTypes.topicOf(type));
        }
        if (event.getData() == null) {
            throw new MalformedEventException(type + " " + event.getId() + " has no data");
        }
        byte[] bytes = event.getData().toBytes();
        if (EventTypes.SEALED_CONTENT_TYPE.equals(event.getDataContentType())) {
            Optional<byte[]> opened = open(record, type, event.getId(), bytes);
            if (opened.isEmpty()) {
                // Its participant was erased: the record can never be read, and there is nothing to apply.
                return Optional.empty();
            }
            bytes = opened.get();
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(bytes);
        } catch (IOException e) {
            // Not the parser's message nor the exception as cause: they quote the data, and this one is logged.
            throw new MalformedEventException(type + " " + event.getId() + ": data is not JSON" + where(e));
        }
        List<String> violations = contracts.validate(type, tree);
        if (!violations.isEmpty()) {
            throw new MalformedEventException(type + " " + event.getId() + " breaks its contract: "
                    + String.join("; ", violations));
        }
        Object data;
        try {
            data = JSON.treeToValue(tree, dataType);
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedEventException(type + " " + event.getId() + " cannot be read as "
                    + dataType.getSimpleName() + where(e));
        }
        Instant time = event.getTime() == null ? Instant.ofEpochMilli(record.timestamp()) : event.getTime().toInstant();
        return Optional.of(new ReceivedEvent<>(event.getId(), type, String.valueOf(event.getSource()), time,
                record.key(), data, record.topic(), record.partition(), record.offset()));
    }

    /** The data of a sealed record, or empty once its participant was erased. */
    private Optional<byte[]> open(ConsumerRecord<String, byte[]> record, String type, String id, byte[] sealed) {
        if (!EventTypes.SEALED.contains(type)) {
            throw new MalformedEventException(type + " " + id + " is sealed, but its type is not one that is");
        }
        if (keys == null) {
            throw new MalformedEventException(type + " " + id + " is sealed and this consumer holds no keys");
        }
        if (record.key() == null || !record.key().startsWith("p_")) {
            throw new MalformedEventException(type + " " + id + " is sealed but not keyed by a participant");
        }
        try {
            return keys.openShared(record.key(), EventTypes.sealingContext(type), sealed);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(type + " " + id + " does not open with its participant's key: "
                    + "altered, or sealed for someone else");
        }
    }

    /**
     * The stored form of an event's data ({@link #fromMap} reads it back): a map of its fields, nested records as
     * maps, times as ISO-8601 text (kept to the nanosecond), absent values left out.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(Object data) {
        return JSON.convertValue(data, Map.class);
    }

    /** Reads data kept by {@link #toMap} back into the record type registered for its event type. */
    public <T> Optional<T> fromMap(String type, Map<String, ?> stored, Class<T> expected) {
        Class<?> dataType = dataTypeOf(type).orElse(null);
        if (dataType == null || !expected.isAssignableFrom(dataType)) {
            return Optional.empty();
        }
        try {
            return Optional.of(expected.cast(JSON.convertValue(stored, dataType)));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("stored " + type + " cannot be read as " + dataType.getSimpleName(), e);
        }
    }

    /** Where in the data reading failed (a JSON path, or a line and column), never what was there. */
    private static String where(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder(" at $");
                for (JsonMappingException.Reference reference : mapping.getPath()) {
                    path.append(reference.getFieldName() != null ? "." + reference.getFieldName()
                            : "[" + reference.getIndex() + "]");
                }
                return path.toString();
            }
            if (t instanceof JsonProcessingException processing && processing.getLocation() != null) {
                return " at line " + processing.getLocation().getLineNr() + ", column "
                        + processing.getLocation().getColumnNr();
            }
        }
        return " (" + e.getClass().getSimpleName() + ")";
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
