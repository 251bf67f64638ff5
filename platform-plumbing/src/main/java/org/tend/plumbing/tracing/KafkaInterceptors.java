package org.tend.plumbing.tracing;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.CompositeBatchInterceptor;
import org.springframework.kafka.listener.CompositeRecordInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * The one record and batch interceptor Spring Boot gives the listener container factory (it takes a single bean; this
 * one is primary): {@link RecordTracing} first, so the record's trace is current for everything after it, then every
 * other interceptor bean of the service (the consumed-event metrics), in their order. Those are looked up at the first
 * record, not at start-up, so that this bean, an interceptor itself, is left out without a cycle.
 */
public final class KafkaInterceptors implements RecordInterceptor<Object, Object>, BatchInterceptor<Object, Object> {

    private final RecordTracing tracing;
    private final ObjectProvider<RecordInterceptor<Object, Object>> recordInterceptors;
    private final ObjectProvider<BatchInterceptor<Object, Object>> batchInterceptors;
    private volatile CompositeRecordInterceptor<Object, Object> records;
    private volatile CompositeBatchInterceptor<Object, Object> batches;

    public KafkaInterceptors(RecordTracing tracing, ObjectProvider<RecordInterceptor<Object, Object>> recordInterceptors,
                             ObjectProvider<BatchInterceptor<Object, Object>> batchInterceptors) {
        this.tracing = tracing;
        this.recordInterceptors = recordInterceptors;
        this.batchInterceptors = batchInterceptors;
    }

    @SuppressWarnings("unchecked")
    private CompositeRecordInterceptor<Object, Object> records() {
        if (records == null) {
            List<RecordInterceptor<Object, Object>> all = new ArrayList<>(List.of(tracing));
            recordInterceptors.orderedStream().filter(i -> i != this && i != tracing).forEach(all::add);
            records = new CompositeRecordInterceptor<>(all.toArray(RecordInterceptor[]::new));
        }
        return records;
    }

    @SuppressWarnings("unchecked")
    private CompositeBatchInterceptor<Object, Object> batches() {
        if (batches == null) {
            List<BatchInterceptor<Object, Object>> all = new ArrayList<>(List.of(tracing));
            batchInterceptors.orderedStream().filter(i -> i != this && i != tracing).forEach(all::add);
            batches = new CompositeBatchInterceptor<>(all.toArray(BatchInterceptor[]::new));
        }
        return batches;
    }

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
                                                    Consumer<Object, Object> consumer) {
        return records().intercept(record, consumer);
    }

    @Override
    public void success(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        records().success(record, consumer);
    }

    @Override
    public void failure(ConsumerRecord<Object, Object> record, Exception exception, Consumer<Object, Object> consumer) {
        records().failure(record, exception, consumer);
    }

    @Override
    public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        records().afterRecord(record, consumer);
    }

    @Override
    public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records,
                                                     Consumer<Object, Object> consumer) {
        return batches().intercept(records, consumer);
    }

    @Override
    public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
        batches().success(records, consumer);
    }

    @Override
    public void failure(ConsumerRecords<Object, Object> records, Exception exception,
                        Consumer<Object, Object> consumer) {
        batches().failure(records, exception, consumer);
    }
}
