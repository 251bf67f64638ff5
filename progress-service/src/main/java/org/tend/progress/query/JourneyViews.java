package org.tend.progress.query;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tend.progress.data.OutcomeData;
import org.tend.progress.domain.Journey;
import org.tend.progress.domain.Journeys;
import org.tend.progress.domain.TimelineWindow;

/**
 * Stored journeys as their readers see them: built at a moment with the catalogue's intervention names, the outcome
 * data and review rules, and the programme's care settings. One place, for the API and the reminders alike.
 */
public class JourneyViews {

    private final JourneyQueries queries;
    private final OutcomeData outcomes;

    public JourneyViews(JourneyQueries queries, OutcomeData outcomes) {
        this.queries = queries;
        this.outcomes = outcomes;
    }

    public Journey build(int generation, StoredJourney stored, Instant now, TimelineWindow window) {
        return build(generation, stored, now, window,
                queries.interventionNames(generation, List.copyOf(Journeys.interventionsNamed(stored.facts()))));
    }

    /** Each journey's newest page, the intervention names read once for all of them. */
    public List<Journey> buildAll(int generation, List<StoredJourney> stored, Instant now) {
        Set<String> interventionIds = new HashSet<>();
        stored.forEach(journey -> interventionIds.addAll(Journeys.interventionsNamed(journey.facts())));
        Map<String, String> names = queries.interventionNames(generation, List.copyOf(interventionIds));
        return stored.stream().map(journey -> build(generation, journey, now, TimelineWindow.NEWEST, names)).toList();
    }

    private Journey build(int generation, StoredJourney stored, Instant now, TimelineWindow window,
                          Map<String, String> names) {
        return Journeys.build(stored.participantId(), stored.facts(), names, outcomes.measures(), outcomes.review(),
                queries.careSettings(generation, stored.programmeId()), now, window);
    }
}
