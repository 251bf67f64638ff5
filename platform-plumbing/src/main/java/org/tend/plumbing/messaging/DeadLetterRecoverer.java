package org.tend.plumbing.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * Sends a record that cannot be processed to the service's dead-letter topic (with Spring Kafka's {@code kafka_dlt-*}
 * headers: original topic, partition, offset, exception), adds Tend's own reason headers, logs it at WARN with its
 * topic, offset, type and reason (never its data), and counts it in {@code tend.dead.letters}
 * [{@code tend_dead_letters_total}] by original topic, reason
 * and type (a type the contracts do not name counts as {@code other}).
 */
public class DeadLetterRecoverer implements ConsumerRecordRecoverer {

    /** The short reason: the simple class name of the failure, e.g. {@code MalformedEventException}. */
    public static final String REASON_HEADER = "tend_dlt-reason";
    /** The failure's message, at most {@value #DETAIL_LIMIT} characters. */
    public static final String DETAIL_HEADER = "tend_dlt-detail";
    static final int DETAIL_LIMIT = 500;

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRecoverer.class);

    private final DeadLetterPublishingRecoverer publisher;
    private final MeterRegistry meters;

    public DeadLetterRecoverer(DeadLetterPublishingRecoverer publisher, MeterRegistry meters) {
        this.publisher = publisher;
        this.meters = meters;
        publisher.setHeadersFunction((record, exception) -> reasonHeaders(exception));
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Exception exception) {
        publisher.accept(record, exception);
        Throwable cause = cause(exception);
        String reason = cause.getClass().getSimpleName();
        log.warn("dead letter: {}-{}@{} type {} id {}: {}: {}", record.topic(), record.partition(), record.offset(),
                header(record.headers(), "ce_type"), header(record.headers(), "ce_id"), reason, cause.getMessage());
        Counter.builder("tend.dead.letters").description("Records sent to the service's dead-letter topic")
                .tag("topic", record.topic()).tag("reason", reason).tag("type", knownType(record.headers()))
                .register(meters).increment();
    }

    /** The record's CloudEvents type when the contracts name it, else {@code other}: a tag never carries free text. */
    static String knownType(Headers headers) {
        String type = header(headers, "ce_type");
        return type != null && org.tend.contracts.EventTypes.isKnown(type) ? type : "other";
    }

    /** The failure itself, without the listener-container wrappers around it. */
    static Throwable cause(Throwable exception) {
        Throwable t = exception;
        while ((t instanceof ListenerExecutionFailedException || t instanceof BatchListenerFailedException)
                && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static Headers reasonHeaders(Exception exception) {
        Throwable cause = cause(exception);
        String detail = String.valueOf(cause.getMessage());
        if (detail.length() > DETAIL_LIMIT) {
            detail = detail.substring(0, DETAIL_LIMIT) + "…";
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_HEADER, cause.getClass().getSimpleName().getBytes(StandardCharsets.UTF_8));
        headers.add(DETAIL_HEADER, detail.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
