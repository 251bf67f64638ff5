package org.tend.catalogue.web;

import jakarta.validation.Valid;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tend.catalogue.domain.SteppedCareLevel;
import org.tend.catalogue.domain.plan.AdjustPlan;
import org.tend.catalogue.domain.plan.CarePlan;
import org.tend.catalogue.domain.plan.PlanAdjusted;
import org.tend.catalogue.domain.plan.PlanChange;
import org.tend.catalogue.domain.plan.PlanHistory;
import org.tend.catalogue.domain.plan.PlanReason;
import org.tend.catalogue.domain.plan.PlanReviewed;
import org.tend.catalogue.domain.plan.PlanRole;
import org.tend.catalogue.domain.plan.ReviewPlan;
import org.tend.catalogue.domain.recommendation.CatalogueRecommender;
import org.tend.catalogue.domain.recommendation.RecommendationsIssued;
import org.tend.catalogue.query.CarePlanViews;
import org.tend.catalogue.query.CarePlanViews.StoredPlan;
import org.tend.catalogue.query.InterventionDirectory;
import org.tend.catalogue.query.InterventionView;
import org.tend.catalogue.query.RecommendationViews;
import org.tend.catalogue.query.RecommendationViews.ParticipantView;
import org.tend.plumbing.axon.Commands;
import org.tend.plumbing.caseload.CaseloadDirectory;
import org.tend.plumbing.programme.ProgrammeSettings;
import org.tend.plumbing.programme.ProgrammeSettingsDirectory;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.security.RequiresRole;
import org.tend.plumbing.web.BadRequestException;
import org.tend.plumbing.web.ConflictException;
import org.tend.plumbing.web.InvalidInputException;
import org.tend.plumbing.web.NotFoundException;
import org.tend.plumbing.web.UnknownReferenceException;
import org.tend.security.Role;

/**
 * Care plans: the practitioner of a participant's programme adjusts the plan (step up or down; add, switch or stop an
 * intervention) or reviews it and continues it, each with a coded reason; the participant sees their own plan and may
 * take up one of their recommendations. catalogue-service owns the plan because it owns choosing interventions: the
 * catalogue, the stepped-care levels and the recommendations a plan starts from are all here, so every rule of a plan
 * is checked against the data it is about, in one service.
 */
@RestController
@RequestMapping("/api/care-plans")
public class CarePlanController {

    private final Commands commands;
    private final CarePlanViews plans;
    private final RecommendationViews recommendations;
    private final InterventionDirectory directory;
    private final CaseloadDirectory caseloads;
    private final CatalogueRecommender recommender;
    private final ProgrammeSettingsDirectory programmeSettings;

    public CarePlanController(Commands commands, CarePlanViews plans, RecommendationViews recommendations,
                              InterventionDirectory directory, CaseloadDirectory caseloads,
                              CatalogueRecommender recommender, ProgrammeSettingsDirectory programmeSettings) {
        this.programmeSettings = programmeSettings;
        this.commands = commands;
        this.plans = plans;
        this.recommendations = recommendations;
        this.directory = directory;
        this.caseloads = caseloads;
        this.recommender = recommender;
    }

    @RequiresRole(Role.PARTICIPANT)
    @GetMapping("/me")
    public CarePlanResponse mine(Caller caller) {
        return planOf(caller.pseudonym(), false);
    }

    @RequiresRole(Role.PRACTITIONER)
    @GetMapping
    public CarePlanResponse ofParticipant(Caller caller, @RequestParam(required = false) String participantId) {
        caseloads.require(caller, BadRequestException.requirePseudonym("participantId", participantId));
        return planOf(participantId, true);
    }

    @RequiresRole(Role.PRACTITIONER)
    @PostMapping("/{participantId}/adjustments")
    @ResponseStatus(HttpStatus.CREATED)
    public CarePlanResponse.Adjustment adjust(Caller caller, @PathVariable String participantId,
                                              @Valid @RequestBody CarePlanRequests.Adjust request) {
        String participant = actFor(caller, participantId);
        PlanChange change = code("change", request.change(), PlanChange::fromCode, PlanChange.values(), PlanChange::code);
        PlanReason reason = code("reason", request.reason(), PlanReason::fromCode, PlanReason.values(), PlanReason::code);
        requirePublished("interventionId", request.interventionId());
        requirePublished("replacedInterventionId", request.replacedInterventionId());
        return send(new AdjustPlan(CarePlan.idOf(participant), participant, UUID.randomUUID().toString(), change,
                request.interventionId(), request.replacedInterventionId(), reason, request.note(),
                recommendedLevel(participant), caller.pseudonym(), PlanRole.PRACTITIONER, commands.now()));
    }

    @RequiresRole(Role.PRACTITIONER)
    @PostMapping("/{participantId}/reviews")
    @ResponseStatus(HttpStatus.CREATED)
    public CarePlanResponse.Review review(Caller caller, @PathVariable String participantId,
                                          @Valid @RequestBody CarePlanRequests.Review request) {
        String participant = actFor(caller, participantId);
        if (!PlanReviewed.DECISION.equals(request.decision())) {
            throw new InvalidInputException("decision", "enum", "A review continues the plan ('continue'); "
                    + "to change it, adjust it");
        }
        PlanReason reason = code("reason", request.reason(), PlanReason::fromCode, PlanReason.values(), PlanReason::code);
        PlanReviewed reviewed = commands.send(new ReviewPlan(CarePlan.idOf(participant), participant,
                UUID.randomUUID().toString(), reason, request.note(), caller.pseudonym(), commands.now()),
                "participantId");
        return review(reviewed, true);
    }

    /** The participant takes up one of the interventions recommended to them now. */
    @RequiresRole(Role.PARTICIPANT)
    @PostMapping("/me/interventions")
    @ResponseStatus(HttpStatus.CREATED)
    public CarePlanResponse.Adjustment takeUp(Caller caller, @Valid @RequestBody CarePlanRequests.TakeUp request) {
        String participant = caller.pseudonym();
        requireEnrolledWithConsent(participant);
        Optional<ParticipantView> view = recommendations.find(participant);
        if (view.isPresent() && view.get().heldSince() != null) {
            throw new ConflictException("participantId", "care-hold", "While a practitioner reviews your answers, "
                    + "your plan is agreed with them");
        }
        boolean recommended = view.map(ParticipantView::latest).map(RecommendationsIssued::recommendations)
                .orElse(List.of()).stream().anyMatch(r -> r.interventionId().equals(request.interventionId()));
        if (!recommended) {
            throw new InvalidInputException("interventionId", "not-recommended",
                    "Only an intervention recommended to you now can be taken up; your practitioner can add others");
        }
        return send(new AdjustPlan(CarePlan.idOf(participant), participant, UUID.randomUUID().toString(),
                PlanChange.ADD, request.interventionId(), null, PlanReason.PARTICIPANT_PREFERENCE, null,
                recommendedLevel(participant), participant, PlanRole.PARTICIPANT, commands.now()));
    }

    /** Sends the adjustment and answers with it as the plan recorded it (the views follow shortly). */
    private CarePlanResponse.Adjustment send(AdjustPlan command) {
        PlanAdjusted adjusted = commands.send(command, "participantId");
        return adjustment(adjusted, command.role() == PlanRole.PRACTITIONER);
    }

    private static CarePlanResponse.Adjustment adjustment(PlanAdjusted a, boolean withNotes) {
        return new CarePlanResponse.Adjustment(a.adjustmentId(), a.episode(), a.change(), a.reason(),
                withNotes ? a.note() : null, a.previousLevel(), a.level(), a.interventionId(),
                a.replacedInterventionId(), a.interventions(), a.role(), a.adjustedAt());
    }

    private static CarePlanResponse.Review review(PlanReviewed r, boolean withNotes) {
        return new CarePlanResponse.Review(r.reviewId(), r.episode(), PlanReviewed.DECISION, r.reason(),
                withNotes ? r.note() : null, r.reviewedAt());
    }

    private String actFor(Caller caller, String participantId) {
        caseloads.require(caller, BadRequestException.requirePseudonym("participantId", participantId));
        requireEnrolledWithConsent(participantId);
        return participantId;
    }

    private void requireEnrolledWithConsent(String participantId) {
        if (caseloads.isErased(participantId)) {
            throw new NotFoundException("participantId", "This participant was erased");
        }
        caseloads.requireEnrolled(participantId, "Only a participant enrolled in a programme has a care plan");
    }

    private void requirePublished(String field, String interventionId) {
        if (interventionId != null && directory.find(interventionId).isEmpty()) {
            throw new UnknownReferenceException(field, "No intervention '" + interventionId
                    + "' has been published in the catalogue");
        }
    }

    /** The level of the participant's latest recommendations, where a plan without a level starts. */
    private SteppedCareLevel recommendedLevel(String participantId) {
        return recommendations.find(participantId).map(ParticipantView::latest)
                .flatMap(latest -> SteppedCareLevel.fromCode(latest.level())).orElse(null);
    }

    private CarePlanResponse planOf(String participantId, boolean withNotes) {
        if (caseloads.isErased(participantId)) {
            throw new NotFoundException("participantId", "This participant was erased");
        }
        Optional<StoredPlan> stored = plans.find(participantId);
        String level = stored.map(StoredPlan::level).orElseGet(() -> Optional.ofNullable(
                recommendedLevel(participantId)).filter(l -> l != SteppedCareLevel.SAFETY)
                .map(SteppedCareLevel::code).orElse(null));
        List<PlanHistory.Span> spans = stored.map(p -> PlanHistory.spans(p.adjustments())).orElse(List.of());
        Map<String, InterventionView> names = directory.findAll(spans.stream().map(PlanHistory.Span::interventionId)
                .distinct().toList());
        return new CarePlanResponse(participantId,
                level == null ? null : new CarePlanResponse.Level(level, recommender.levelLabel(level)),
                stored.map(StoredPlan::episode).orElse(0),
                spans.stream().map(s -> new CarePlanResponse.Intervention(s.interventionId(),
                        Optional.ofNullable(names.get(s.interventionId())).map(InterventionView::name)
                                .orElse(s.interventionId()),
                        s.active() ? "active" : "ended", s.episode(), s.startedAt(), s.endedAt(), s.endReason()))
                        .toList(),
                stored.map(StoredPlan::adjustments).orElse(List.of()).stream()
                        .map(a -> adjustment(a, withNotes)).toList(),
                stored.map(StoredPlan::reviews).orElse(List.of()).stream()
                        .map(r -> review(r, withNotes)).toList(),
                schedule(participantId));
    }

    /** The schedule of the participant's programme (the first they enrolled in), as its settings were published. */
    private CarePlanResponse.Schedule schedule(String participantId) {
        String programmeId = caseloads.programmesOf(participantId).stream().findFirst().orElse(null);
        ProgrammeSettings settings = programmeId == null ? ProgrammeSettings.defaults("none")
                : programmeSettings.settingsOf(programmeId);
        return new CarePlanResponse.Schedule(settings.scheduleVersion(), settings.reviewPeriod().toString(),
                settings.schedule().stream().map(item -> new CarePlanResponse.ScheduleItem(item.measure(),
                        item.every().toString(), item.applies().code())).toList());
    }

    /** The value the code names; 422 naming the field and every code otherwise. */
    private static <E> E code(String field, String value, java.util.function.Function<String, Optional<E>> parse,
                              E[] values, java.util.function.Function<E, String> code) {
        return parse.apply(value).orElseThrow(() -> new InvalidInputException(field, "enum", "'" + value
                + "' is not one of " + Arrays.stream(values).map(code).toList()));
    }

}
