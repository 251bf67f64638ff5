package org.tend.plumbing.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.tend.contracts.EventTypes;
import org.tend.keys.ParticipantKeys;
import org.tend.plumbing.tracing.TraceContexts;

/** Builds CloudEvents 1.0 records in binary mode: the value is the JSON data, attributes go in {@code ce_} headers. */
public final class CloudEventRecords {

    private final ObjectMapper json;
    private final URI source;
    private final ParticipantKeys keys;

    public CloudEventRecords(ObjectMapper json, String source) {
        this(json, source, null);
    }

    private CloudEventRecords(ObjectMapper json, String source, ParticipantKeys keys) {
        this.json = json;
        this.source = URI.create(source);
        this.keys = keys;
    }

    /**
     * Records whose data, for the types {@link EventTypes#SEALED}, is sealed with the participant's key (the record's
     * key): the value is the ciphertext and the content type {@link EventTypes#SEALED_CONTENT_TYPE}.
     */
    public CloudEventRecords sealingWith(ParticipantKeys participantKeys) {
        return new CloudEventRecords(json, source.toString(), java.util.Objects.requireNonNull(participantKeys));
    }

    /**
     * Whether the event would be sealed for a participant whose key this service has seen destroyed: such a record
     * cannot be made any more, and would tell nothing to anyone; a publisher drops it.
     */
    public boolean aboutErasedParticipant(IntegrationEvent event) {
        return keys != null && EventTypes.SEALED.contains(event.type()) && keys.sawErased(event.key());
    }

    public ProducerRecord<String, byte[]> toRecord(String topic, String id, Instant time, IntegrationEvent event) {
        return toRecord(topic, id, time, event, Map.of());
    }

    /**
     * A record carrying {@code traceContext}'s {@code traceparent} and {@code tracestate} in the CloudEvents
     * distributed tracing extension ({@code ce_traceparent}, {@code ce_tracestate} headers); any other entry of the
     * map is ignored.
     */
    public ProducerRecord<String, byte[]> toRecord(String topic, String id, Instant time, IntegrationEvent event,
                                                   Map<String, String> traceContext) {
        byte[] data;
        try {
            data = json.writeValueAsBytes(event.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event.type(), e);
        }
        String contentType = "application/json";
        if (keys != null && EventTypes.SEALED.contains(event.type())) {
            data = keys.seal(event.key(), EventTypes.sealingContext(event.type()), data);
            contentType = EventTypes.SEALED_CONTENT_TYPE;
        }
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(id)
                .withSource(source)
                .withType(event.type())
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataSchema(URI.create(EventTypes.dataschemaOf(event.type())))
                .withDataContentType(contentType)
                .withData(data);
        for (String field : TraceContexts.FIELDS) {
            String value = traceContext.get(field);
            if (value != null && !value.isBlank()) {
                builder.withExtension(field, value);
            }
        }
        CloudEvent cloudEvent = builder.build();
        return KafkaMessageFactory.createWriter(topic, event.key()).writeBinary(cloudEvent);
    }
}
