package org.tend.goal.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.ErasureStores;
import org.tend.contracts.EventTypes;
import org.tend.goal.query.GoalDirectory;
import org.tend.goal.query.InterventionCatalogue;
import org.tend.goal.query.KnownIntervention;
import org.tend.keys.ParticipantKeys;
import org.tend.plumbing.caseload.CaseloadDirectory;
import org.tend.plumbing.erasure.ErasureConfirmations;
import org.tend.plumbing.messaging.InboundEvents;
import org.tend.plumbing.messaging.ReceivedEvent;
import org.tend.plumbing.messaging.RecordListener;
import org.tend.plumbing.programme.ProgrammeSettingsDirectory;

/**
 * Learns what goal-service needs from the other services' events (no synchronous calls between services): which
 * interventions the catalogue has published, who is enrolled in which programme and which practitioners serve it, and
 * each programme's care settings (how many goals a participant may have active).
 * Every write is an upsert keyed by a natural id, so a redelivered record changes nothing; other event types are
 * ignored; a record that breaks its contract goes to {@code tend.goal.dead-letters}.
 */
@Component
public class UpstreamEventsListener implements RecordListener {

    private final InterventionCatalogue catalogue;
    private final CaseloadDirectory caseloads;
    private final ProgrammeSettingsDirectory programmeSettings;
    private final GoalDirectory goals;
    private final InboundEvents inbound;
    private final ErasureConfirmations confirmations;
    private final ParticipantKeys keys;

    public UpstreamEventsListener(InterventionCatalogue catalogue, CaseloadDirectory caseloads,
                                  ProgrammeSettingsDirectory programmeSettings, GoalDirectory goals,
                                  ContractValidator contracts, ErasureConfirmations confirmations,
                                  ParticipantKeys keys) {
        this.catalogue = catalogue;
        this.caseloads = caseloads;
        this.programmeSettings = programmeSettings;
        this.goals = goals;
        this.confirmations = confirmations;
        this.keys = keys;
        this.inbound = ProgrammeSettingsDirectory.reads(
                        CaseloadDirectory.reads(InboundEvents.reading(contracts).opening(keys)))
                .type(EventTypes.INTERVENTION_PUBLISHED_V1, KnownIntervention.class)
                .build();
    }

    @Override
    @KafkaListener(topics = {EventTypes.CATALOGUE_TOPIC, EventTypes.ASSESSMENT_TOPIC}, groupId = "tend-goal")
    public void on(ConsumerRecord<String, byte[]> record) {
        inbound.read(record).map(ReceivedEvent::data).ifPresent(data -> {
            if (data instanceof KnownIntervention intervention) {
                catalogue.record(intervention);
            } else if (!programmeSettings.apply(data)) {
                caseloads.apply(data);
                if (data instanceof CaseloadDirectory.Erased erased) {
                    goals.forget(erased.participantId());
                    confirmations.confirm(erased.erasureId(), ErasureStores.GOAL_VIEWS);
                    confirmations.confirmSealed(erased.erasureId(), erased.participantId(), keys,
                            ErasureStores.GOAL_EVENTS);
                }
            }
        });
    }
}
