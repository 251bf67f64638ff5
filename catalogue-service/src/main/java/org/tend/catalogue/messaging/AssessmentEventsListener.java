package org.tend.catalogue.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.tend.catalogue.domain.UnroutableOutcomeException;
import org.tend.catalogue.domain.recommendation.CatalogueRecommender;
import org.tend.catalogue.domain.recommendation.RecordAssessmentOutcome;
import org.tend.catalogue.domain.recommendation.RecordAssessmentOutcomes;
import org.tend.catalogue.query.CarePlanViews;
import org.tend.catalogue.query.RecommendationViews;
import org.tend.contracts.ContractValidator;
import org.tend.contracts.ErasureStores;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.caseload.CaseloadDirectory;
import org.tend.plumbing.programme.ProgrammeSettingsDirectory;
import org.tend.plumbing.messaging.InboundEvents;
import org.tend.plumbing.messaging.MalformedEventException;
import org.tend.plumbing.messaging.Outages;
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

    private static final Logger log = LoggerFactory.getLogger(AssessmentEventsListener.class);

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
     * tend.catalogue.assessment-consumers}); a participant's records share a partition, so each participant's are
     * applied in order, by one thread.
     *
     * <p>A poll is taken as a batch: the caseload records of the poll are applied as they come, and the completed
     * assessments are gathered per participant and sent as one command each ({@link RecordAssessmentOutcomes}: one
     * aggregate load and one append instead of one per assessment, the events being the same). A participant's
     * gathered assessments are sent before any later record about them is applied, so their order holds; other
     * participants' wait until the end of the poll. Whatever fails is named to the plumbing's error handler by its
     * index ({@link BatchListenerFailedException}) once every record before it is applied, so dead-lettering and
     * outage retries are what they are for a single record; records after it that were applied already are delivered
     * again, which changes nothing (every effect here is idempotent).
     */
    @KafkaListener(topics = EventTypes.ASSESSMENT_TOPIC, groupId = "tend-catalogue", batch = "true",
            concurrency = "${tend.catalogue.assessment-consumers:3}")
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        Poll poll = new Poll();
        for (int i = 0; i < records.size(); i++) {
            try {
                Optional<ReceivedEvent<?>> read = inbound.read(records.get(i));
                if (read.isPresent()) {
                    apply(poll, i, read.get());
                }
            } catch (BatchListenerFailedException e) {
                throw e; // an earlier record's command failed, and is named
            } catch (RuntimeException e) {
                poll.failAt(i, e);
            }
        }
        poll.sendAll();
    }

    /** One record on its own, as a dead letter is re-driven. */
    @Override
    public void on(ConsumerRecord<String, byte[]> record) {
        onBatch(List.of(record));
    }

    private void apply(Poll poll, int index, ReceivedEvent<?> event) {
        if (event.data() instanceof AssessmentCompleted completed) {
            outcome(event, completed).ifPresent(command -> poll.gather(index, command));
            return;
        }
        if (programmeSettings.apply(event.data())) {
            return;
        }
        participantOf(event.data()).ifPresent(poll::send);
        caseloads.apply(event.data());
        if (event.data() instanceof CaseloadDirectory.Erased erased) {
            views.forget(erased.participantId(), erased.erasedAt());
            plans.forget(erased.participantId(), erased.erasedAt());
            confirmations.confirm(erased.erasureId(), ErasureStores.CATALOGUE_VIEWS);
            confirmations.confirmSealed(erased.erasureId(), erased.participantId(), keys,
                    ErasureStores.CATALOGUE_EVENTS);
        }
    }

    /** The participant a caseload record is about; empty for a programme's. */
    private static Optional<String> participantOf(Object data) {
        if (data instanceof CaseloadDirectory.Enrolled e) {
            return Optional.of(e.participantId());
        } else if (data instanceof CaseloadDirectory.ConsentWithdrawn w) {
            return Optional.of(w.participantId());
        } else if (data instanceof CaseloadDirectory.ConsentRenewed r) {
            return Optional.of(r.participantId());
        } else if (data instanceof CaseloadDirectory.Erased e) {
            return Optional.of(e.participantId());
        }
        return Optional.empty();
    }

    /** The command a completed assessment asks for; empty when nothing is to be recorded about its participant. */
    private Optional<RecordAssessmentOutcome> outcome(ReceivedEvent<?> event, AssessmentCompleted e) {
        int total;
        try {
            total = recommender.toRuleScale(e.instrumentId(), e.totalScore(), e.scoreRange().min(),
                    e.scoreRange().max());
        } catch (UnroutableOutcomeException unroutable) {
            throw new MalformedEventException(event.type() + " " + event.id() + ": " + unroutable.getMessage());
        }
        // The record proves the enrolment too; learning it here does not depend on which record comes first. One read
        // answers the questions below as well.
        CaseloadDirectory.Standing standing = caseloads.enrolAndRead(e.participantId(), e.programmeId());
        if (standing.erased() || keys.sawErased(e.participantId())) {
            // About someone since erased (their erasure is on the stream, or their key already destroyed while the
            // erasure record is still on its way): nothing about them is kept, and nothing could be sealed.
            return Optional.empty();
        }
        if (standing.consentWithdrawnAt().isPresent()) {
            // Withdrawn consent stops recommendations: an outcome that reaches the catalogue while the participant's
            // consent stands withdrawn issues nothing (one completed just before the withdrawal but published after
            // it included: the participant's next assessment after consenting again issues them afresh).
            return Optional.empty();
        }
        // Safety concerns are not on this record by design: what the catalogue learns of one is the participant's care
        // hold, on its own internal topic (CareHoldsListener), which withholds recommendations until released.
        return Optional.of(new RecordAssessmentOutcome(e.participantId(), e.assessmentId(), e.programmeId(),
                e.instrumentId(), e.instrumentVersion(), total, e.band(), e.completedAt(), clock.instant()));
    }

    /** A poll's gathered assessment commands, by participant in the order first seen, and its first failure. */
    private final class Poll {

        private record Gathered(int index, RecordAssessmentOutcome command) {
        }

        private final Map<String, List<Gathered>> pending = new LinkedHashMap<>();

        void gather(int index, RecordAssessmentOutcome command) {
            pending.computeIfAbsent(command.participantId(), id -> new ArrayList<>()).add(new Gathered(index, command));
        }

        /** Sends the participant's gathered assessments now (a record about them follows). */
        void send(String participantId) {
            List<Gathered> gathered = pending.remove(participantId);
            if (gathered != null) {
                OptionalInt failed = send(gathered, Integer.MAX_VALUE);
                if (failed.isPresent()) {
                    failAt(failed.getAsInt(), lastFailure);
                }
            }
        }

        /** Sends everything gathered; throws for the first record that could not be applied. */
        void sendAll() {
            int first = Integer.MAX_VALUE;
            for (List<Gathered> gathered : List.copyOf(pending.values())) {
                OptionalInt failed = send(gathered, first);
                if (failed.isPresent() && failed.getAsInt() < first) {
                    first = failed.getAsInt();
                    failure = lastFailure;
                }
            }
            pending.clear();
            if (first != Integer.MAX_VALUE) {
                throw new BatchListenerFailedException(failure.getMessage(), failure, first);
            }
        }

        /**
         * The record at {@code index} cannot be applied: everything gathered before it is sent first, then it is named
         * to the error handler (or an earlier record whose command failed meanwhile).
         */
        void failAt(int index, RuntimeException cause) {
            int first = index;
            failure = cause;
            for (List<Gathered> gathered : List.copyOf(pending.values())) {
                OptionalInt failed = send(gathered, first);
                if (failed.isPresent() && failed.getAsInt() < first) {
                    first = failed.getAsInt();
                    failure = lastFailure;
                }
            }
            pending.clear();
            throw new BatchListenerFailedException(failure.getMessage(), failure, first);
        }

        private RuntimeException failure;
        private RuntimeException lastFailure;

        /**
         * Sends the gathered commands of one participant with an index below {@code before}: all as one command, and
         * when that fails one by one to find the record at fault (the ones before it are applied, none after it).
         * Returns the index of the record that failed.
         */
        private OptionalInt send(List<Gathered> gathered, int before) {
            List<Gathered> due = gathered.stream().filter(g -> g.index() < before).toList();
            if (due.isEmpty()) {
                return OptionalInt.empty();
            }
            if (due.size() > 1) {
                try {
                    Races.send(commands, new RecordAssessmentOutcomes(due.get(0).command().participantId(),
                            due.stream().map(Gathered::command).toList()));
                    return OptionalInt.empty();
                } catch (RuntimeException e) {
                    if (Outages.isOutage(e)) {
                        lastFailure = e;
                        return OptionalInt.of(due.get(0).index());
                    }
                    log.warn("{} assessments of one participant could not be recorded together ({}); recording them"
                            + " one by one to find the one at fault", due.size(), e.toString());
                }
            }
            for (Gathered g : due) {
                try {
                    Races.send(commands, g.command());
                } catch (RuntimeException e) {
                    lastFailure = e;
                    return OptionalInt.of(g.index());
                }
            }
            return OptionalInt.empty();
        }
    }
}
