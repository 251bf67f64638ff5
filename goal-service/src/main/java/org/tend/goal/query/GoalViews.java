package org.tend.goal.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;
import org.tend.goal.domain.GboOutcome;
import org.tend.goal.domain.GoalProgressRated;
import org.tend.goal.domain.GoalSet;

/**
 * A participant's goals with their ratings, folded from the participant's own event stream. A participant has at
 * most three goals and a handful of ratings, so reading the stream is cheap, and it is exactly what the aggregate
 * decided: a goal or rating is visible as soon as its request has returned.
 */
@Component
public class GoalViews {

    public record RatingView(int rating, String ratedByRole, Instant ratedAt) {
    }

    /**
     * @param change GBO outcome, last rating − first rating; null until there are two ratings
     */
    public record GoalView(String goalId, String interventionId, String interventionName, String description,
                           LocalDate targetDate, String scale, String setByRole, Instant setAt,
                           List<RatingView> ratings, Integer firstRating, Integer latestRating, Integer change) {
    }

    public record ParticipantGoalsView(String participantId, List<GoalView> goals) {
    }

    private final EventStore events;
    private final InterventionCatalogue catalogue;

    public GoalViews(EventStore events, InterventionCatalogue catalogue) {
        this.events = events;
        this.catalogue = catalogue;
    }

    public ParticipantGoalsView goalsOf(String participantId) {
        Map<String, GoalSet> goals = new LinkedHashMap<>();
        Map<String, List<RatingView>> ratings = new LinkedHashMap<>();
        events.readEvents(participantId).asStream().map(DomainEventMessage::getPayload).forEach(payload -> {
            if (payload instanceof GoalSet set) {
                goals.put(set.goalId(), set);
                ratings.put(set.goalId(), new ArrayList<>());
            } else if (payload instanceof GoalProgressRated rated && ratings.containsKey(rated.goalId())) {
                ratings.get(rated.goalId()).add(
                        new RatingView(rated.rating(), rated.ratedByRole().code(), rated.ratedAt()));
            }
        });
        List<GoalView> views = goals.values().stream().map(goal -> view(goal, ratings.get(goal.goalId()))).toList();
        return new ParticipantGoalsView(participantId, views);
    }

    private GoalView view(GoalSet goal, List<RatingView> ratings) {
        List<Integer> values = ratings.stream().map(RatingView::rating).toList();
        String name = catalogue.find(goal.interventionId()).map(KnownIntervention::name).orElse(null);
        return new GoalView(goal.goalId(), goal.interventionId(), name, goal.description(), goal.targetDate(),
                GboOutcome.SCALE, goal.setByRole().code(), goal.setAt(), List.copyOf(ratings),
                values.isEmpty() ? null : values.get(0),
                values.isEmpty() ? null : values.get(values.size() - 1),
                GboOutcome.change(values).orElse(null));
    }
}
