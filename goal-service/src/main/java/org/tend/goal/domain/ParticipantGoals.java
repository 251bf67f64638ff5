package org.tend.goal.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The goals of one participant (id = their pseudonymous id). One aggregate per participant, not per goal, so that
 * "up to 3 goals" (GBO) is decided on one consistent state: two requests racing for a 4th goal cannot both win.
 * It keeps only what its rules need; the goals' wording lives in the events it applies.
 */
@Aggregate
public class ParticipantGoals {

    /** GBO: up to 3 goals are agreed with the service user (Law &amp; Jacob 2015). */
    public static final int MAX_ACTIVE_GOALS = 3;
    public static final int MAX_DESCRIPTION_LENGTH = 500;

    @AggregateIdentifier
    private String participantId;
    private final Set<String> activeGoals = new LinkedHashSet<>();

    protected ParticipantGoals() {
        // for Axon: created on a participant's first goal, then rebuilt from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetGoal command) {
        String description = command.description() == null ? "" : command.description().strip();
        if (description.isEmpty()) {
            throw new GoalRejected(GoalRejected.Reason.DESCRIPTION_REQUIRED, "A goal needs a description");
        }
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new GoalRejected(GoalRejected.Reason.DESCRIPTION_TOO_LONG,
                    "A goal's description has at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        if (command.targetDate() != null && command.targetDate().isBefore(earliestTargetDate(command))) {
            throw new GoalRejected(GoalRejected.Reason.TARGET_DATE_IN_PAST, "The target date is in the past");
        }
        if (activeGoals.contains(command.goalId())) {
            throw new GoalRejected(GoalRejected.Reason.DUPLICATE_GOAL, "This goal has already been set");
        }
        if (activeGoals.size() >= MAX_ACTIVE_GOALS) {
            throw new GoalRejected(GoalRejected.Reason.GOAL_LIMIT_REACHED,
                    "A participant has at most " + MAX_ACTIVE_GOALS + " active goals");
        }
        apply(new GoalSet(command.participantId(), command.goalId(), command.interventionId(), description,
                command.targetDate(), command.setByRole(), command.setAt()));
    }

    @CommandHandler
    public void handle(RateGoalProgress command) {
        if (!activeGoals.contains(command.goalId())) {
            throw new GoalRejected(GoalRejected.Reason.UNKNOWN_GOAL, "No such goal");
        }
        if (!GboOutcome.isValidRating(command.rating())) {
            throw new GoalRejected(GoalRejected.Reason.RATING_OUT_OF_RANGE,
                    "A rating is a whole number from " + GboOutcome.MIN_RATING + " to " + GboOutcome.MAX_RATING);
        }
        apply(new GoalProgressRated(participantId, command.goalId(), command.rating(), command.ratedByRole(),
                command.ratedAt()));
    }

    @EventSourcingHandler
    void on(GoalSet event) {
        participantId = event.participantId();
        activeGoals.add(event.goalId());
    }

    /** One day of grace: "today" for a participant west of UTC can still be yesterday in UTC. */
    private static LocalDate earliestTargetDate(SetGoal command) {
        return command.setAt().atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1);
    }
}
