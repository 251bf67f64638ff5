package org.tend.goal.fhir;

import org.tend.goal.domain.GoalClosure;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.tend.fhir.FhirBase;
import org.tend.fhir.FhirRecords;
import org.tend.goal.query.GoalViews;

/**
 * goal-service's part of a participant's record: a {@code Goal} per goal (the participant's own words, the GBO target
 * and, where it has one, the GAS target with the wording of each level; the achievement status read off the latest
 * ratings), an {@code Observation} per rating with the goal as its focus, and one {@code CarePlan} whose activities
 * are the catalogue interventions the goals were set on, each pointing at the catalogue entry's
 * {@code ActivityDefinition}.
 */
public final class GoalRecords {

    public static final String GOAL_SYSTEM = "urn:tend:goal";
    static final String ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement";
    static final String SURVEY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String GBO = "gbo-0-10";
    static final String GAS = "gas-level";

    private final FhirBase base;

    public GoalRecords(FhirBase base) {
        this.base = base;
    }

    /**
     * @param consentWithdrawn whether the participant's consent stands withdrawn: the plan is then on hold (it may
     *                         resume when they consent again)
     */
    public List<Resource> of(GoalViews.ParticipantGoalsView view, boolean consentWithdrawn) {
        List<Resource> resources = new ArrayList<>();
        Map<String, List<GoalViews.GoalView>> byIntervention = new LinkedHashMap<>();
        for (GoalViews.GoalView goal : view.goals()) {
            resources.add(goal(view.participantId(), goal));
            for (GoalViews.RatingView rating : goal.ratings()) {
                resources.add(rating(view.participantId(), goal, GBO, rating.rating(), rating.ratedAt()));
            }
            if (goal.attainment() != null) {
                for (GoalViews.AttainmentRatingView rating : goal.attainment().ratings()) {
                    resources.add(rating(view.participantId(), goal, GAS, rating.level(), rating.ratedAt()));
                }
            }
            if (goal.interventionId() != null) {
                byIntervention.computeIfAbsent(goal.interventionId(), k -> new ArrayList<>()).add(goal);
            }
        }
        if (!view.goals().isEmpty()) {
            resources.add(plan(view.participantId(), view.goals(), byIntervention, consentWithdrawn));
        }
        return resources;
    }

    private Goal goal(String participantId, GoalViews.GoalView g) {
        Goal goal = new Goal();
        goal.setId(FhirRecords.id("goal", g.goalId()));
        goal.addIdentifier().setSystem(GOAL_SYSTEM).setValue(g.goalId());
        goal.setLifecycleStatus(lifecycle(g));
        if (g.closedAt() != null) {
            goal.setStatusDate(java.util.Date.from(g.closedAt()));
        }
        String achievement = achievement(g);
        goal.setAchievementStatus(new CodeableConcept(new Coding(ACHIEVEMENT, achievement, null)));
        goal.setDescription(new CodeableConcept().setText(g.description()));
        goal.setSubject(FhirRecords.participant(participantId));
        if (g.setAt() != null) {
            goal.setStart(new DateType(g.setAt().atOffset(ZoneOffset.UTC).toLocalDate().toString()));
        }
        Goal.GoalTargetComponent gbo = goal.addTarget().setMeasure(new CodeableConcept(measure(GBO))).setDetail(new IntegerType(10));
        if (g.targetDate() != null) {
            gbo.setDue(new DateType(g.targetDate().toString()));
        }
        if (g.attainment() != null) {
            GoalViews.AttainmentView a = g.attainment();
            Goal.GoalTargetComponent gas = goal.addTarget().setMeasure(new CodeableConcept(measure(GAS))).setDetail(new IntegerType(0));
            if (g.targetDate() != null) {
                gas.setDue(new DateType(g.targetDate().toString()));
            }
            StringBuilder levels = new StringBuilder("Goal attainment scale (weight " + a.weight() + ", baseline "
                    + a.baselineLevel() + "):");
            a.levels().forEach((level, wording) -> levels.append("\n").append(level).append(": ").append(wording));
            goal.addNote().setText(levels.toString());
        }
        latestRating(g).ifPresent(r -> goal.addOutcomeReference(r));
        return goal;
    }

    /** The latest rating's observation, of either scale. */
    private java.util.Optional<Reference> latestRating(GoalViews.GoalView g) {
        record Rated(String measure, Instant at) {
        }
        List<Rated> rated = new ArrayList<>();
        g.ratings().forEach(r -> rated.add(new Rated(GBO, r.ratedAt())));
        if (g.attainment() != null) {
            g.attainment().ratings().forEach(r -> rated.add(new Rated(GAS, r.ratedAt())));
        }
        return rated.stream().max(Comparator.comparing(Rated::at))
                .map(r -> FhirRecords.reference("goal-rating", ratingKey(g.goalId(), r.measure(), r.at())));
    }

    /** Active; completed once achieved; cancelled once no longer relevant. */
    static Goal.GoalLifecycleStatus lifecycle(GoalViews.GoalView g) {
        if (GoalClosure.ACHIEVED.code().equals(g.status())) {
            return Goal.GoalLifecycleStatus.COMPLETED;
        }
        return GoalClosure.NO_LONGER_RELEVANT.code().equals(g.status()) ? Goal.GoalLifecycleStatus.CANCELLED
                : Goal.GoalLifecycleStatus.ACTIVE;
    }

    /**
     * achieved when the goal was closed as achieved, or at or above the expected GAS level; otherwise the GBO change: improving, worsening or no change; in
     * progress until there is a change to read.
     */
    static String achievement(GoalViews.GoalView g) {
        if (GoalClosure.ACHIEVED.code().equals(g.status())) {
            return "achieved";
        }
        if (g.attainment() != null && g.attainment().latestLevel() != null && g.attainment().latestLevel() >= 0) {
            return "achieved";
        }
        if (g.change() == null) {
            return "in-progress";
        }
        return g.change() > 0 ? "improving" : g.change() < 0 ? "worsening" : "no-change";
    }

    private Observation rating(String participantId, GoalViews.GoalView g, String measure, int value, Instant at) {
        Observation o = new Observation();
        o.setId(FhirRecords.id("goal-rating", ratingKey(g.goalId(), measure, at)));
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept(new Coding(SURVEY, "survey", "Survey")));
        o.setCode(new CodeableConcept(measure(measure)));
        o.setSubject(FhirRecords.participant(participantId));
        o.addFocus(FhirRecords.reference("goal", g.goalId()));
        o.setEffective(new DateTimeType(FhirRecords.date(at)));
        o.setValue(new IntegerType(value));
        return o;
    }

    private static String ratingKey(String goalId, String measure, Instant at) {
        return goalId + ":" + measure + ":" + at;
    }

    private CarePlan plan(String participantId, List<GoalViews.GoalView> goals,
                          Map<String, List<GoalViews.GoalView>> byIntervention, boolean consentWithdrawn) {
        CarePlan plan = new CarePlan();
        plan.setId(FhirRecords.id("careplan", participantId));
        plan.setStatus(consentWithdrawn ? CarePlan.CarePlanStatus.ONHOLD : CarePlan.CarePlanStatus.ACTIVE);
        plan.setIntent(CarePlan.CarePlanIntent.PLAN);
        plan.setTitle("Goals and the interventions they were set on");
        plan.setSubject(FhirRecords.participant(participantId));
        goals.stream().map(GoalViews.GoalView::setAt).filter(java.util.Objects::nonNull).min(Comparator.naturalOrder())
                .ifPresent(start -> plan.setCreated(FhirRecords.date(start)));
        goals.forEach(g -> plan.addGoal(FhirRecords.reference("goal", g.goalId())));
        byIntervention.forEach((interventionId, set) -> {
            CarePlan.CarePlanActivityDetailComponent detail = plan.addActivity().getDetail();
            detail.addInstantiatesCanonical(base.activityDefinition(interventionId));
            detail.setStatus(consentWithdrawn ? CarePlan.CarePlanActivityStatus.ONHOLD
                    : CarePlan.CarePlanActivityStatus.INPROGRESS);
            detail.setDescription(set.get(0).interventionName() != null ? set.get(0).interventionName()
                    : interventionId);
            set.forEach(g -> detail.addGoal(FhirRecords.reference("goal", g.goalId())));
        });
        return plan;
    }

    private Coding measure(String code) {
        return new Coding(base.codeSystem("goal-measures"), code, GBO.equals(code)
                ? "Goal-based outcome rating, 0 (not met at all) to 10 (fully met)"
                : "Goal attainment scaling level, -2 to +2 (0: the expected outcome)");
    }
}
