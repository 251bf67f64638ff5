package org.tend.catalogue.messaging;

import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.tend.catalogue.domain.UnroutableOutcomeException;
import org.tend.catalogue.domain.recommendation.CatalogueRecommender;
import org.tend.catalogue.domain.recommendation.RecordAssessmentOutcome;
import org.tend.catalogue.query.CarePlanViews;
import org.tend.catalogue.query.RecommendationViews;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.ErasureStores;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.caseload.CaseloadDirectory;
import org.tend.plumbing.programme.ProgrammeSettingsDirectory;
import org.tend.plumbing.messaging.InboundEvents;
import org.tend.plumbing.messaging.MalformedEventException;
import org.tend.plumbing.messaging.ReceivedEvent;
import org.tend.plumbing.messaging.RecordListener;
import org.tend.keys.ParticipantKeys;
import org.tend.plumbing.erasure.ErasureConfirmations;

/**
 * Reads assessment-service's events. Completed assessments go to the participant's recommendations (the aggregate
 * remembers which it has applied, so a redelivered record changes nothing); enrolments and practitioner assignments
 * go into the caseload directory that authorises practitioners (upserts by natural id). A record that breaks its
 * contract goes to {@code tend.catalogue.dead-letters} at once; other types are ignored.
 */
@Component
public class AssessmentEventsListener implements RecordListener {

    /** The catalogue's copy of {@code assessment-completed}: only the fields it routes on. */
    record AssessmentCompleted(String assessmentId, String participantId, String programmeId, String instrumentId,
                               String instrumentVersion, int totalScore, ScoreRange scoreRange, String band,
                               Instant completedAt) {
    }

    record ScoreRange(int min, int max) {
    }

    private final CommandGateway commands;
    private final CatalogueRecommender recommender;
    private final CaseloadDirectory caseloads;
    private final RecommendationViews views;
    private final CarePlanViews plans;
    private final ProgrammeSettingsDirectory programmeSettings;
    private final ParticipantKeys keys;
    private final ErasureConfirmations confirmations;
    private final Clock clock;
    private final InboundEvents inbound;

    public AssessmentEventsListener(CommandGateway commands, CatalogueRecommender recommender,
            CaseloadDirectory caseloads, RecommendationViews views, ParticipantKeys keys, ContractValidator contracts,
            Clock clock, ErasureConfirmations confirmations, CarePlanViews plans,
            ProgrammeSettingsDirectory programmeSettings) {
        this.confirmations = confirmations;
        this.plans = plans;
        this.programmeSettings = programmeSettings;
        this.views = views;
        this.keys = keys;
        this.commands = commands;
        this.recommender = recommender;
        this.caseloads = caseloads;
        this.clock = clock;
        this.inbound = ProgrammeSettingsDirectory.reads(CaseloadDirectory.reads(
                        InboundEvents.reading(contracts).opening(keys)))
                .type(EventTypes.ASSESSMENT_COMPLETED_V1, AssessmentCompleted.class)
                .build();
    }

    /**
     * One consumer thread per partition of the assessment topic (three by default, {@code
     * tend.catalogue.assessment-consumers}): each record costs a command and several round trips to the store, and a
     * single thread left the catalogue the slowest consumer under load. A participant's records share a partition, so
     * each participant's are still applied in order, by one thread.
     */
    @Override
    @KafkaListener(topics = EventTypes.ASSESSMENT_TOPIC, groupId = "tend-catalogue",
            concurrency = "${tend.catalogue.assessment-consumers:3}")
    public void on(ConsumerRecord<String, byte[]> record) {
        inbound.read(record).ifPresent(event -> {
            if (event.data() instanceof AssessmentCompleted completed) {
                assessmentCompleted(event, completed);
            } else if (!programmeSettings.apply(event.data())) {
                caseloads.apply(event.data());
                if (event.data() instanceof CaseloadDirectory.Erased erased) {
                    views.forget(erased.participantId(), erased.erasedAt());
                    plans.forget(erased.participantId(), erased.erasedAt());
                    confirmations.confirm(erased.erasureId(), ErasureStores.CATALOGUE_VIEWS);
                    confirmations.confirmSealed(erased.erasureId(), erased.participantId(), keys,
                            ErasureStores.CATALOGUE_EVENTS);
                }
            }
        });
    }

    private void assessmentCompleted(ReceivedEvent<?> event, AssessmentCompleted e) {
        int total;
        try {
            total = recommender.toRuleScale(e.instrumentId(), e.totalScore(), e.scoreRange().min(),
                    e.scoreRange().max());
        } catch (UnroutableOutcomeException unroutable) {
            throw new MalformedEventException(event.type() + " " + event.id() + ": " + unroutable.getMessage());
        }
        // The record proves the enrolment too; learning it here does not depend on which record comes first.
        caseloads.enrol(e.participantId(), e.programmeId());
        if (caseloads.isErased(e.participantId()) || keys.sawErased(e.participantId())) {
            // About someone since erased (their erasure is on the stream, or their key already destroyed while the
            // erasure record is still on its way): nothing about them is kept, and nothing could be sealed.
            return;
        }
        if (caseloads.consentWithdrawnAt(e.participantId()).isPresent()) {
            // Withdrawn consent stops recommendations: an outcome that reaches the catalogue while the participant's
            // consent stands withdrawn issues nothing (one completed just before the withdrawal but published after
            // it included: the participant's next assessment after consenting again issues them afresh).
            return;
        }
        // Safety concerns are not on this record by design: what the catalogue learns of one is the participant's care
        // hold, on its own internal topic (CareHoldsListener), which withholds recommendations until released.
        RecordAssessmentOutcome command = new RecordAssessmentOutcome(e.participantId(), e.assessmentId(),
                e.programmeId(), e.instrumentId(), e.instrumentVersion(), total, e.band(), e.completedAt(),
                clock.instant());
        Races.send(commands, command);
    }
}
