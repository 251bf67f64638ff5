package org.tend.assessment.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.tend.assessment.query.AuditTrail;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.audit.AuditEntry;
import org.tend.plumbing.messaging.InboundEvents;
import org.tend.plumbing.messaging.ReceivedEvent;

/**
 * Keeps every service's audit entries ({@code tend.audit.entries}, internal) in the trail. Each record is checked
 * against the entry's schema; the trail inserts by entry id, so a record sent twice is kept once; a record that breaks
 * its contract goes to {@code tend.assessment.dead-letters}.
 */
@Component
public class AuditEntriesListener {

    private final AuditTrail trail;
    private final InboundEvents inbound;

    public AuditEntriesListener(AuditTrail trail, ContractValidator contracts) {
        this.trail = trail;
        this.inbound = InboundEvents.reading(contracts)
                .type(EventTypes.AUDIT_ENTRY_RECORDED_V1, AuditEntry.class)
                .build();
    }

    @KafkaListener(topics = EventTypes.AUDIT_TOPIC, groupId = "tend-assessment")
    public void on(ConsumerRecord<String, byte[]> record) {
        inbound.read(record).map(ReceivedEvent::data).ifPresent(data -> trail.record((AuditEntry) data));
    }
}
