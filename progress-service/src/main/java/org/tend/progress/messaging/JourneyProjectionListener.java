package org.tend.progress.messaging;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.tend.plumbing.messaging.InboundEvents;
import org.tend.plumbing.projection.ProjectionGenerations;
import org.tend.plumbing.projection.ProjectionListener;
import org.tend.progress.query.JourneyProjection;

/**
 * Projects every poll of the three topics into the journeys, through the plumbing's {@link ProjectionListener}: the
 * whole batch is folded into one upsert per document and written into the served generation, and also into the
 * generation a rebuild is filling, if any. A record that breaks its contract or that the store refuses goes to
 * {@code tend.progress.dead-letters} alone; a store outage is ridden out, never dead-lettered (see
 * {@link ProjectionListener}).
 */
public class JourneyProjectionListener extends ProjectionListener {

    public JourneyProjectionListener(JourneyProjection projection, ProjectionGenerations generations,
                                     Duration storeOutage) {
        super(projection, generations, storeOutage);
    }

    JourneyProjectionListener(InboundEvents inbound, Writes writes, Duration storeOutage) {
        super(inbound, writes, storeOutage);
    }

    @Override
    @KafkaListener(id = "progress-journeys", groupId = "tend-progress", batch = "true",
            topics = {"tend.assessment.events", "tend.catalogue.events", "tend.goal.events"})
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        super.onBatch(records);
    }
}
