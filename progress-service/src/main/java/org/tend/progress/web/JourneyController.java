package org.tend.progress.web;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tend.plumbing.identity.Pseudonymizer;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.security.Role;
import org.tend.plumbing.web.ForbiddenException;
import org.tend.plumbing.web.NotFoundException;
import org.tend.progress.data.OutcomeData;
import org.tend.progress.domain.Journey;
import org.tend.progress.domain.JourneyAccess;
import org.tend.progress.domain.JourneyEvent;
import org.tend.progress.domain.Journeys;
import org.tend.progress.domain.Viewer;
import org.tend.progress.domain.review.ReviewFlag;
import org.tend.progress.query.JourneyQueries;
import org.tend.progress.query.StoredJourney;

/**
 * A participant's journey. A participant reads their own; a practitioner reads the journeys of participants in the
 * programmes they are assigned to, and the list of those whose plans need review; HR and admins read none (403). A
 * caller who may not read a journey learns nothing about whether it exists. Review flags are judged at the service
 * clock's now, on every read.
 */
@RestController
@RequestMapping("/api/journeys")
public class JourneyController {

    private final JourneyQueries queries;
    private final OutcomeData outcomes;
    private final Clock clock;

    public JourneyController(JourneyQueries queries, OutcomeData outcomes, Clock clock) {
        this.queries = queries;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /** The practitioner's participants whose plans need review now, each with every flag and the rule behind it. */
    public record NeedingReview(Instant evaluatedAt, List<ParticipantNeedingReview> participants) {
    }

    public record ParticipantNeedingReview(String participantId, String programmeId, List<ReviewFlag> flags) {
    }

    @GetMapping("/me")
    public Journey mine(Caller caller) {
        caller.require(Role.PARTICIPANT);
        int generation = queries.activeGeneration();
        StoredJourney stored = queries.find(generation, caller.pseudonym())
                .orElseThrow(() -> new NotFoundException("participantId",
                        "No journey yet: it starts when your enrolment has been processed"));
        return view(generation, stored, clock.instant());
    }

    /** A literal path: Spring MVC prefers it to {@code /{participantId}} whatever the declaration order. */
    @GetMapping("/needing-review")
    public NeedingReview needingReview(Caller caller) {
        caller.require(Role.PRACTITIONER);
        Instant now = clock.instant();
        int generation = queries.activeGeneration();
        Set<String> assigned = queries.programmesAssignedTo(generation, caller.pseudonym());
        Map<String, Set<String>> practitioners = new HashMap<>();
        assigned.forEach(programme -> practitioners.put(programme, Set.of(caller.pseudonym())));
        Viewer viewer = new Viewer(caller.pseudonym(), false, true);
        List<StoredJourney> readable = queries.journeysIn(generation, assigned).stream()
                .filter(stored -> JourneyAccess.decide(viewer, stored.participantId(), programmesOf(stored),
                        practitioners) != JourneyAccess.Decision.FORBIDDEN)
                .toList();
        Set<String> interventionIds = new HashSet<>();
        readable.forEach(stored -> interventionIds.addAll(interventionsOf(stored)));
        Map<String, String> names = queries.interventionNames(generation, List.copyOf(interventionIds));
        List<ParticipantNeedingReview> flagged = new ArrayList<>();
        for (StoredJourney stored : readable) {
            Journey journey = Journeys.build(stored.participantId(), stored.events(), names, outcomes.measures(),
                    outcomes.review(), now);
            if (journey.review().needsReview()) {
                flagged.add(new ParticipantNeedingReview(journey.participantId(), journey.programmeId(),
                        journey.review().flags()));
            }
        }
        // Longest-standing first; ties by participant id so that the same facts always give the same list.
        flagged.sort(Comparator.comparing((ParticipantNeedingReview p) -> p.flags().stream()
                        .map(ReviewFlag::since).min(Comparator.naturalOrder()).orElse(now))
                .thenComparing(ParticipantNeedingReview::participantId));
        return new NeedingReview(now, List.copyOf(flagged));
    }

    @GetMapping("/{participantId}")
    public Journey of(@PathVariable("participantId") String participantId, Caller caller) {
        caller.require(Role.PARTICIPANT, Role.PRACTITIONER);
        if (!Pseudonymizer.isPseudonym(participantId)) {
            throw new BadRequestException("participantId", "pattern",
                    "participantId must be a pseudonymous id: 'p_' followed by 26 characters a-z or 2-7");
        }
        int generation = queries.activeGeneration();
        Optional<StoredJourney> stored = queries.find(generation, participantId);
        Set<String> programmes = stored.map(JourneyController::programmesOf).orElse(Set.of());
        Map<String, Set<String>> practitioners = caller.has(Role.PRACTITIONER)
                ? queries.practitionersOf(generation, programmes) : Map.of();
        Viewer viewer = new Viewer(caller.pseudonym(), caller.has(Role.PARTICIPANT), caller.has(Role.PRACTITIONER));
        if (JourneyAccess.decide(viewer, participantId, programmes, practitioners)
                == JourneyAccess.Decision.FORBIDDEN) {
            throw new ForbiddenException("you may read only your own journey or those of participants in the"
                    + " programmes you are assigned to");
        }
        return view(generation, stored.orElseThrow(() -> new NotFoundException("participantId",
                "No journey yet for this participant")), clock.instant());
    }

    private static Set<String> programmesOf(StoredJourney stored) {
        Set<String> programmes = new HashSet<>(Journeys.programmesOf(stored.events()));
        if (stored.programmeId() != null) {
            programmes.add(stored.programmeId());
        }
        return programmes;
    }

    private Journey view(int generation, StoredJourney stored, Instant now) {
        return Journeys.build(stored.participantId(), stored.events(),
                queries.interventionNames(generation, List.copyOf(interventionsOf(stored))), outcomes.measures(),
                outcomes.review(), now);
    }

    /** The interventions a journey names (goals' and recommendations'). */
    private static Set<String> interventionsOf(StoredJourney stored) {
        Set<String> interventionIds = new HashSet<>();
        for (JourneyEvent event : stored.events()) {
            if (event instanceof JourneyEvent.GoalSet goal) {
                interventionIds.add(goal.interventionId());
            } else if (event instanceof JourneyEvent.RecommendationsIssued issued) {
                issued.recommendations().forEach(r -> interventionIds.add(r.interventionId()));
            }
        }
        return interventionIds;
    }
}
