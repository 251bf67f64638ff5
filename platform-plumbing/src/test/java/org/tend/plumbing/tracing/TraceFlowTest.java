package org.tend.plumbing.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.messaging.CloudEventRecords;
import org.tend.plumbing.messaging.ForwarderFaults;
import org.tend.plumbing.messaging.IntegrationEvent;
import org.tend.plumbing.messaging.KafkaForwarder;
import org.tend.plumbing.messaging.MessagingAutoConfiguration;

/**
 * One trace from the request that stores an event, through the event's metadata and the forwarder's record, to the
 * consumer that reads it; with a real OpenTelemetry SDK behind Micrometer Tracing, as Spring Boot wires it.
 */
class TraceFlowTest {

    record Completed(String assessmentId) {
    }

    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().setSampler(Sampler.alwaysOn()).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    private final OtelCurrentTraceContext context = new OtelCurrentTraceContext();
    private final Tracer tracer = new OtelTracer(sdk.getTracer("test"), context, event -> { },
            new OtelBaggageManager(context, List.of(), List.of()));
    private final TraceContexts traces = new TraceContexts(tracer,
            new OtelPropagator(sdk.getPropagators(), sdk.getTracer("test")));

    @AfterEach
    void close() {
        sdk.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theForwardersRecordContinuesTheTraceOfTheRequestThatStoredTheEvent() {
        // The request: an event published inside its span gets the span's context in its metadata.
        Span request = tracer.nextSpan().name("POST /api/assessments").start();
        EventMessage<?> stored;
        try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
            EventMessage<Completed> published = GenericEventMessage.asEventMessage(new Completed("a-1"));
            stored = EventTracing.eventMetadata(traces).handle(List.of(published)).apply(0, published);
        } finally {
            request.end();
        }
        assertThat(stored.getMetaData().get(TraceContexts.TRACEPARENT))
                .isEqualTo("00-" + request.context().traceId() + "-" + request.context().spanId() + "-01");
        assertThat(stored.getMetaData().keySet()).containsOnly(TraceContexts.TRACEPARENT);

        // The forwarder, later, on a thread with no span of its own.
        assertThat(tracer.currentSpan()).isNull();
        KafkaTemplate<String, byte[]> kafka = mock(KafkaTemplate.class);
        List<ProducerRecord<String, byte[]>> sent = new ArrayList<>();
        when(kafka.send(any(ProducerRecord.class))).thenAnswer(call -> {
            sent.add(call.getArgument(0));
            return CompletableFuture.completedFuture(null);
        });
        KafkaForwarder forwarder = new KafkaForwarder(kafka, new CloudEventRecords(
                MessagingAutoConfiguration.integrationJson(), "/tend/assessment-service"),
                List.of(event -> List.of(new IntegrationEvent(EventTypes.ASSESSMENT_COMPLETED_V1, "p_1",
                        Map.of("assessmentId", "a-1")))), EventTypes.ASSESSMENT_TOPIC, Duration.ofSeconds(1),
                new ForwarderFaults(new SimpleMeterRegistry(), Clock.systemUTC()), traces);
        DefaultUnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(stored);
        forwarder.on(stored.getPayload(), stored);
        unitOfWork.commit();

        assertThat(sent).hasSize(1);
        String traceparent = header(sent.get(0).headers().lastHeader("ce_traceparent"));
        assertThat(traceparent).startsWith("00-" + request.context().traceId() + "-").endsWith("-01")
                .doesNotContain(request.context().spanId());
        // Only the CloudEvents attributes and the tracing extension: nothing else rides along.
        List<String> names = new ArrayList<>();
        sent.get(0).headers().forEach(h -> names.add(h.key()));
        assertThat(names).allMatch(name -> name.startsWith("ce_") || name.equals("content-type"))
                .contains("ce_traceparent").doesNotContain("ce_baggage", "traceparent", "baggage");
        assertThat(tracer.currentSpan()).isNull();

        // The consumer: its handling runs in a child of the record's span, and ends with it.
        RecordTracing consumer = new RecordTracing(traces);
        ConsumerRecord<Object, Object> received = received(sent.get(0));
        consumer.intercept(received, null);
        Span handling = tracer.currentSpan();
        assertThat(handling).isNotNull();
        assertThat(handling.context().traceId()).isEqualTo(request.context().traceId());
        assertThat(handling.context().parentId()).isEqualTo(traceparent.split("-")[2]);
        consumer.afterRecord(received, null);
        assertThat(tracer.currentSpan()).isNull();

        // A batch listener's records each get their span and leave none behind.
        ConsumerRecords<Object, Object> batch = new ConsumerRecords<>(Map.of(
                new TopicPartition(EventTypes.ASSESSMENT_TOPIC, 0), List.of(received)), Map.of());
        assertThat(consumer.intercept(batch, null)).isSameAs(batch);
        assertThat(tracer.currentSpan()).isNull();
    }

    @Test
    void aRecordWithoutContextStartsATraceOfItsOwnAndAnEventWithoutASpanGetsNoMetadata() {
        EventMessage<Completed> published = GenericEventMessage.asEventMessage(new Completed("a-2"));
        assertThat(EventTracing.eventMetadata(traces).handle(List.of(published)).apply(0, published).getMetaData())
                .isEmpty();

        RecordTracing consumer = new RecordTracing(traces);
        ConsumerRecord<Object, Object> bare = new ConsumerRecord<>(EventTypes.ASSESSMENT_TOPIC, 0, 7L, "k", new byte[0]);
        consumer.intercept(bare, null);
        assertThat(tracer.currentSpan()).isNotNull();
        assertThat(tracer.currentSpan().context().parentId()).isNull();
        consumer.afterRecord(bare, null);
        assertThat(tracer.currentSpan()).isNull();
    }

    @Test
    void withTracingOffNothingIsWritten() {
        ProducerRecord<String, byte[]> record = new CloudEventRecords(MessagingAutoConfiguration.integrationJson(),
                "/tend/assessment-service").toRecord(EventTypes.ASSESSMENT_TOPIC, "id-1", java.time.Instant.now(),
                new IntegrationEvent(EventTypes.ASSESSMENT_COMPLETED_V1, "p_1", Map.of()),
                TraceContexts.NOOP.fieldsOf(TraceContexts.NOOP.startChild("x").context()));
        assertThat(record.headers().lastHeader("ce_traceparent")).isNull();
    }

    private static ConsumerRecord<Object, Object> received(ProducerRecord<String, byte[]> sent) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : sent.headers()) {
            headers.add(new RecordHeader(header.key(), header.value()));
        }
        return new ConsumerRecord<>(sent.topic(), 0, 42L, 0L, TimestampType.CREATE_TIME, -1, -1, sent.key(),
                sent.value(), headers, java.util.Optional.empty());
    }

    private static String header(Header header) {
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
