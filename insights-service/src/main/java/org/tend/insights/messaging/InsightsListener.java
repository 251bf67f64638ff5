package org.tend.insights.messaging;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.tend.insights.query.InsightsProjection;
import org.tend.plumbing.projection.ProjectionGenerations;
import org.tend.plumbing.projection.ProjectionListener;

/**
 * Keeps every poll of the four topics through the plumbing's {@link ProjectionListener}: one upsert per event
 * (idempotent: a record delivered twice sets the same field to the same value), written into the served generation
 * and also into the generation a rebuild is filling, if any, so nothing that arrives while a rebuild runs is missed. A
 * record that cannot be applied (not a CloudEvent, from a topic or source that does not own its type, breaking its
 * contract) goes alone to {@code tend.insights.dead-letters}, after the records before it are written; a store outage
 * is not the record's fault and is ridden out, never dead-lettered.
 */
public class InsightsListener extends ProjectionListener {

    public InsightsListener(InsightsProjection projection, ProjectionGenerations generations, Duration storeOutage) {
        super(projection, generations, storeOutage);
    }

    @Override
    @KafkaListener(id = "insights-facts", groupId = "tend-insights", batch = "true",
            topics = {"tend.assessment.events", "tend.catalogue.events", "tend.goal.events", "tend.progress.events"})
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        super.onBatch(records);
    }
}
