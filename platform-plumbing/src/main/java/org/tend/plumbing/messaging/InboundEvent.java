package org.tend.plumbing.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.io.IOException;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A CloudEvents record read from a topic: its attributes and its JSON data. */
public record InboundEvent(String id, String type, String source, Instant time, String key, JsonNode data,
                           String topic, int partition, long offset) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Parses a binary-mode CloudEvents record.
     *
     * @throws MalformedEventException when the record is not a CloudEvent with JSON data; such a record can never
     *                                 be processed and goes straight to the dead-letter topic
     */
    public static InboundEvent from(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            throw new MalformedEventException("not a CloudEvents record: " + e.getMessage(), e);
        }
        if (event.getData() == null) {
            throw new MalformedEventException("CloudEvent " + event.getId() + " has no data");
        }
        JsonNode data;
        try {
            data = JSON.readTree(event.getData().toBytes());
        } catch (IOException e) {
            throw new MalformedEventException("CloudEvent " + event.getId() + " data is not JSON", e);
        }
        Instant time = event.getTime() == null ? Instant.ofEpochMilli(record.timestamp()) : event.getTime().toInstant();
        return new InboundEvent(event.getId(), event.getType(), String.valueOf(event.getSource()), time,
                record.key(), data, record.topic(), record.partition(), record.offset());
    }

    /** A required text field of the data, or a {@link MalformedEventException} naming it. */
    public String text(String field) {
        JsonNode node = data.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new MalformedEventException(type + " " + id + ": missing text field '" + field + "'");
        }
        return node.asText();
    }

    /** A required integer field of the data, or a {@link MalformedEventException} naming it. */
    public int integer(String field) {
        JsonNode node = data.get(field);
        if (node == null || !node.canConvertToInt()) {
            throw new MalformedEventException(type + " " + id + ": missing integer field '" + field + "'");
        }
        return node.asInt();
    }

    /** A required timestamp field of the data (ISO-8601). */
    public Instant instant(String field) {
        try {
            return Instant.parse(text(field));
        } catch (java.time.format.DateTimeParseException e) {
            throw new MalformedEventException(type + " " + id + ": field '" + field + "' is not an ISO-8601 instant", e);
        }
    }
}
