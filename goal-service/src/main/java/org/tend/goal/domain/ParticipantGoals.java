package org.tend.goal.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The goals of one participant (id = their pseudonymous id). One aggregate per participant, not per goal, so that
 * the limit on active goals (their programme's {@code maxActiveGoals}, 3 by default as in GBO, up to 5 for GAS
 * programmes) is decided on one consistent state: two requests racing for the last free place cannot both win.
 * A goal lives in versions (a revision is a new wording or target date; the earlier ones are kept in the events) and
 * ends achieved or as no longer relevant: then it no longer counts as active, takes no more ratings and no revision.
 * A goal may also carry a Goal Attainment Scaling scale ({@link GasScore}): it can be redefined until the goal's
 * first attainment rating, after which the ratings would no longer mean what the scale says. Each rating is recorded
 * with the outcome it makes (the GBO change, the participant's GAS T-score), computed here once for every reader;
 * the T-score covers every goal rated on its scale, a closed one at its latest level.
 */
public class ParticipantGoals {

    public static final int MAX_DESCRIPTION_LENGTH = 500;
    public static final int MAX_LEVEL_DESCRIPTION_LENGTH = 300;

    @AggregateIdentifier
    private String participantId;
    /** Every goal's current version (closed goals included), to tell a revision from a retried one. */
    private final Map<String, GoalVersion> goals = new LinkedHashMap<>();
    private final Set<String> activeGoals = new LinkedHashSet<>();
    /** How each closed goal ended. */
    private final Map<String, GoalClosure> closures = new HashMap<>();
    /** Each goal's first GBO rating: its outcome is measured from there. */
    private final Map<String, Integer> firstRatings = new HashMap<>();
    /** The weight of each goal that has a GAS scale. */
    private final Map<String, Integer> scaleWeights = new HashMap<>();
    /** The latest attainment level of each goal rated on its scale, closed goals included. */
    private final Map<String, Integer> attainedLevels = new LinkedHashMap<>();

    private record GoalVersion(int version, String description, LocalDate targetDate) {
    }

    protected ParticipantGoals() {
        // for Axon: created on a participant's first goal, then rebuilt from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetGoal command) {
        String description = checkedDescription(command.description());
        checkTargetDate(command.targetDate(), command.setAt());
        if (goals.containsKey(command.goalId())) {
            throw new GoalRejected(GoalRejected.Reason.DUPLICATE_GOAL, "This goal has already been set");
        }
        if (activeGoals.size() >= command.maxActiveGoals()) {
            throw new GoalRejected(GoalRejected.Reason.GOAL_LIMIT_REACHED, "A participant of this programme has at most "
                    + command.maxActiveGoals() + " active goals: close one that is achieved or no longer relevant");
        }
        apply(new GoalSet(command.participantId(), command.goalId(), command.interventionId(), description,
                command.targetDate(), command.setByRole(), command.setAt()));
    }

    /** A new version of an active goal; the same wording and target date again change nothing (a retried request). */
    @CommandHandler
    public void handle(ReviseGoal command) {
        GoalVersion current = requireActive(command.goalId());
        String description = checkedDescription(command.description());
        checkTargetDate(command.targetDate(), command.revisedAt());
        if (Objects.equals(current.description(), description)
                && Objects.equals(current.targetDate(), command.targetDate())) {
            return;
        }
        apply(new GoalRevised(participantId, command.goalId(), current.version() + 1, description,
                command.targetDate(), command.revisedByRole(), command.revisedAt()));
    }

    /** Ends a goal; closing it again the same way changes nothing, another way is 409 {@code goal-closed}. */
    @CommandHandler
    public void handle(CloseGoal command) {
        if (!goals.containsKey(command.goalId())) {
            throw new GoalRejected(GoalRejected.Reason.UNKNOWN_GOAL, "No such goal");
        }
        GoalClosure closed = closures.get(command.goalId());
        if (closed == command.closure()) {
            return;
        }
        requireActive(command.goalId());
        apply(new GoalClosed(participantId, command.goalId(), command.closure(), command.closedByRole(),
                command.closedAt()));
    }

    @CommandHandler
    public void handle(RateGoalProgress command, GoalScales scales) {
        requireActive(command.goalId());
        if (!GboOutcome.isValidRating(command.rating())) {
            throw new GoalRejected(GoalRejected.Reason.RATING_OUT_OF_RANGE,
                    "A rating is a whole number from " + GboOutcome.MIN_RATING + " to " + GboOutcome.MAX_RATING);
        }
        Integer first = firstRatings.get(command.goalId());
        Integer change = first == null ? null : GboOutcome.change(first, command.rating());
        apply(new GoalProgressRated(participantId, command.goalId(), command.rating(), command.ratedByRole(),
                command.ratedAt(), change, change == null ? null : scales.classifyGboChange(change).orElse(null)));
    }

    @CommandHandler
    public void handle(DefineAttainmentScale command) {
        requireActive(command.goalId());
        int weight = command.weight() == null ? GasScore.DEFAULT_WEIGHT : command.weight();
        if (!GasScore.isWeight(weight)) {
            throw new GoalRejected(GoalRejected.Reason.WEIGHT_OUT_OF_RANGE,
                    "A goal's weight is a whole number from " + GasScore.MIN_WEIGHT + " to " + GasScore.MAX_WEIGHT);
        }
        if (!GasScore.isBaselineLevel(command.baselineLevel())) {
            throw new GoalRejected(GoalRejected.Reason.BASELINE_OUT_OF_RANGE,
                    "The baseline is -1, or -2 when things cannot get worse");
        }
        Map<Integer, String> levels = levelDescriptions(command.levelDescriptions());
        if (attainedLevels.containsKey(command.goalId())) {
            throw new GoalRejected(GoalRejected.Reason.SCALE_IN_USE,
                    "The goal's attainment has been rated on its scale, which can no longer change");
        }
        apply(new AttainmentScaleDefined(participantId, command.goalId(), weight, command.baselineLevel(), levels,
                command.definedByRole(), command.definedAt()));
    }

    @CommandHandler
    public void handle(RateGoalAttainment command, GoalScales scales) {
        requireActive(command.goalId());
        if (!GasScore.isLevel(command.level())) {
            throw new GoalRejected(GoalRejected.Reason.LEVEL_OUT_OF_RANGE,
                    "An attainment level is a whole number from " + GasScore.MIN_LEVEL + " to " + GasScore.MAX_LEVEL);
        }
        if (!scaleWeights.containsKey(command.goalId())) {
            throw new GoalRejected(GoalRejected.Reason.NO_ATTAINMENT_SCALE,
                    "The goal has no attainment scale to rate on");
        }
        Map<String, Integer> levels = new LinkedHashMap<>(attainedLevels);
        levels.put(command.goalId(), command.level());
        List<GasScore.WeightedLevel> rated = levels.entrySet().stream()
                .map(goal -> new GasScore.WeightedLevel(scaleWeights.get(goal.getKey()), goal.getValue())).toList();
        apply(new GoalAttainmentRated(participantId, command.goalId(), command.level(), command.ratedByRole(),
                command.ratedAt(), GasScore.oneDecimal(scales.gas().tScore(rated))));
    }

    @EventSourcingHandler
    void on(GoalSet event) {
        participantId = event.participantId();
        goals.put(event.goalId(), new GoalVersion(1, event.description(), event.targetDate()));
        activeGoals.add(event.goalId());
    }

    @EventSourcingHandler
    void on(GoalRevised event) {
        goals.put(event.goalId(), new GoalVersion(event.version(), event.description(), event.targetDate()));
    }

    @EventSourcingHandler
    void on(GoalClosed event) {
        activeGoals.remove(event.goalId());
        closures.put(event.goalId(), event.closure());
    }

    @EventSourcingHandler
    void on(GoalProgressRated event) {
        firstRatings.putIfAbsent(event.goalId(), event.rating());
    }

    @EventSourcingHandler
    void on(AttainmentScaleDefined event) {
        scaleWeights.put(event.goalId(), event.weight());
    }

    @EventSourcingHandler
    void on(GoalAttainmentRated event) {
        attainedLevels.put(event.goalId(), event.level());
    }

    /** All five levels described, 1–300 characters each after trimming, and no other level; lowest first. */
    private static Map<Integer, String> levelDescriptions(Map<Integer, String> given) {
        Map<Integer, String> levels = given == null ? Map.of() : given;
        Map<Integer, String> trimmed = new TreeMap<>();
        for (int level : GasScore.LEVELS) {
            String text = levels.get(level) == null ? "" : levels.get(level).strip();
            if (text.isEmpty()) {
                throw new GoalRejected(GoalRejected.Reason.LEVEL_DESCRIPTION_REQUIRED, levelField(level),
                        "Each of the five levels -2, -1, 0, 1, 2 needs a description");
            }
            if (text.length() > MAX_LEVEL_DESCRIPTION_LENGTH) {
                throw new GoalRejected(GoalRejected.Reason.LEVEL_DESCRIPTION_TOO_LONG, levelField(level),
                        "A level's description has at most " + MAX_LEVEL_DESCRIPTION_LENGTH + " characters");
            }
            trimmed.put(level, text);
        }
        levels.keySet().stream().filter(level -> level == null || !trimmed.containsKey(level))
                .min(Comparator.nullsFirst(Comparator.naturalOrder()))
                .ifPresent(level -> {
                    throw new GoalRejected(GoalRejected.Reason.UNKNOWN_LEVEL, "levels." + level,
                            "GAS has the levels -2, -1, 0, 1 and 2 only");
                });
        return Collections.unmodifiableMap(trimmed);
    }

    /** The field of one level as the request names it: {@code levels.-2} … {@code levels.2}. */
    public static String levelField(int level) {
        return "levels." + level;
    }

    /** The goal as it is now: 404 {@code goalId} when the participant has no such goal, 409 {@code goal-closed}. */
    private GoalVersion requireActive(String goalId) {
        GoalVersion goal = goals.get(goalId);
        if (goal == null) {
            throw new GoalRejected(GoalRejected.Reason.UNKNOWN_GOAL, "No such goal");
        }
        if (closures.containsKey(goalId)) {
            throw new GoalRejected(GoalRejected.Reason.GOAL_CLOSED, "The goal was "
                    + (closures.get(goalId) == GoalClosure.ACHIEVED ? "achieved" : "closed as no longer relevant")
                    + ": it takes no more ratings or revisions");
        }
        return goal;
    }

    /** A goal's wording, trimmed: 1–500 characters. */
    private static String checkedDescription(String given) {
        String description = given == null ? "" : given.strip();
        if (description.isEmpty()) {
            throw new GoalRejected(GoalRejected.Reason.DESCRIPTION_REQUIRED, "A goal needs a description");
        }
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new GoalRejected(GoalRejected.Reason.DESCRIPTION_TOO_LONG,
                    "A goal's description has at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        return description;
    }

    /** Not in the past, with one day of grace: "today" for a participant west of UTC can still be yesterday in UTC. */
    private static void checkTargetDate(LocalDate targetDate, Instant at) {
        if (targetDate != null && targetDate.isBefore(at.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1))) {
            throw new GoalRejected(GoalRejected.Reason.TARGET_DATE_IN_PAST, "The target date is in the past");
        }
    }
}
