package org.tend.goal.web;

import org.tend.plumbing.web.BadRequestException;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tend.goal.domain.CloseGoal;
import org.tend.goal.domain.DefineAttainmentScale;
import org.tend.goal.domain.GasScore;
import org.tend.goal.domain.GboOutcome;
import org.tend.goal.domain.GoalClosure;
import org.tend.goal.domain.RateGoalAttainment;
import org.tend.goal.domain.RateGoalProgress;
import org.tend.goal.domain.ReviseGoal;
import org.tend.goal.domain.SetGoal;
import org.tend.goal.query.GoalDirectory;
import org.tend.goal.query.GoalLimits;
import org.tend.goal.query.GoalViews;
import org.tend.goal.query.GoalViews.GoalView;
import org.tend.goal.query.GoalViews.ParticipantGoalsView;
import org.tend.goal.query.InterventionCatalogue;
import org.tend.goal.web.GoalResponses.AttainmentRatingRecorded;
import org.tend.goal.web.GoalResponses.AttainmentScaleSet;
import org.tend.goal.web.GoalResponses.GoalCreated;
import org.tend.goal.web.GoalResponses.RatingRecorded;
import org.tend.plumbing.axon.Commands;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.security.RequiresRole;
import org.tend.security.Role;
import org.tend.plumbing.web.InvalidInputException;
import org.tend.plumbing.web.NotFoundException;
import org.tend.plumbing.web.UnknownReferenceException;

/**
 * Goals, their GBO progress ratings and, optionally, their Goal Attainment Scaling scales and ratings. Participants
 * and practitioners only: HR and admin see no individual goals.
 */
@RestController
@RequestMapping("/api/goals")
class GoalController {

    private final Commands commands;
    private final GoalAccess access;
    private final InterventionCatalogue catalogue;
    private final GoalDirectory directory;
    private final GoalViews views;
    private final GoalLimits limits;

    GoalController(Commands commands, GoalAccess access, InterventionCatalogue catalogue, GoalDirectory directory,
                   GoalViews views, GoalLimits limits) {
        this.limits = limits;
        this.commands = commands;
        this.access = access;
        this.catalogue = catalogue;
        this.directory = directory;
        this.views = views;
    }

    @RequiresRole({Role.PARTICIPANT, Role.PRACTITIONER})
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    GoalCreated setGoal(@Valid @RequestBody SetGoalRequest request, Caller caller) {
        GoalAccess.Acting acting = access.forNewGoal(caller, request.participantId());
        if (catalogue.find(request.interventionId()).isEmpty()) {
            throw new UnknownReferenceException("interventionId", "No intervention '" + request.interventionId()
                    + "' has been published in the catalogue");
        }
        SetGoal command = new SetGoal(acting.participantId(), UUID.randomUUID().toString(), request.interventionId(),
                request.description(), request.targetDate(), acting.role(), now(),
                limits.maxActiveGoals(acting.participantId()));
        commands.send(command, "participantId");
        return new GoalCreated(command.goalId(), command.participantId(), command.interventionId(),
                command.description().strip(), command.targetDate(), GboOutcome.SCALE, command.setByRole().code(),
                command.setAt());
    }

    /**
     * A new version of the goal (its wording and target date from now on; the earlier ones stay in the goal's view);
     * answers the goal as it now is. The same wording and date again change nothing.
     * 422 as for setting a goal; 409 {@code goalId}/{@code goal-closed} once the goal has ended; 404 for no such goal.
     */
    @RequiresRole({Role.PARTICIPANT, Role.PRACTITIONER})
    @PutMapping("/{goalId}")
    GoalView revise(@PathVariable UUID goalId, @Valid @RequestBody ReviseGoalRequest request,
                               Caller caller) {
        String id = goalId.toString();
        GoalAccess.Acting acting = access.forNewData(caller, ownerOf(caller, id));
        ReviseGoal command = new ReviseGoal(acting.participantId(), id, request.description(), request.targetDate(),
                acting.role(), now());
        commands.send(command, "goalId");
        return goal(acting.participantId(), id);
    }

    /**
     * Ends the goal: {@code achieved} or {@code no-longer-relevant} (else 422 {@code closure}/{@code unknown}). It no
     * longer counts towards the active goals and takes no more ratings (409 {@code goal-closed}); closing it again the
     * same way changes nothing. Answers the goal as it now is.
     */
    @RequiresRole({Role.PARTICIPANT, Role.PRACTITIONER})
    @PostMapping("/{goalId}/closure")
    GoalView close(@PathVariable UUID goalId, @Valid @RequestBody CloseGoalRequest request,
                             Caller caller) {
        GoalClosure closure = GoalClosure.ofCode(request.closure()).orElseThrow(() -> new InvalidInputException(
                "closure", "unknown", "closure must be 'achieved' or 'no-longer-relevant'"));
        String id = goalId.toString();
        GoalAccess.Acting acting = access.forNewData(caller, ownerOf(caller, id));
        commands.send(new CloseGoal(acting.participantId(), id, closure, acting.role(), now()), "goalId");
        return goal(acting.participantId(), id);
    }

    /** The goal as it is now: what the aggregate decided, read from the participant's own stream. */
    private GoalView goal(String participantId, String goalId) {
        return views.goalsOf(participantId).goals().stream().filter(g -> g.goalId().equals(goalId)).findFirst()
                .orElseThrow(() -> new NotFoundException("goalId", "No such goal"));
    }

    @RequiresRole({Role.PARTICIPANT, Role.PRACTITIONER})
    @PostMapping("/{goalId}/ratings")
    @ResponseStatus(HttpStatus.CREATED)
    RatingRecorded rate(@PathVariable UUID goalId, @Valid @RequestBody RateGoalRequest request, Caller caller) {
        String id = goalId.toString();
        GoalAccess.Acting acting = access.forNewData(caller, ownerOf(caller, id));
        RateGoalProgress command = new RateGoalProgress(acting.participantId(), id, request.rating(), acting.role(),
                now());
        commands.send(command, "goalId");
        return new RatingRecorded(id, command.participantId(), command.rating(), command.ratedByRole().code(),
                command.ratedAt());
    }

    /** Defines (or, before the first attainment rating, replaces) the goal's GAS scale. */
    @RequiresRole({Role.PARTICIPANT, Role.PRACTITIONER})
    @PutMapping("/{goalId}/attainment-scale")
    AttainmentScaleSet defineAttainmentScale(@PathVariable UUID goalId,
                                             @Valid @RequestBody DefineAttainmentScaleRequest request,
                                             Caller caller) {
        Map<Integer, String> levels = AttainmentLevels.parse(request.levels());
        String id = goalId.toString();
        GoalAccess.Acting acting = access.forNewData(caller, ownerOf(caller, id));
        int weight = request.weight() == null ? GasScore.DEFAULT_WEIGHT : request.weight();
        DefineAttainmentScale command = new DefineAttainmentScale(acting.participantId(), id, weight,
                request.baselineLevel(), levels, acting.role(), now());
        commands.send(command, "goalId");
        return new AttainmentScaleSet(id, command.participantId(), weight, command.baselineLevel(),
                AttainmentLevels.keyedAsJson(levels), command.definedByRole().code(), command.definedAt());
    }

    @RequiresRole({Role.PARTICIPANT, Role.PRACTITIONER})
    @PostMapping("/{goalId}/attainment-ratings")
    @ResponseStatus(HttpStatus.CREATED)
    AttainmentRatingRecorded rateAttainment(@PathVariable UUID goalId,
                                            @Valid @RequestBody RateAttainmentRequest request, Caller caller) {
        String id = goalId.toString();
        GoalAccess.Acting acting = access.forNewData(caller, ownerOf(caller, id));
        RateGoalAttainment command = new RateGoalAttainment(acting.participantId(), id, request.level(),
                acting.role(), now());
        commands.send(command, "goalId");
        return new AttainmentRatingRecorded(id, command.participantId(), command.level(),
                command.ratedByRole().code(), command.ratedAt());
    }

    @RequiresRole(Role.PARTICIPANT)
    @GetMapping("/me")
    ParticipantGoalsView mine(Caller caller) {
        return views.goalsOf(caller.pseudonym());
    }

    @RequiresRole(Role.PRACTITIONER)
    @GetMapping
    ParticipantGoalsView ofParticipant(@RequestParam(required = false) String participantId, Caller caller) {
        access.forParticipant(caller, BadRequestException.requirePseudonym("participantId", participantId));
        return views.goalsOf(participantId);
    }

    /**
     * A participant's goals are their own aggregate, so a participant rates in it directly (a goal that is not theirs
     * is unknown there). A practitioner knows only the goal id: the goal directory says whose it is.
     */
    private String ownerOf(Caller caller, String goalId) {
        if (caller.has(Role.PRACTITIONER)) {
            var owner = directory.ownerOf(goalId);
            if (owner.isPresent()) {
                return owner.get();
            }
        }
        if (caller.has(Role.PARTICIPANT)) {
            return caller.pseudonym();
        }
        throw new NotFoundException("goalId", "No such goal");
    }

    private Instant now() {
        return commands.now();
    }
}
