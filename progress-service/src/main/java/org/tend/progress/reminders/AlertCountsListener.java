package org.tend.progress.reminders;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.messaging.InboundEvents;
import org.tend.plumbing.messaging.ReceivedEvent;
import org.tend.plumbing.messaging.RecordListener;

/**
 * Reads assessment-service's counts of overdue safety alerts per programme (internal topic, read by progress alone)
 * into {@link AlertCounts}, for the practitioners' digest. A record that breaks its contract goes to the dead letters.
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
    @KafkaListener(topics = EventTypes.ALERT_COUNTS_TOPIC, groupId = "tend-progress")
    public void on(ConsumerRecord<String, byte[]> record) {
        inbound.read(record).map(ReceivedEvent::data)
                .ifPresent(data -> counts.record((AlertCounts.SafetyAlertsOverdue) data));
    }
}
