package org.tend.catalogue.domain.plan;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.tend.catalogue.domain.SteppedCareLevel;

/**
 * The care plan of one participant (id = their pseudonymous id): the stepped-care level they are at and the
 * interventions they are doing. It begins at the level of their recommendations and changes only by adjustments
 * (each one a new plan episode, so outcomes can be read per episode); a review that continues the plan unchanged
 * is recorded too. Every rule is decided on this one state, so two practitioners adjusting at once cannot both stop
 * the same intervention.
 */
public class CarePlan {

    /** At most this many interventions at once: more is not a plan a person can follow. */
    public static final int MAX_ACTIVE_INTERVENTIONS = 5;
    public static final int MAX_NOTE_LENGTH = 1000;

    @AggregateIdentifier
    private String planId;
    private SteppedCareLevel level;
    private final Set<String> active = new LinkedHashSet<>();
    private final Set<String> adjustments = new HashSet<>();
    private final Set<String> reviews = new HashSet<>();
    private int episode;

    /**
     * The plan's aggregate id: not the bare pseudonym, which already names the participant's recommendations in the
     * same event store.
     */
    public static String idOf(String participantId) {
        return "care-plan:" + participantId;
    }

    protected CarePlan() {
        // created by its first adjustment or review, then rebuilt from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PlanAdjusted handle(AdjustPlan command) {
        if (adjustments.contains(command.adjustmentId())) {
            return null; // the same adjustment again: already applied
        }
        String note = note(command.note());
        SteppedCareLevel from = level != null ? level : startingLevel(command.recommendedLevel());
        if (from == null) {
            throw new PlanRejected(PlanRejected.Reason.NO_LEVEL, "The plan starts at the stepped-care level of the "
                    + "participant's recommendations, and none has been issued yet");
        }
        SteppedCareLevel to = from;
        Set<String> after = new LinkedHashSet<>(active);
        switch (command.change()) {
            case STEP_UP, STEP_DOWN -> {
                if (command.interventionId() != null || command.replacedInterventionId() != null) {
                    throw new PlanRejected(PlanRejected.Reason.NOT_A_STEP,
                            "A step up or down changes the level only: name no intervention");
                }
                to = step(from, command.change() == PlanChange.STEP_UP ? 1 : -1);
            }
            case ADD -> {
                String added = required(command.interventionId());
                if (active.contains(added)) {
                    throw new PlanRejected(PlanRejected.Reason.ALREADY_ACTIVE, "The intervention is already in the plan");
                }
                if (active.size() >= MAX_ACTIVE_INTERVENTIONS) {
                    throw new PlanRejected(PlanRejected.Reason.INTERVENTION_LIMIT,
                            "A plan has at most " + MAX_ACTIVE_INTERVENTIONS + " interventions at once");
                }
                after.add(added);
            }
            case SWITCH -> {
                String added = required(command.interventionId());
                if (command.replacedInterventionId() == null) {
                    throw new PlanRejected(PlanRejected.Reason.REPLACED_REQUIRED,
                            "A switch names the intervention it replaces");
                }
                if (!active.contains(command.replacedInterventionId())) {
                    throw new PlanRejected(PlanRejected.Reason.REPLACED_NOT_ACTIVE,
                            "The intervention to replace is not in the plan");
                }
                if (active.contains(added)) {
                    throw new PlanRejected(PlanRejected.Reason.ALREADY_ACTIVE, "The intervention is already in the plan");
                }
                after.remove(command.replacedInterventionId());
                after.add(added);
            }
            case STOP -> {
                String stopped = required(command.interventionId());
                if (!active.contains(stopped)) {
                    throw new PlanRejected(PlanRejected.Reason.NOT_ACTIVE, "The intervention is not in the plan");
                }
                after.remove(stopped);
            }
            default -> throw new IllegalStateException("unhandled change " + command.change());
        }
        PlanAdjusted adjusted = new PlanAdjusted(command.participantId(), command.adjustmentId(), episode + 1,
                command.change().code(), command.reason().code(), note, level == null ? null : level.code(),
                to.code(), command.interventionId(),
                command.change() == PlanChange.SWITCH ? command.replacedInterventionId() : null,
                new ArrayList<>(after), command.adjustedBy(), command.role().code(), command.adjustedAt());
        apply(adjusted);
        return adjusted;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PlanReviewed handle(ReviewPlan command) {
        if (reviews.contains(command.reviewId())) {
            return null; // the same review again: already recorded
        }
        PlanReviewed reviewed = new PlanReviewed(command.participantId(), command.reviewId(), episode,
                command.reason().code(), note(command.note()), command.reviewedBy(), command.reviewedAt());
        apply(reviewed);
        return reviewed;
    }

    @EventSourcingHandler
    void on(PlanAdjusted event) {
        planId = idOf(event.participantId());
        adjustments.add(event.adjustmentId());
        episode = event.episode();
        level = SteppedCareLevel.fromCode(event.level())
                .orElseThrow(() -> new IllegalStateException("unknown level in a stored event: " + event.level()));
        active.clear();
        active.addAll(event.interventions());
    }

    @EventSourcingHandler
    void on(PlanReviewed event) {
        planId = idOf(event.participantId());
        reviews.add(event.reviewId());
    }

    /** Where a plan without a level starts: its recommendations' level, if that is a step of care. */
    private static SteppedCareLevel startingLevel(SteppedCareLevel recommended) {
        return recommended == null || recommended == SteppedCareLevel.SAFETY ? null : recommended;
    }

    private static SteppedCareLevel step(SteppedCareLevel from, int by) {
        List<SteppedCareLevel> steps = SteppedCareLevel.stepsOfCare();
        int to = steps.indexOf(from) + by;
        if (to >= steps.size()) {
            throw new PlanRejected(PlanRejected.Reason.TOP_STEP, "The plan is at the highest step of care");
        }
        if (to < 0) {
            throw new PlanRejected(PlanRejected.Reason.BOTTOM_STEP, "The plan is at the lowest step of care");
        }
        return steps.get(to);
    }

    private static String required(String interventionId) {
        if (interventionId == null) {
            throw new PlanRejected(PlanRejected.Reason.INTERVENTION_REQUIRED, "Name the intervention");
        }
        return interventionId;
    }

    /** The note as kept: trimmed, {@code null} when blank. */
    private static String note(String note) {
        String text = note == null ? "" : note.strip();
        if (text.length() > MAX_NOTE_LENGTH) {
            throw new PlanRejected(PlanRejected.Reason.NOTE_TOO_LONG,
                    "A note has at most " + MAX_NOTE_LENGTH + " characters");
        }
        return text.isEmpty() ? null : text;
    }
}
