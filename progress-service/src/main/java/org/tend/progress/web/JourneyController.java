package org.tend.progress.web;

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
import org.tend.progress.domain.Journey;
import org.tend.progress.domain.JourneyAccess;
import org.tend.progress.domain.JourneyEvent;
import org.tend.progress.domain.Journeys;
import org.tend.progress.domain.Viewer;
import org.tend.progress.query.JourneyQueries;
import org.tend.progress.query.StoredJourney;

/**
 * A participant's journey. A participant reads their own; a practitioner reads the journeys of participants in the
 * programmes they are assigned to; HR and admins read none (403). A caller who may not read a journey learns nothing
 * about whether it exists.
 */
@RestController
@RequestMapping("/api/journeys")
public class JourneyController {

    private final JourneyQueries queries;

    public JourneyController(JourneyQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/me")
    public Journey mine(Caller caller) {
        caller.require(Role.PARTICIPANT);
        int generation = queries.activeGeneration();
        StoredJourney stored = queries.find(generation, caller.pseudonym())
                .orElseThrow(() -> new NotFoundException("participantId",
                        "No journey yet: it starts when your enrolment has been processed"));
        return view(generation, stored);
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
        Set<String> programmes = stored.map(s -> programmesOf(s)).orElse(Set.of());
        Map<String, Set<String>> practitioners = caller.has(Role.PRACTITIONER)
                ? queries.practitionersOf(generation, programmes) : Map.of();
        Viewer viewer = new Viewer(caller.pseudonym(), caller.has(Role.PARTICIPANT), caller.has(Role.PRACTITIONER));
        if (JourneyAccess.decide(viewer, participantId, programmes, practitioners)
                == JourneyAccess.Decision.FORBIDDEN) {
            throw new ForbiddenException("you may read only your own journey or those of participants in the"
                    + " programmes you are assigned to");
        }
        return view(generation, stored.orElseThrow(() -> new NotFoundException("participantId",
                "No journey yet for this participant")));
    }

    private static Set<String> programmesOf(StoredJourney stored) {
        Set<String> programmes = new HashSet<>(Journeys.programmesOf(stored.events()));
        if (stored.programmeId() != null) {
            programmes.add(stored.programmeId());
        }
        return programmes;
    }

    private Journey view(int generation, StoredJourney stored) {
        Set<String> interventionIds = new HashSet<>();
        for (JourneyEvent event : stored.events()) {
            if (event instanceof JourneyEvent.GoalSet goal) {
                interventionIds.add(goal.interventionId());
            } else if (event instanceof JourneyEvent.RecommendationsIssued issued) {
                issued.recommendations().forEach(r -> interventionIds.add(r.interventionId()));
            }
        }
        return Journeys.build(stored.participantId(), stored.events(),
                queries.interventionNames(generation, List.copyOf(interventionIds)));
    }
}
