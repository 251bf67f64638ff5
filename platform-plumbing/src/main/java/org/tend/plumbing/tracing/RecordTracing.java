package org.tend.plumbing.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Continues, in every consumer, the trace a record carries in its CloudEvents distributed tracing extension
 * ({@code ce_traceparent}, {@code ce_tracestate}): the trace of the request that stored the event.
 * <ul>
 *   <li>A record listener handles the record inside a consumer span that is a child of the record's context, so
 *       everything it logs carries that trace id.</li>
 *   <li>A batch listener folds many records (of many traces) into one write, which can belong to none of them: each
 *       record gets a short consumer span of its own, in which its receipt is logged.</li>
 * </ul>
 * Registered once in the plumbing as the listener container factory's interceptor (Boot picks it up).
 */
public final class RecordTracing implements RecordInterceptor<Object, Object>, BatchInterceptor<Object, Object> {

    private record Current(Span span, Tracer.SpanInScope scope) {
    }

    private final TraceContexts traces;
    private final ThreadLocal<Current> current = new ThreadLocal<>();

    public RecordTracing(TraceContexts traces) {
        this.traces = traces;
    }

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
                                                    Consumer<Object, Object> consumer) {
        end();
        Span span = start(record);
        current.set(new Current(span, traces.scope(span)));
        log("consuming", record);
        return record;
    }

    @Override
    public void failure(ConsumerRecord<Object, Object> record, Exception exception, Consumer<Object, Object> consumer) {
        Current now = current.get();
        if (now != null) {
            now.span().error(exception);
        }
    }

    @Override
    public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        end();
    }

    @Override
    public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records,
                                                     Consumer<Object, Object> consumer) {
        for (ConsumerRecord<Object, Object> record : records) {
            Span span = start(record);
            try (Tracer.SpanInScope scope = traces.scope(span)) {
                log("received", record);
            } finally {
                span.end();
            }
        }
        return records;
    }

    private Span start(ConsumerRecord<?, ?> record) {
        return traces.start(record.topic() + " process", Span.Kind.CONSUMER, key -> header(record, "ce_" + key));
    }

    private void end() {
        Current now = current.get();
        if (now != null) {
            current.remove();
            now.scope().close();
            now.span().end();
        }
    }

    /** The event's type and id and where it was read: nothing of its data. */
    private static void log(String what, ConsumerRecord<?, ?> record) {
        if (TraceContexts.LOG.isDebugEnabled()) {
            TraceContexts.LOG.debug("{} {} {} from {}-{}@{}", what, header(record, "ce_type"), header(record, "ce_id"),
                    record.topic(), record.partition(), record.offset());
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
