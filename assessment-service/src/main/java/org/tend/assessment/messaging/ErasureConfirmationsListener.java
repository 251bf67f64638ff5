package org.tend.assessment.messaging;

import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.tend.assessment.erasure.ErasureReports;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.messaging.InboundEvents;
import org.tend.plumbing.messaging.MalformedEventException;

/**
 * Fills in the erasure reports from the other services' confirmations ({@code tend.erasure.confirmations},
 * internal). Each record is checked against its schema (the store must be one a report lists); a store's first
 * confirmation is kept, so a record sent twice changes nothing; a record that breaks its contract goes to
 * {@code tend.assessment.dead-letters}.
 */
@Component
public class ErasureConfirmationsListener {

    /** The record's data as this service reads it. */
    public record StoreErased(String erasureId, String store, Instant confirmedAt) {
    }

    private final ErasureReports reports;
    private final InboundEvents inbound;

    public ErasureConfirmationsListener(ErasureReports reports, ContractValidator contracts) {
        this.reports = reports;
        this.inbound = InboundEvents.reading(contracts)
                .type(EventTypes.STORE_ERASED_V1, StoreErased.class)
                .build();
    }

    @KafkaListener(topics = EventTypes.ERASURE_TOPIC, groupId = "tend-assessment")
    public void on(ConsumerRecord<String, byte[]> record) {
        inbound.read(record).ifPresent(event -> {
            StoreErased confirmed = (StoreErased) event.data();
            // A service confirms its own stores only, and only an erasure there is.
            if (!ownerOf(confirmed.store()).equals(event.source())) {
                throw new MalformedEventException(event.type() + " " + event.id() + ": " + event.source()
                        + " confirms a store it does not own");
            }
            if (reports.find(confirmed.erasureId(), java.util.Optional.empty()).isEmpty()) {
                throw new MalformedEventException(event.type() + " " + event.id() + " confirms an unknown erasure");
            }
            reports.confirm(confirmed.erasureId(), confirmed.store(), confirmed.confirmedAt());
        });
    }

    /** The CloudEvents source of the service a store belongs to: {@code goal-service/…} → {@code /tend/goal-service}. */
    public static String ownerOf(String store) {
        int slash = store.indexOf('/');
        return slash < 0 ? "" : "/tend/" + store.substring(0, slash);
    }
}
