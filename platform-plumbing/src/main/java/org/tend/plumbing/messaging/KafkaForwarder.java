package org.tend.plumbing.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.kafka.core.KafkaTemplate;
import org.tend.contracts.EventTypes;
import org.springframework.kafka.support.SendResult;
import org.tend.plumbing.tracing.TraceContexts;

/**
 * Tracks the service's event store and publishes every event's integration counterparts to the service's topic.
 * Sends within one batch are pipelined, and the handler of the batch's last event waits until the broker has
 * acknowledged every one of them ({@code acks=all}). Waiting there, inside the handler, matters: without a
 * transaction manager Axon stores the processor's token in a prepare-commit step registered before any handler
 * runs, so a failure noticed later, at commit, would come after the token had already moved past the batch. A
 * failure noticed in the handler rolls the batch back instead; Axon's propagating error handler makes the
 * processor back off and retry from the old token. Nothing is skipped; a retried batch may publish a record
 * twice, with the same CloudEvents id, which consumers treat as a duplicate.
 *
 * <p>Each record is made in a producer span that continues the trace of the request that stored the event (the
 * {@code traceparent} in the event's metadata, {@link org.tend.plumbing.tracing.EventTracing}), and carries that
 * span's context in the CloudEvents distributed tracing extension ({@code ce_traceparent}), which consumers continue.
 */
@ProcessingGroup(KafkaForwarder.PROCESSING_GROUP)
public class KafkaForwarder {

    public static final String PROCESSING_GROUP = "kafka-forwarder";
    private static final String PENDING = KafkaForwarder.class.getName() + ".pending";

    private final KafkaTemplate<String, byte[]> kafka;
    private final CloudEventRecords records;
    private final List<IntegrationEventMapper> mappers;
    private Predicate<Object> erased = payload -> false;
    private final String topic;
    private final Duration sendTimeout;
    private final ForwarderFaults faults;
    private final ForwarderMetrics metrics;
    private final TraceContexts traces;

    public KafkaForwarder(KafkaTemplate<String, byte[]> kafka, CloudEventRecords records,
                          List<IntegrationEventMapper> mappers, String topic, Duration sendTimeout,
                          ForwarderFaults faults) {
        this(kafka, records, mappers, topic, sendTimeout, faults, ForwarderMetrics.unregistered(), TraceContexts.NOOP);
    }

    public KafkaForwarder(KafkaTemplate<String, byte[]> kafka, CloudEventRecords records,
                          List<IntegrationEventMapper> mappers, String topic, Duration sendTimeout,
                          ForwarderFaults faults, ForwarderMetrics metrics) {
        this(kafka, records, mappers, topic, sendTimeout, faults, metrics, TraceContexts.NOOP);
    }

    public KafkaForwarder(KafkaTemplate<String, byte[]> kafka, CloudEventRecords records,
                          List<IntegrationEventMapper> mappers, String topic, Duration sendTimeout,
                          ForwarderFaults faults, TraceContexts traces) {
        this(kafka, records, mappers, topic, sendTimeout, faults, ForwarderMetrics.unregistered(), traces);
    }

    public KafkaForwarder(KafkaTemplate<String, byte[]> kafka, CloudEventRecords records,
                          List<IntegrationEventMapper> mappers, String topic, Duration sendTimeout,
                          ForwarderFaults faults, ForwarderMetrics metrics, TraceContexts traces) {
        this.metrics = metrics;
        this.traces = traces;
        this.kafka = kafka;
        this.records = records;
        this.mappers = mappers;
        this.topic = topic;
        this.sendTimeout = sendTimeout;
        this.faults = faults;
    }

    /**
     * Events this forwarder must not publish: those holding personal data about an erased participant, which read with
     * their personal values emptied (crypto-shredding, docs/erasure.md). Their erasure is published instead.
     */
    public KafkaForwarder skipping(Predicate<Object> erased) {
        this.erased = erased;
        return this;
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> message) {
        List<ProducerRecord<String, byte[]>> mapped = map(payload, message);
        List<CompletableFuture<SendResult<String, byte[]>>> pending = pending();
        for (ProducerRecord<String, byte[]> record : mapped) {
            String type = header(record, "ce_type");
            pending.add(kafka.send(record).whenComplete((result, failure) -> {
                if (failure == null) {
                    metrics.acknowledged(record.topic(), type, message.getTimestamp());
                }
            }));
        }
        if (isLastOfBatch()) {
            awaitAll(pending);
            pending.clear();
            metrics.batchCompleted(batchSize());
        }
    }

    /** The event's records; a mapping fault is logged, counted and shown in health, then fails the batch. */
    private List<ProducerRecord<String, byte[]>> map(Object payload, EventMessage<?> message) {
        List<ProducerRecord<String, byte[]>> mapped = new ArrayList<>();
        try {
            if (erased.test(payload)) {
                faults.mapped(message.getIdentifier());
                return mapped;
            }
            List<IntegrationEvent> events = new ArrayList<>();
            for (IntegrationEventMapper mapper : mappers) {
                events.addAll(mapper.map(payload));
            }
            for (int i = 0; i < events.size(); i++) {
                IntegrationEvent event = events.get(i);
                if (records.aboutErasedParticipant(event)) {
                    continue; // a sealed record about someone whose key is destroyed: it could tell no one anything
                }
                String id = i == 0 ? message.getIdentifier() : message.getIdentifier() + "-" + i;
                mapped.add(traced(topicOf(event), id, message, event));
            }
        } catch (RuntimeException e) {
            faults.failed(message.getIdentifier(), message.getPayloadType().getSimpleName(), topic, e);
            throw new IllegalStateException("event " + message.getIdentifier() + " cannot be mapped for " + topic, e);
        }
        faults.mapped(message.getIdentifier());
        return mapped;
    }

    /** The record, made in a producer span that continues the trace in the event's metadata. */
    private ProducerRecord<String, byte[]> traced(String topic, String id, EventMessage<?> message,
                                                  IntegrationEvent event) {
        Map<String, ?> metadata = message.getMetaData();
        Span span = traces.start(topic + " publish", Span.Kind.PRODUCER, field -> metadata.get(field) instanceof String
                value ? value : null);
        try (Tracer.SpanInScope scope = traces.scope(span)) {
            TraceContexts.LOG.debug("forwarding {} {} to {}", event.type(), id, topic);
            return records.toRecord(topic, id, message.getTimestamp(), event, traces.fieldsOf(span.context()));
        } finally {
            span.end();
        }
    }

    /**
     * The topic the contracts name for the type (an internal topic such as the care holds is not the service's
     * public one); the service's configured topic for a type the contracts do not know.
     */
    private String topicOf(IntegrationEvent event) {
        return EventTypes.isKnown(event.type()) ? EventTypes.topicOf(event.type()) : topic;
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int batchSize() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork instanceof BatchingUnitOfWork<?> batch ? batch.getMessages().size() : 1;
    }

    private static boolean isLastOfBatch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return !(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage();
    }

    private List<CompletableFuture<SendResult<String, byte[]>>> pending() {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("the forwarder runs inside an Axon unit of work");
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource(PENDING, key -> new ArrayList<>());
    }

    private void awaitAll(List<CompletableFuture<SendResult<String, byte[]>>> futures) {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + topic, e);
        } catch (Exception e) {
            throw new IllegalStateException("publishing to " + topic + " failed; the batch will be retried", e);
        }
    }
}
