package org.tend.plumbing.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Tracks the service's event store and publishes every event's integration counterparts to the service's topic.
 * Sends within one batch are pipelined and all awaited before the batch commits, so the token moves on only
 * once the broker has acknowledged every record ({@code acks=all}). A failed send fails the batch, Axon's
 * propagating error handler makes the processor back off and retry from the same token: nothing is skipped; a
 * retried batch may publish a record twice, with the same CloudEvents id, which consumers treat as a duplicate.
 */
@ProcessingGroup(KafkaForwarder.PROCESSING_GROUP)
public class KafkaForwarder {

    public static final String PROCESSING_GROUP = "kafka-forwarder";
    private static final String PENDING = KafkaForwarder.class.getName() + ".pending";

    private final KafkaTemplate<String, byte[]> kafka;
    private final CloudEventRecords records;
    private final List<IntegrationEventMapper> mappers;
    private final String topic;
    private final Duration sendTimeout;

    public KafkaForwarder(KafkaTemplate<String, byte[]> kafka, CloudEventRecords records,
                          List<IntegrationEventMapper> mappers, String topic, Duration sendTimeout) {
        this.kafka = kafka;
        this.records = records;
        this.mappers = mappers;
        this.topic = topic;
        this.sendTimeout = sendTimeout;
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> message) {
        List<IntegrationEvent> events = new ArrayList<>();
        for (IntegrationEventMapper mapper : mappers) {
            events.addAll(mapper.map(payload));
        }
        for (int i = 0; i < events.size(); i++) {
            String id = i == 0 ? message.getIdentifier() : message.getIdentifier() + "-" + i;
            ProducerRecord<String, byte[]> record = records.toRecord(topic, id, message.getTimestamp(), events.get(i));
            pending().add(kafka.send(record));
        }
    }

    private List<CompletableFuture<SendResult<String, byte[]>>> pending() {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("the forwarder runs inside an Axon unit of work");
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(PENDING, key -> {
            List<CompletableFuture<SendResult<String, byte[]>>> futures = new ArrayList<>();
            root.onPrepareCommit(u -> awaitAll(futures));
            return futures;
        });
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
