package org.tend.insights.messaging;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.tend.insights.query.FactStore;
import org.tend.insights.query.Generations;
import org.tend.plumbing.messaging.InboundEvents;
import org.tend.plumbing.messaging.MalformedEventException;
import org.tend.plumbing.messaging.ReceivedEvent;
import org.tend.plumbing.messaging.RecordListener;

/**
 * Keeps every poll of the four topics in the served generation, one upsert per event (idempotent: a record delivered
 * twice sets the same field to the same value). A record that cannot be applied (not a CloudEvent, from a topic or
 * source that does not own its type, breaking its contract) is named to the plumbing's error handler by its index
 * after the records before it are written: the handler sends exactly that record to
 * {@code tend.insights.dead-letters} and delivers the rest again. A store outage is not the record's fault: it is
 * thrown at the first unwritten record, which the handler retries for as long as it lasts.
 */
public class InsightsListener implements RecordListener {

    private final InboundEvents inbound;
    private final FactStore facts;
    private final Generations generations;

    public InsightsListener(InboundEvents inbound, FactStore facts, Generations generations) {
        this.inbound = inbound;
        this.facts = facts;
        this.generations = generations;
    }

    @KafkaListener(id = "insights-facts", groupId = "tend-insights", batch = "true",
            topics = {"tend.assessment.events", "tend.catalogue.events", "tend.goal.events", "tend.progress.events"})
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        List<ReceivedEvent<?>> changes = new ArrayList<>(records.size());
        int firstUnwritten = 0;
        for (int i = 0; i < records.size(); i++) {
            try {
                inbound.read(records.get(i)).ifPresent(changes::add);
            } catch (MalformedEventException e) {
                write(changes, firstUnwritten);
                throw new BatchListenerFailedException(e.getMessage(), e, i);
            }
        }
        write(changes, firstUnwritten);
    }

    /** One record on its own, as a dead letter is re-driven. */
    @Override
    public void on(ConsumerRecord<String, byte[]> record) {
        onBatch(List.of(record));
    }

    private void write(List<ReceivedEvent<?>> changes, int firstUnwritten) {
        if (changes.isEmpty()) {
            return;
        }
        try {
            facts.apply(changes, generations.active());
        } catch (RuntimeException e) {
            throw new BatchListenerFailedException(e.getMessage(), e, firstUnwritten);
        }
    }
}
