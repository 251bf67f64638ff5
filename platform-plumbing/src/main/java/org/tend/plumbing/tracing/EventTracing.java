package org.tend.plumbing.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The Axon side of a trace. Commands are handled on the caller's thread (the simple command bus), inside the HTTP
 * request's span; each gets a span of its own ({@link #commandSpans}). Every event published gets the trace context
 * of the span current when it is published in its metadata ({@link #eventMetadata}), so the forwarder, which
 * reads the store later on another thread, continues the trace of the request that stored the event.
 */
public final class EventTracing {

    private EventTracing() {
    }

    /** Adds {@code traceparent} / {@code tracestate} to each event's metadata, unless it carries a context already. */
    public static MessageDispatchInterceptor<EventMessage<?>> eventMetadata(TraceContexts traces) {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(
                    List<? extends EventMessage<?>> messages) {
                return (index, message) -> {
                    if (message.getMetaData().containsKey(TraceContexts.TRACEPARENT)) {
                        return message;
                    }
                    Map<String, String> fields = traces.current();
                    return fields.isEmpty() ? message : message.andMetaData(fields);
                };
            }
        };
    }

    /** A span around the handling of each command, named after the command's type; its type logged at DEBUG. */
    public static MessageHandlerInterceptor<CommandMessage<?>> commandSpans(TraceContexts traces) {
        return (UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) -> {
            String command = unitOfWork.getMessage().getPayloadType().getSimpleName();
            Span span = traces.startChild("command " + command);
            try (Tracer.SpanInScope scope = traces.scope(span)) {
                TraceContexts.LOG.debug("handling command {}", command);
                return chain.proceed();
            } catch (Exception e) {
                span.error(e);
                throw e;
            } finally {
                span.end();
            }
        };
    }
}
