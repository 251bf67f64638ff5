package org.tend.catalogue.domain.recommendation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.tend.catalogue.domain.AssessmentOutcome;
import org.tend.catalogue.domain.Format;
import org.tend.catalogue.domain.LevelDecision;
import org.tend.catalogue.domain.Preferences;
import org.tend.catalogue.domain.RecommendationSet;
import org.tend.catalogue.domain.UnroutableOutcomeException;

/**
 * The recommendations of one participant (id = their pseudonymous id). Keeps the latest outcome per instrument and
 * the participant's format preferences, and issues a new ranked set whenever what it would say changes.
 *
 * <ul>
 *   <li>Each assessment counts once: a redelivered record finds its id remembered and changes nothing.</li>
 *   <li>Latest means latest completed: an older assessment that arrives late is recorded but does not replace a
 *       newer one of the same instrument.</li>
 *   <li>Outcomes the rules cannot route (e.g. only PSS-10) are recorded; nothing is issued until one can be.</li>
 *   <li>Safety overrides everything: while assessment-service holds the participant's care (a safety concern no
 *       practitioner has reviewed yet), nothing is issued; the participant is shown the safety pathway instead.
 *       Once released, what the outcomes say is issued again if it differs from the last set. A hold or release
 *       older than the latest change it would undo (a redelivery) changes nothing.</li>
 * </ul>
 */
public class ParticipantRecommendations {

    @AggregateIdentifier
    private String participantId;
    private final Set<String> recordedAssessments = new HashSet<>();
    private final Map<String, LatestOutcome> latestByInstrument = new HashMap<>();
    private Preferences preferences = Preferences.none();
    private RecommendationsIssued lastIssued;
    private Instant heldSince;
    private Instant lastReleased;

    protected ParticipantRecommendations() {
        // created by the first outcome or preference, then rebuilt from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordAssessmentOutcome command, CatalogueRecommender recommender) {
        if (recordedAssessments.contains(command.assessmentId())) {
            return;
        }
        recommender.rangeFault(command.instrumentId(), command.totalScore()).ifPresent(fault -> {
            throw new IllegalArgumentException("assessment " + command.assessmentId() + ": " + fault);
        });
        apply(new AssessmentOutcomeRecorded(command.participantId(), command.assessmentId(), command.programmeId(),
                command.instrumentId(), command.instrumentVersion(), command.totalScore(), command.band(),
                command.completedAt(), command.receivedAt()));
        issueIfChanged(recommender, command.receivedAt());
    }

    /** Each outcome as its own {@link RecordAssessmentOutcome} would be, in order, in one unit of work. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordAssessmentOutcomes command, CatalogueRecommender recommender) {
        for (RecordAssessmentOutcome outcome : command.outcomes()) {
            handle(outcome, recommender);
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ChangePreferences command, CatalogueRecommender recommender) {
        Preferences requested = Preferences.formats(command.formats());
        if (participantId != null && requested.equals(preferences)) {
            return;
        }
        apply(new PreferencesChanged(command.participantId(), codes(requested), command.changedAt()));
        issueIfChanged(recommender, command.changedAt());
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(HoldRecommendations command) {
        if (heldSince != null || (lastReleased != null && !command.placedAt().isAfter(lastReleased))) {
            return;
        }
        apply(new RecommendationsHeld(command.participantId(), command.placedAt()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReleaseRecommendations command, CatalogueRecommender recommender) {
        if (heldSince == null || command.releasedAt().isBefore(heldSince)) {
            return;
        }
        apply(new RecommendationsReleased(command.participantId(), command.releasedAt()));
        if (command.consentStands()) {
            issueIfChanged(recommender, command.releasedAt());
        }
    }

    @EventSourcingHandler
    void on(RecommendationsHeld event) {
        participantId = event.participantId();
        heldSince = event.since();
    }

    @EventSourcingHandler
    void on(RecommendationsReleased event) {
        participantId = event.participantId();
        heldSince = null;
        lastReleased = event.releasedAt();
    }

    @EventSourcingHandler
    void on(AssessmentOutcomeRecorded event) {
        participantId = event.participantId();
        recordedAssessments.add(event.assessmentId());
        LatestOutcome candidate = new LatestOutcome(event.assessmentId(), event.completedAt(),
                // assessment-completed carries no safety detail by design: an outcome is routed on its score, and a
                // safety concern reaches this aggregate only as the participant's care hold (which issues nothing).
                new AssessmentOutcome(event.instrumentId(), event.instrumentVersion(), event.band(),
                        event.totalScore(), false));
        latestByInstrument.merge(event.instrumentId(), candidate,
                (current, incoming) -> incoming.isNewerThan(current) ? incoming : current);
    }

    @EventSourcingHandler
    void on(PreferencesChanged event) {
        participantId = event.participantId();
        preferences = Preferences.formats(event.formats().stream()
                .map(code -> Format.fromCode(code).orElseThrow(
                        () -> new IllegalStateException("unknown format code in a stored event: " + code)))
                .toList());
    }

    @EventSourcingHandler
    void on(RecommendationsIssued event) {
        lastIssued = event;
    }

    private void issueIfChanged(CatalogueRecommender recommender, Instant at) {
        if (heldSince != null) {
            return; // the safety pathway: no automated recommendation is issued (nor published) while held
        }
        List<AssessmentOutcome> outcomes = latestByInstrument.values().stream()
                .sorted(Comparator.comparing(o -> o.outcome().instrumentId()))
                .map(LatestOutcome::outcome).toList();
        if (outcomes.isEmpty()) {
            return;
        }
        RecommendationSet set;
        try {
            set = recommender.recommend(outcomes, preferences);
        } catch (UnroutableOutcomeException e) {
            return; // e.g. only PSS-10 so far: recorded, nothing to recommend on
        }
        RecommendationsIssued issued = toEvent(set, at);
        if (!issued.sameAdviceAs(lastIssued)) {
            apply(issued);
        }
    }

    private RecommendationsIssued toEvent(RecommendationSet set, Instant at) {
        LevelDecision basis = set.basis();
        List<ConsideredOutcome> considered = new ArrayList<>();
        for (LevelDecision decision : set.considered()) {
            considered.add(new ConsideredOutcome(assessmentOf(decision), decision.outcome().instrumentId(),
                    decision.outcome().band(), decision.outcome().totalScore(), decision.level().code(),
                    decision.ruleId(), decision.reason()));
        }
        PathwayAdvice pathway = set.pathway().map(marker -> new PathwayAdvice(marker.pathway().code(),
                ReasonCodes.slug(marker.reasonCode()), marker.reason(), marker.ruleId())).orElse(null);
        List<RankedIntervention> ranked = set.recommendations().stream()
                .map(r -> new RankedIntervention(r.interventionId(), r.rank(), ReasonCodes.slug(r.reasonCode()),
                        r.reason(), r.ruleId()))
                .toList();
        return new RecommendationsIssued(participantId, assessmentOf(basis), basis.outcome().instrumentId(),
                basis.outcome().band(), set.level().code(), basis.ruleId(),
                basis.reason() + " [rule " + basis.ruleId() + "]", pathway, ranked, considered,
                codes(preferences), set.catalogueVersion(), set.steppedCareVersion(), at);
    }

    private String assessmentOf(LevelDecision decision) {
        return latestByInstrument.get(decision.outcome().instrumentId()).assessmentId();
    }

    private static List<String> codes(Preferences preferences) {
        Set<Format> ordered = preferences.isEmpty() ? EnumSet.noneOf(Format.class)
                : EnumSet.copyOf(preferences.preferredFormats());
        return ordered.stream().map(Format::code).toList();
    }

    /** The latest outcome of one instrument and which assessment it came from. */
    private record LatestOutcome(String assessmentId, Instant completedAt, AssessmentOutcome outcome) {

        /** Later completion wins; the same instant is settled by id, so every replica picks the same one. */
        boolean isNewerThan(LatestOutcome other) {
            int byTime = completedAt.compareTo(other.completedAt);
            return byTime != 0 ? byTime > 0 : assessmentId.compareTo(other.assessmentId) > 0;
        }
    }
}
