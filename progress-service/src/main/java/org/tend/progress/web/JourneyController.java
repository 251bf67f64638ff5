package org.tend.progress.web;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tend.plumbing.caseload.Caseload;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.security.RequiresRole;
import org.tend.security.Role;
import org.tend.plumbing.web.BadRequestException;
import org.tend.plumbing.web.ForbiddenException;
import org.tend.plumbing.web.NotFoundException;
import org.tend.progress.domain.Journey;
import org.tend.progress.domain.Journeys;
import org.tend.progress.domain.TimelineCursor;
import org.tend.progress.domain.TimelineWindow;
import org.tend.progress.domain.review.ReviewList;
import org.tend.progress.query.JourneyQueries;
import org.tend.progress.query.JourneyViews;
import org.tend.progress.query.StoredJourney;

/**
 * A participant's journey. A participant reads their own; a practitioner reads the journeys of participants in the
 * programmes they are assigned to ({@link Caseload}), and the list of those whose plans need review; HR and admins
 * read none (403). A caller who may not read a journey learns nothing about whether it exists. Review flags are
 * judged at the service clock's now, on every read.
 *
 * <p>A journey's timeline is paged, newest first: {@code limit} entries (1–{@value TimelineWindow#MAX_LIMIT},
 * default {@value TimelineWindow#DEFAULT_LIMIT}), older than the cursor {@code before} (the {@code next} of the
 * previous page's {@code timelinePage}); every other figure is over the whole journey. A bad {@code limit} or
 * {@code before} is a 400 problem naming it.
 */
@RestController
@RequestMapping("/api/journeys")
public class JourneyController {

    private final JourneyQueries queries;
    private final JourneyViews views;
    private final Clock clock;

    public JourneyController(JourneyQueries queries, JourneyViews views, Clock clock) {
        this.queries = queries;
        this.views = views;
        this.clock = clock;
    }

    @RequiresRole(Role.PARTICIPANT)
    @GetMapping("/me")
    public Journey mine(Caller caller, @RequestParam(required = false) Integer limit,
                        @RequestParam(required = false) String before) {
        TimelineWindow window = window(limit, before);
        int generation = queries.readableGeneration();
        StoredJourney stored = queries.find(generation, caller.pseudonym())
                .orElseThrow(() -> new NotFoundException("participantId",
                        "No journey yet: it starts when your enrolment has been processed"));
        return view(generation, stored, clock.instant(), window).forParticipant();
    }

    /** A literal path: Spring MVC prefers it to {@code /{participantId}} whatever the declaration order. */
    @RequiresRole(Role.PRACTITIONER)
    @GetMapping("/needing-review")
    public ReviewList needingReview(Caller caller) {
        Instant now = clock.instant();
        int generation = queries.readableGeneration();
        Set<String> assigned = queries.programmesAssignedTo(generation, caller.pseudonym());
        List<StoredJourney> readable = queries.journeysIn(generation, assigned).stream()
                .filter(stored -> Caseload.access(caller, stored.participantId(), programmesOf(stored), assigned)
                        != Caseload.Access.NONE)
                .toList();
        return ReviewList.of(views.buildAll(generation, readable, now), now);
    }

    @RequiresRole({Role.PARTICIPANT, Role.PRACTITIONER})
    @GetMapping("/{participantId}")
    public Journey of(@PathVariable("participantId") String participantId, Caller caller,
                      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String before) {
        BadRequestException.requirePseudonym("participantId", participantId);
        TimelineWindow window = window(limit, before);
        int generation = queries.readableGeneration();
        Optional<StoredJourney> stored = queries.find(generation, participantId);
        Set<String> served = caller.has(Role.PRACTITIONER)
                ? queries.programmesAssignedTo(generation, caller.pseudonym()) : Set.of();
        if (Caseload.access(caller, participantId, stored.map(JourneyController::programmesOf).orElse(Set.of()),
                served) == Caseload.Access.NONE) {
            throw new ForbiddenException("you may read only your own journey or those of participants in the"
                    + " programmes you are assigned to");
        }
        Journey journey = view(generation, stored.orElseThrow(() -> new NotFoundException("participantId",
                "No journey yet for this participant")), clock.instant(), window);
        return caller.has(Role.PRACTITIONER) ? journey : journey.forParticipant();
    }

    /** The page asked for; 400 naming {@code limit} or {@code before} when it is not one. */
    static TimelineWindow window(Integer limit, String before) {
        if (limit != null && (limit < 1 || limit > TimelineWindow.MAX_LIMIT)) {
            throw new BadRequestException("limit", "range",
                    "limit must be a whole number from 1 to " + TimelineWindow.MAX_LIMIT);
        }
        TimelineCursor cursor = null;
        if (before != null) {
            cursor = TimelineCursor.decode(before).orElseThrow(() -> new BadRequestException("before", "pattern",
                    "before must be the timelinePage.next of an earlier page"));
        }
        return new TimelineWindow(limit == null ? TimelineWindow.DEFAULT_LIMIT : limit, cursor);
    }

    private static Set<String> programmesOf(StoredJourney stored) {
        Set<String> programmes = new HashSet<>(Journeys.programmesOf(stored.facts()));
        if (stored.programmeId() != null) {
            programmes.add(stored.programmeId());
        }
        return programmes;
    }

    private Journey view(int generation, StoredJourney stored, Instant now, TimelineWindow window) {
        return views.build(generation, stored, now, window);
    }
}
