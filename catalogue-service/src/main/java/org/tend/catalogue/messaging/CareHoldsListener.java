package org.tend.catalogue.messaging;

import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.tend.catalogue.domain.recommendation.HoldRecommendations;
import org.tend.catalogue.domain.recommendation.ReleaseRecommendations;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.caseload.CaseloadDirectory;
import org.tend.plumbing.messaging.InboundEvents;
import org.tend.plumbing.messaging.RecordListener;
import org.tend.keys.ParticipantKeys;

/**
 * Reads the internal care-holds topic (this service is its only reader): "hold" and "release" per participant, no
 * reason. The participant's recommendations aggregate applies each once (a repeated or older record changes
 * nothing); a record that breaks its contract goes to {@code tend.catalogue.dead-letters}.
 */
@Component
public class CareHoldsListener implements RecordListener {

    /** The catalogue's copy of {@code care-hold-placed}. */
    record CareHoldPlaced(String participantId, Instant placedAt) {
    }

    /** The catalogue's copy of {@code care-hold-released}. */
    record CareHoldReleased(String participantId, Instant releasedAt) {
    }

    private final CommandGateway commands;
    private final InboundEvents inbound;
    private final CaseloadDirectory caseloads;

    private final ParticipantKeys keys;

    public CareHoldsListener(CommandGateway commands, ContractValidator contracts, CaseloadDirectory caseloads,
                             ParticipantKeys keys) {
        this.commands = commands;
        this.caseloads = caseloads;
        this.keys = keys;
        this.inbound = InboundEvents.reading(contracts).opening(keys)
                .type(EventTypes.CARE_HOLD_PLACED_V1, CareHoldPlaced.class)
                .type(EventTypes.CARE_HOLD_RELEASED_V1, CareHoldReleased.class)
                .build();
    }

    @Override
    @KafkaListener(topics = EventTypes.CARE_HOLDS_TOPIC, groupId = "tend-catalogue")
    public void on(ConsumerRecord<String, byte[]> record) {
        inbound.read(record).ifPresent(event -> {
            if (event.data() instanceof CareHoldPlaced p && gone(p.participantId())
                    || event.data() instanceof CareHoldReleased r && gone(r.participantId())) {
                return; // about someone since erased: nothing about them is kept, and nothing could be sealed
            }
            if (event.data() instanceof CareHoldPlaced placed) {
                Races.send(commands, new HoldRecommendations(placed.participantId(), placed.placedAt()));
            } else if (event.data() instanceof CareHoldReleased released) {
                boolean consentStands = caseloads.consentWithdrawnAt(released.participantId()).isEmpty();
                Races.send(commands, new ReleaseRecommendations(released.participantId(), released.releasedAt(),
                        consentStands));
            }
        });
    }

    /** Erased, as the stream or the key topic already says (the care-holds topic is not ordered with either). */
    private boolean gone(String participantId) {
        return caseloads.isErased(participantId) || keys.sawErased(participantId);
    }
}
