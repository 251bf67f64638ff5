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
import org.tend.goal.domain.AttainmentScaleDefined;
import org.tend.goal.domain.GasScore;
import org.tend.goal.domain.GboOutcome;
import org.tend.goal.domain.GoalAttainmentRated;
import org.tend.goal.domain.GoalClosed;
import org.tend.goal.domain.GoalRevised;
import org.tend.goal.domain.GoalProgressRated;
import org.tend.goal.domain.GoalSet;
import org.tend.plumbing.caseload.CaseloadDirectory;
import org.tend.plumbing.web.NotFoundException;

/**
 * A participant's goals with their versions and ratings, folded from the participant's own event stream. A participant
 * has a few goals (at most their programme's limit active at once) and a handful of ratings, so reading the stream is
 * cheap, and it is exactly what the aggregate
 * decided: a goal or rating is visible as soon as its request has returned. The GBO change and the GAS T-score are
 * the values the aggregate recorded on the rating events (and published), never computed again here.
 */
@Component
public class GoalViews {

    public record RatingView(int rating, String ratedByRole, Instant ratedAt) {
    }

    /** One earlier version of a goal: its wording and target date from {@code since} (version 1: when it was set). */
    public record GoalVersionView(int version, String description, LocalDate targetDate, Instant since) {
    }

    /** A goal's status: {@code active}, or how it ended ({@code achieved}, {@code no-longer-relevant}). */
    public static final String ACTIVE = "active";

    public record AttainmentRatingView(int level, String ratedByRole, Instant ratedAt) {
    }

    /**
     * A goal's Goal Attainment Scaling scale and ratings.
     *
     * @param levels      the wording of each level, keyed "-2", "-1", "0", "1", "2" (lowest first)
     * @param latestLevel the goal's current level (its latest rating); null before the first rating
     */
    public record AttainmentView(int weight, int baselineLevel, Map<String, String> levels,
                                 List<AttainmentRatingView> ratings, Integer latestLevel) {
    }

    /**
     * @param description     the current version's wording; {@code targetDate} likewise
     * @param version         the current version (1 as set, 2, 3 … after each revision), since {@code revisedAt}
     *                        (null until the first revision)
     * @param earlierVersions the versions before the current one, oldest first
     * @param status          {@value #ACTIVE}, {@code achieved} or {@code no-longer-relevant}; {@code closedAt} null
     *                        while active
     * @param change     GBO outcome, last rating − first rating, as recorded on the latest rating; null until there
     *                   are two ratings
     * @param changeClassification the change as the goal scales classify it; null while not classified
     * @param attainment the goal's GAS scale and ratings; null when the goal has no scale
     */
    public record GoalView(String goalId, String interventionId, String interventionName, String description,
                           LocalDate targetDate, String scale, String setByRole, Instant setAt, int version,
                           Instant revisedAt, List<GoalVersionView> earlierVersions, String status,
                           Instant closedAt, List<RatingView> ratings, Integer firstRating, Integer latestRating,
                           Integer change, String changeClassification, AttainmentView attainment) {
    }

    /**
     * @param gasTScore the GAS T-score over the goals that have a scale and at least one attainment rating (each at
     *                  its latest level, with its weight), one decimal, as recorded on the latest attainment rating;
     *                  null when there is no such goal
     */
    public record ParticipantGoalsView(String participantId, List<GoalView> goals, Double gasTScore) {
    }

    private final EventStore events;
    private final InterventionCatalogue catalogue;

    private final CaseloadDirectory caseloads;

    public GoalViews(EventStore events, InterventionCatalogue catalogue, CaseloadDirectory caseloads) {
        this.events = events;
        this.catalogue = catalogue;
        this.caseloads = caseloads;
    }

    public ParticipantGoalsView goalsOf(String participantId) {
        if (caseloads.isErased(participantId)) {
            // What their events said was sealed with a key that no longer exists: there is nothing to show.
            throw new NotFoundException("participantId", "This participant was erased");
        }
        Map<String, GoalSet> goals = new LinkedHashMap<>();
        Map<String, List<RatingView>> ratings = new LinkedHashMap<>();
        Map<String, AttainmentScaleDefined> scales = new LinkedHashMap<>();
        Map<String, List<AttainmentRatingView>> attainment = new LinkedHashMap<>();
        Map<String, GoalProgressRated> latestRating = new LinkedHashMap<>();
        Map<String, List<GoalVersionView>> versions = new LinkedHashMap<>();
        Map<String, GoalClosed> closures = new LinkedHashMap<>();
        Double[] tScore = {null};
        events.readEvents(participantId).asStream().map(DomainEventMessage::getPayload).forEach(payload -> {
            if (payload instanceof GoalSet set) {
                goals.put(set.goalId(), set);
                ratings.put(set.goalId(), new ArrayList<>());
                attainment.put(set.goalId(), new ArrayList<>());
                versions.put(set.goalId(), new ArrayList<>(List.of(
                        new GoalVersionView(1, set.description(), set.targetDate(), set.setAt()))));
            } else if (payload instanceof GoalRevised revised && versions.containsKey(revised.goalId())) {
                versions.get(revised.goalId()).add(new GoalVersionView(revised.version(), revised.description(),
                        revised.targetDate(), revised.revisedAt()));
            } else if (payload instanceof GoalClosed closed && goals.containsKey(closed.goalId())) {
                closures.put(closed.goalId(), closed);
            } else if (payload instanceof GoalProgressRated rated && ratings.containsKey(rated.goalId())) {
                ratings.get(rated.goalId()).add(
                        new RatingView(rated.rating(), rated.ratedByRole().code(), rated.ratedAt()));
                latestRating.put(rated.goalId(), rated);
            } else if (payload instanceof AttainmentScaleDefined scale && goals.containsKey(scale.goalId())) {
                scales.put(scale.goalId(), scale); // a later definition replaces the earlier one
            } else if (payload instanceof GoalAttainmentRated rated && attainment.containsKey(rated.goalId())) {
                attainment.get(rated.goalId()).add(
                        new AttainmentRatingView(rated.level(), rated.ratedByRole().code(), rated.ratedAt()));
                tScore[0] = rated.gasTScore();
            }
        });
        List<GoalView> views = goals.values().stream().map(goal -> view(goal, versions.get(goal.goalId()),
                closures.get(goal.goalId()), ratings.get(goal.goalId()), latestRating.get(goal.goalId()),
                attainmentView(scales.get(goal.goalId()), attainment.get(goal.goalId())))).toList();
        return new ParticipantGoalsView(participantId, views, tScore[0]);
    }

    private GoalView view(GoalSet goal, List<GoalVersionView> versions, GoalClosed closed, List<RatingView> ratings,
                          GoalProgressRated latest, AttainmentView attainment) {
        String name = catalogue.find(goal.interventionId()).map(KnownIntervention::name).orElse(null);
        GoalVersionView current = versions.get(versions.size() - 1);
        return new GoalView(goal.goalId(), goal.interventionId(), name, current.description(), current.targetDate(),
                GboOutcome.SCALE, goal.setByRole().code(), goal.setAt(), current.version(),
                current.version() == 1 ? null : current.since(), List.copyOf(versions.subList(0, versions.size() - 1)),
                closed == null ? ACTIVE : closed.closure().code(), closed == null ? null : closed.closedAt(),
                List.copyOf(ratings),
                ratings.isEmpty() ? null : ratings.get(0).rating(),
                latest == null ? null : latest.rating(),
                latest == null ? null : latest.changeFromFirst(),
                latest == null ? null : latest.changeClassification(), attainment);
    }

    private static AttainmentView attainmentView(AttainmentScaleDefined scale, List<AttainmentRatingView> ratings) {
        if (scale == null) {
            return null;
        }
        Map<String, String> levels = new LinkedHashMap<>();
        for (int level : GasScore.LEVELS) {
            levels.put(String.valueOf(level), scale.levelDescriptions().get(level));
        }
        return new AttainmentView(scale.weight(), scale.baselineLevel(), levels, List.copyOf(ratings),
                ratings.isEmpty() ? null : ratings.get(ratings.size() - 1).level());
    }
}
