package org.tend.plumbing.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The W3C trace context ({@code traceparent}, {@code tracestate}) of the current span, and spans continued from one
 * carried elsewhere: in an Axon event's metadata (where the request that stored the event put it) and in a record's
 * CloudEvents distributed tracing extension ({@code ce_traceparent}, {@code ce_tracestate}). Only these two fields
 * are ever read or written: no baggage, nothing else a propagator might add.
 *
 * <p>With tracing off (no Micrometer tracer) every method is a no-op and no field is written.
 */
public final class TraceContexts {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    public static final Set<String> FIELDS = Set.of(TRACEPARENT, TRACESTATE);

    /**
     * One DEBUG line per handled command, forwarded event and consumed record, carrying the trace and span ids (no
     * data: types and event ids only). {@code logging.level.tend.trace=DEBUG} turns it on; the local stack does.
     */
    public static final Logger LOG = LoggerFactory.getLogger("tend.trace");

    public static final TraceContexts NOOP = new TraceContexts(Tracer.NOOP, Propagator.NOOP);

    private final Tracer tracer;
    private final Propagator propagator;

    public TraceContexts(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The trace context fields of the current span; empty when there is none. */
    public Map<String, String> current() {
        Span span = tracer.currentSpan();
        return span == null ? Map.of() : fieldsOf(span.context());
    }

    /** The trace context fields of {@code context}, as the configured (W3C) propagator writes them. */
    public Map<String, String> fieldsOf(TraceContext context) {
        Map<String, String> fields = new LinkedHashMap<>();
        propagator.inject(context, fields, (carrier, key, value) -> {
            if (carrier != null && FIELDS.contains(key) && value != null && !value.isEmpty()) {
                carrier.put(key, value);
            }
        });
        return fields;
    }

    /**
     * Starts a span of {@code kind} as a child of the context {@code fields} gives for {@code traceparent} and
     * {@code tracestate}; the root of a new trace when it gives none (or an invalid one).
     */
    public Span start(String name, Span.Kind kind, Function<String, String> fields) {
        Span.Builder builder = propagator.extract(fields, (carrier, key) -> FIELDS.contains(key)
                ? carrier.apply(key) : null);
        return builder.name(name).kind(kind).start();
    }

    /** Starts a child of the current span (a root without one). */
    public Span startChild(String name) {
        return tracer.nextSpan().name(name).start();
    }

    /** Makes {@code span} current on this thread (its ids in the logs' MDC) until closed. */
    public Tracer.SpanInScope scope(Span span) {
        return tracer.withSpan(span);
    }
}
