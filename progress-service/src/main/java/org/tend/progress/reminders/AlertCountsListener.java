package org.tend.progress.reminders;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.messaging.InboundEvents;
import org.tend.plumbing.messaging.ReceivedEvent;
import org.tend.plumbing.messaging.RecordListener;

/**
 * Reads assessment-service's counts of overdue safety alerts per programme (internal topic, read by progress alone)
 * into {@link AlertCounts}, for the practitioners' digest. A record that breaks its contract goes to the dead letters.
 * {@link AlertCountsReader} hands it every record of the topic on every instance, outside the {@code tend-progress}
 * consumer group; {@link AlertCounts#record} keeps the newest count whatever the order and however often it is read.
 */
public class AlertCountsListener implements RecordListener {

    private final AlertCounts counts;
    private final InboundEvents inbound;

    public AlertCountsListener(AlertCounts counts, ContractValidator contracts) {
        this.counts = counts;
        this.inbound = InboundEvents.reading(contracts)
                .type(EventTypes.SAFETY_ALERTS_OVERDUE_V1, AlertCounts.SafetyAlertsOverdue.class)
                .build();
    }

    @Override
    public void on(ConsumerRecord<String, byte[]> record) {
        inbound.read(record).map(ReceivedEvent::data)
                .ifPresent(data -> counts.record((AlertCounts.SafetyAlertsOverdue) data));
    }
}
