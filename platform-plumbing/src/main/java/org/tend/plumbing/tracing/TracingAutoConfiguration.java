package org.tend.plumbing.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.EventBus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * One trace from the HTTP request through the command, the event store, the Kafka record and every consumer's
 * handling (README "Tracing and logs"). Spring Boot's OpenTelemetry support makes the spans, continues an incoming
 * {@code traceparent} and puts the ids in the logs; this adds what Axon and the CloudEvents records need: a span per
 * command, the trace context in each event's metadata ({@link EventTracing}), and a consumer span continuing each
 * record's {@code ce_traceparent} ({@link RecordTracing}). The forwarder writes that header
 * ({@link org.tend.plumbing.messaging.KafkaForwarder}).
 */
@AutoConfiguration
public class TracingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public TraceContexts traceContexts(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer t = tracer.getIfUnique();
        Propagator p = propagator.getIfUnique();
        return t == null || p == null ? TraceContexts.NOOP : new TraceContexts(t, p);
    }

    /**
     * The listener container factory's record and batch interceptor (Spring Boot's Kafka configuration takes one, the
     * primary): the record's trace first, then the service's other interceptors (the consumed-event metrics).
     */
    @Bean
    @Primary
    public KafkaInterceptors tendKafkaInterceptors(TraceContexts traces,
                                                   ObjectProvider<RecordInterceptor<Object, Object>> records,
                                                   ObjectProvider<BatchInterceptor<Object, Object>> batches) {
        return new KafkaInterceptors(new RecordTracing(traces), records, batches);
    }

    @Bean
    public SmartInitializingSingleton axonTracing(ObjectProvider<EventBus> eventBuses,
                                                  ObjectProvider<CommandBus> commandBuses, TraceContexts traces) {
        return () -> {
            eventBuses.stream().forEach(bus -> bus.registerDispatchInterceptor(EventTracing.eventMetadata(traces)));
            commandBuses.stream().forEach(bus -> bus.registerHandlerInterceptor(EventTracing.commandSpans(traces)));
        };
    }
}
