package org.tend.progress.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.tend.progress.domain.Journey.AssessmentResult;
import org.tend.progress.domain.Journey.Attainment;
import org.tend.progress.domain.Journey.AttainmentRating;
import org.tend.progress.domain.Journey.GoalProgress;
import org.tend.progress.domain.Journey.InstrumentHistory;
import org.tend.progress.domain.Journey.LatestRecommendations;
import org.tend.progress.domain.Journey.Rating;
import org.tend.progress.domain.Journey.RecommendedIntervention;
import org.tend.progress.domain.Journey.Review;
import org.tend.progress.domain.Journey.TalkingTherapies;
import org.tend.progress.domain.Journey.TalkingTherapiesMeasure;
import org.tend.progress.domain.Journey.TimelineEntry;
import org.tend.progress.domain.JourneyEvent.AssessmentCompleted;
import org.tend.progress.domain.JourneyEvent.AttainmentScaleDefined;
import org.tend.progress.domain.JourneyEvent.GoalAttainmentRated;
import org.tend.progress.domain.JourneyEvent.GoalClosed;
import org.tend.progress.domain.JourneyEvent.GoalRevised;
import org.tend.progress.domain.JourneyEvent.GoalProgressRated;
import org.tend.progress.domain.JourneyEvent.GoalSet;
import org.tend.progress.domain.JourneyEvent.ConsentRenewed;
import org.tend.progress.domain.JourneyEvent.ConsentWithdrawn;
import org.tend.progress.domain.JourneyEvent.ParticipantEnrolled;
import org.tend.progress.domain.JourneyEvent.PlanAdjusted;
import org.tend.progress.domain.JourneyEvent.PlanReviewed;
import org.tend.progress.domain.JourneyEvent.RecommendationsIssued;
import org.tend.progress.domain.JourneyEvent.Recommended;
import org.tend.progress.domain.outcome.Change;
import org.tend.progress.domain.outcome.ChangeClassifier;
import org.tend.progress.domain.outcome.Figures;
import org.tend.progress.domain.outcome.OutcomeMeasure;
import org.tend.progress.domain.outcome.OutcomeMeasures;
import org.tend.progress.domain.outcome.TalkingTherapiesOutcome;
import org.tend.progress.domain.review.FlagResolutions;
import org.tend.progress.domain.review.ReviewFacts;
import org.tend.progress.domain.review.ReviewFlag;
import org.tend.progress.domain.review.ReviewPolicy;

/**
 * Builds the journey view from a participant's facts, in whatever order they were stored. Every ordering is total
 * (time, then event id), so the same facts always give the same journey at the same instant: a projection rebuilt
 * from the log serves exactly what the old one served. The outcome data classifies change; the review rules are
 * judged at {@code now}, so a time-based rule sees time pass without new facts.
 */
public final class Journeys {

    /** The most results per instrument, and ratings per goal, a journey lists (the newest; earlier ones are in the
     * timeline's older pages). Far beyond any real programme: it bounds the answer, not the care. */
    public static final int HISTORY_LIMIT = 200;

    /** A goal's status until it is closed. */
    static final String ACTIVE = "active";
    /** The role whose adjustments and reviews decide on review flags. */
    static final String PRACTITIONER = "practitioner";

    private Journeys() {
    }

    /** The journey with the newest page of its timeline. */
    public static Journey build(String participantId, Collection<Fact> facts,
                                Map<String, String> interventionNames, OutcomeMeasures measures,
                                ReviewPolicy review, Instant now) {
        return build(participantId, facts, interventionNames, measures, review, CareSettings.DEFAULT, now,
                TimelineWindow.NEWEST);
    }

    /** The journey of a participant whose programme's care settings are the defaults. */
    public static Journey build(String participantId, Collection<Fact> facts,
                                Map<String, String> interventionNames, OutcomeMeasures measures,
                                ReviewPolicy review, Instant now, TimelineWindow window) {
        return build(participantId, facts, interventionNames, measures, review, CareSettings.DEFAULT, now, window);
    }

    /**
     * @param interventionNames display names by intervention id; an intervention missing from it has a null name
     *                          (its catalogue entry has not arrived yet)
     * @param measures          the outcome definitions that classify change
     * @param review            the rules that say whether a plan needs review
     * @param settings          the programme's review period and re-assessment schedule
     * @param now               the instant the review rules are judged at
     * @param window            the page of the timeline to show; every figure is over all the facts
     */
    public static Journey build(String participantId, Collection<Fact> facts,
                                Map<String, String> interventionNames, OutcomeMeasures measures,
                                ReviewPolicy review, CareSettings settings, Instant now, TimelineWindow window) {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(measures, "measures");
        Objects.requireNonNull(review, "review");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(window, "window");
        List<Fact> orderedFacts = facts.stream().sorted(Fact.TIME_ORDER).toList();
        List<JourneyEvent> ordered = orderedFacts.stream().map(Fact::event).toList();

        ParticipantEnrolled enrolment = null;
        Instant withdrawnAt = null;
        Instant renewedAt = null;
        AssessmentCompleted lastAssessment = null;
        RecommendationsIssued lastRecommendations = null;
        GoalAttainmentRated lastAttainment = null;
        Map<String, List<AssessmentResult>> byInstrument = new TreeMap<>();
        Map<String, GoalBuilder> goals = new LinkedHashMap<>();
        List<ReviewFacts.CheckIn> checkIns = new ArrayList<>();
        List<PlanAdjusted> adjustments = new ArrayList<>();
        List<FlagResolutions.Resolution> resolutions = new ArrayList<>();
        Map<String, Instant> lastDone = new HashMap<>();

        for (JourneyEvent event : ordered) {
            if (event instanceof ParticipantEnrolled e) {
                enrolment = e;
            } else if (event instanceof ConsentWithdrawn e) {
                withdrawnAt = e.withdrawnAt();
            } else if (event instanceof ConsentRenewed e) {
                withdrawnAt = null;
                renewedAt = e.renewedAt();
            } else if (event instanceof AssessmentCompleted e) {
                lastAssessment = e;
                byInstrument.computeIfAbsent(e.instrumentId(), k -> new ArrayList<>()).add(result(e));
            } else if (event instanceof RecommendationsIssued e) {
                lastRecommendations = e;
            } else if (event instanceof GoalSet e) {
                goals.computeIfAbsent(e.goalId(), GoalBuilder::new).set(e);
            } else if (event instanceof GoalProgressRated e) {
                GoalBuilder goal = goals.computeIfAbsent(e.goalId(), GoalBuilder::new);
                goal.ratings.add(new Rating(e.rating(), e.time()));
                goal.latestRating = e;
                checkIns.add(new ReviewFacts.CheckIn(e.time(), "goal rating"));
                lastDone.put(CareSettings.GOAL_RATING, e.time());
            } else if (event instanceof GoalRevised e) {
                goals.computeIfAbsent(e.goalId(), GoalBuilder::new).version = e.version();
            } else if (event instanceof GoalClosed e) {
                GoalBuilder goal = goals.computeIfAbsent(e.goalId(), GoalBuilder::new);
                goal.status = e.closure();
                goal.closedAt = e.time();
            } else if (event instanceof PlanAdjusted e) {
                adjustments.add(e);
                if (PRACTITIONER.equals(e.adjustedByRole())) {
                    // A participant taking up a recommendation changes the plan but decides no review.
                    resolutions.add(new FlagResolutions.Resolution(e.time(), e.adjustedBy(), e.adjustedByRole(),
                            "adjusted", e.change(), e.reason()));
                }
            } else if (event instanceof PlanReviewed e) {
                resolutions.add(new FlagResolutions.Resolution(e.time(), e.reviewedBy(), e.reviewedByRole(),
                        "reviewed", null, e.reason()));
            } else if (event instanceof AttainmentScaleDefined e) {
                goals.computeIfAbsent(e.goalId(), GoalBuilder::new).scale = e; // a later scale replaces the earlier
            } else if (event instanceof GoalAttainmentRated e) {
                lastAttainment = e;
                goals.computeIfAbsent(e.goalId(), GoalBuilder::new).attainment
                        .add(new AttainmentRating(e.level(), e.time()));
                checkIns.add(new ReviewFacts.CheckIn(e.time(), "attainment rating"));
                lastDone.put(CareSettings.GOAL_RATING, e.time());
            }
            if (event instanceof AssessmentCompleted e) {
                checkIns.add(new ReviewFacts.CheckIn(event.time(), "assessment"));
                lastDone.put(e.instrumentId(), e.time());
            }
        }

        String programmeId = enrolment != null ? enrolment.programmeId()
                : lastAssessment != null ? lastAssessment.programmeId() : null;
        Journey.Cohort cohort = enrolment == null ? null : new Journey.Cohort(enrolment.department());
        List<InstrumentHistory> assessments = byInstrument.entrySet().stream()
                .map(e -> history(e.getKey(), e.getValue(), measures))
                .toList();
        List<GoalBuilder> sortedGoals = goals.values().stream()
                .sorted(Comparator.comparing((GoalBuilder g) -> g.setAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(g -> g.goalId))
                .toList();
        List<GoalProgress> goalViews = sortedGoals.stream()
                .map(g -> g.build(interventionNames))
                .toList();

        Map<String, List<ReviewFacts.Measure>> measured = new TreeMap<>();
        byInstrument.forEach((id, results) -> measured.put(id, results.stream()
                .map(r -> new ReviewFacts.Measure(r.time(), r.totalScore())).toList()));
        CarePlanHistory carePlan = CarePlanHistory.of(adjustments);
        // The plans the rules judge: each active intervention of the care plan from when it was added, and each active
        // goal's intervention the care plan has not ended.
        List<ReviewFacts.Plan> plans = new ArrayList<>();
        carePlan.spans().stream().filter(span -> span.endedAt() == null)
                .forEach(span -> plans.add(new ReviewFacts.Plan(null, span.interventionId(),
                        interventionNames.get(span.interventionId()), span.startedAt())));
        sortedGoals.stream().filter(g -> ACTIVE.equals(g.status) && !carePlan.ended(g.interventionId))
                .forEach(g -> plans.add(new ReviewFacts.Plan(g.goalId, g.interventionId,
                        g.interventionId == null ? null : interventionNames.get(g.interventionId), g.setAt)));
        // A participant who withdrew consent is not in care: nothing is due, nothing about them is flagged.
        Instant planActiveSince = carePlan.latest() != null ? carePlan.activeSince()
                : plans.stream().map(ReviewFacts.Plan::setAt).filter(Objects::nonNull).min(Comparator.naturalOrder())
                .orElse(null);
        Instant goalsActiveSince = sortedGoals.stream().filter(g -> ACTIVE.equals(g.status) && g.setAt != null)
                .map(g -> g.setAt).min(Comparator.naturalOrder()).orElse(null);
        Instant notBefore = settings.since() == null ? renewedAt
                : renewedAt == null || settings.since().isAfter(renewedAt) ? settings.since() : renewedAt;
        List<ReassessmentSchedule.Due> due = withdrawnAt != null ? List.of() : ReassessmentSchedule.due(settings,
                new ReassessmentSchedule.Facts(enrolment == null ? null : enrolment.enrolledAt(), planActiveSince,
                        goalsActiveSince, notBefore, lastDone), now);
        List<ReviewFlag> raised = withdrawnAt != null ? List.of()
                : review.evaluate(new ReviewFacts(measured, plans, checkIns, due), measures, now);
        FlagResolutions.Outcome flags = FlagResolutions.apply(raised, resolutions, settings.reviewPeriod(), now);

        List<TimelineEntry> timeline = new ArrayList<>(Math.min(window.limit(), orderedFacts.size()));
        int index = orderedFacts.size() - 1;
        while (index >= 0 && window.before() != null
                && TimelineCursor.of(orderedFacts.get(index)).compareTo(window.before()) >= 0) {
            index--;
        }
        for (; index >= 0 && timeline.size() < window.limit(); index--) {
            JourneyEvent event = orderedFacts.get(index).event();
            timeline.add(new TimelineEntry(event.time(), event.kind(), details(event, interventionNames)));
        }
        String next = index >= 0 && !timeline.isEmpty()
                ? TimelineCursor.of(orderedFacts.get(index + 1)).encode() : null;

        return new Journey(participantId, programmeId, enrolment == null ? null : enrolment.enrolledAt(), cohort,
                withdrawnAt == null ? Journey.Consent.GIVEN : new Journey.Consent("withdrawn", withdrawnAt),
                assessments, talkingTherapies(byInstrument, measures),
                recommendations(lastRecommendations, interventionNames),
                plan(carePlan, byInstrument, measures, interventionNames), goalViews,
                lastAttainment == null ? null : lastAttainment.gasTScore(),
                new Review(!flags.open().isEmpty(), flags.open(), settings.reviewPeriod().toString(),
                        flags.open().stream().anyMatch(ReviewFlag::overdue), flags.resolved()),
                due, List.copyOf(timeline),
                new Journey.TimelinePage(window.limit(), orderedFacts.size(), next));
    }

    /** The care plan's view, or null before its first adjustment. */
    private static Journey.CarePlan plan(CarePlanHistory history, Map<String, List<AssessmentResult>> byInstrument,
                                         OutcomeMeasures measures, Map<String, String> names) {
        PlanAdjusted latest = history.latest();
        if (latest == null) {
            return null;
        }
        List<Journey.PlanIntervention> interventions = history.spans().stream()
                .map(span -> new Journey.PlanIntervention(span.interventionId(), names.get(span.interventionId()),
                        span.startedAt(), span.endedAt(), span.endedAt() == null ? "active" : "ended"))
                .toList();
        List<Journey.Episode> episodes = history.episodes().stream()
                .map(episode -> new Journey.Episode(episode.number(), episode.startedAt(), episode.endedAt(),
                        episode.begunBy().change(), episode.begunBy().reason(), episode.begunBy().level(),
                        episode.begunBy().interventions(), episodeOutcomes(episode, byInstrument, measures)))
                .toList();
        return new Journey.CarePlan(latest.level(), latest.episode(), interventions, episodes);
    }

    /** Each instrument measured in the episode, from its baseline to its latest measure in it. */
    private static List<Journey.EpisodeOutcome> episodeOutcomes(CarePlanHistory.Episode episode,
                                                                Map<String, List<AssessmentResult>> byInstrument,
                                                                OutcomeMeasures measures) {
        List<Journey.EpisodeOutcome> outcomes = new ArrayList<>();
        byInstrument.forEach((instrumentId, results) -> {
            AssessmentResult baseline = null;
            List<AssessmentResult> inEpisode = new ArrayList<>();
            for (AssessmentResult result : results) {
                if (!result.time().isAfter(episode.startedAt())) {
                    baseline = result;
                } else if (episode.endedAt() == null || result.time().isBefore(episode.endedAt())) {
                    inEpisode.add(result);
                }
            }
            if (inEpisode.isEmpty()) {
                return; // not measured in this episode
            }
            if (baseline == null) {
                baseline = inEpisode.remove(0);
            }
            AssessmentResult last = inEpisode.isEmpty() ? null : inEpisode.get(inEpisode.size() - 1);
            if (last == null) {
                outcomes.add(new Journey.EpisodeOutcome(instrumentId, baseline.totalScore(), baseline.time(), null,
                        null, 1, null, null));
                return;
            }
            Change change = ChangeClassifier.overSeries(instrumentId, measures.of(instrumentId).orElse(null),
                    inEpisode.size() + 1, baseline.totalScore(), last.totalScore());
            outcomes.add(new Journey.EpisodeOutcome(instrumentId, baseline.totalScore(), baseline.time(),
                    last.totalScore(), last.time(), inEpisode.size() + 1, change.change(),
                    change.classification().code()));
        });
        return outcomes;
    }

    /** The newest {@link #HISTORY_LIMIT} of a list in time order. */
    private static <T> List<T> newest(List<T> inTimeOrder) {
        return List.copyOf(inTimeOrder.subList(Math.max(0, inTimeOrder.size() - HISTORY_LIMIT), inTimeOrder.size()));
    }

    /** One instrument's results with the change from the first to the latest, classified by the outcome data. */
    private static InstrumentHistory history(String instrumentId, List<AssessmentResult> results,
                                             OutcomeMeasures measures) {
        AssessmentResult first = results.get(0);
        AssessmentResult latest = results.get(results.size() - 1);
        OutcomeMeasure measure = measures.of(instrumentId).orElse(null);
        Change change = ChangeClassifier.overSeries(instrumentId, measure, results.size(), first.totalScore(),
                latest.totalScore());
        return new InstrumentHistory(instrumentId, newest(results), first, latest,
                measure == null ? null : measure.direction().code(), change.change(),
                change.classification().code(), change.rci() == null ? null : Figures.twoDecimals(change.rci()),
                change.method(), change.rule());
    }

    private static TalkingTherapies talkingTherapies(Map<String, List<AssessmentResult>> byInstrument,
                                                     OutcomeMeasures measures) {
        var convention = measures.talkingTherapies();
        return TalkingTherapiesOutcome.assess(convention,
                        scores(byInstrument.get(convention.depression().instrumentId())),
                        scores(byInstrument.get(convention.anxiety().instrumentId())))
                .map(o -> new TalkingTherapies(o.measures().stream()
                        .map(m -> new TalkingTherapiesMeasure(m.instrumentId(), m.role(), m.first(), m.latest(),
                                m.change(), m.casenessAtOrAbove(), m.caseAtFirst(), m.caseAtLatest(),
                                m.reliableChange(), m.classification().code()))
                        .toList(), o.caseAtFirst(), o.reliableImprovement(), o.reliableDeterioration(),
                        o.recovery().code(), o.reliableRecovery().code(), o.deteriorationExclusion()))
                .orElse(null);
    }

    private static TalkingTherapiesOutcome.Scores scores(List<AssessmentResult> results) {
        return results == null || results.isEmpty() ? null : new TalkingTherapiesOutcome.Scores(
                results.get(0).totalScore(), results.get(results.size() - 1).totalScore());
    }

    /**
     * Every programme the facts place the participant in (from enrolments and from completed assessments, which
     * carry the programme too): a practitioner of any of them may read the journey.
     */
    public static Set<String> programmesOf(Collection<Fact> facts) {
        Set<String> programmes = new LinkedHashSet<>();
        for (Fact fact : facts) {
            JourneyEvent event = fact.event();
            if (event instanceof ParticipantEnrolled e) {
                programmes.add(e.programmeId());
            } else if (event instanceof AssessmentCompleted e && e.programmeId() != null) {
                programmes.add(e.programmeId());
            }
        }
        return programmes;
    }

    /** Every intervention the facts name (goals' and recommendations'): what the view needs names for. */
    public static Set<String> interventionsNamed(Collection<Fact> facts) {
        Set<String> interventionIds = new LinkedHashSet<>();
        for (Fact fact : facts) {
            if (fact.event() instanceof GoalSet goal) {
                interventionIds.add(goal.interventionId());
            } else if (fact.event() instanceof RecommendationsIssued issued) {
                issued.recommendations().forEach(r -> interventionIds.add(r.interventionId()));
            } else if (fact.event() instanceof PlanAdjusted adjusted) {
                interventionIds.addAll(adjusted.interventions());
                if (adjusted.replacedInterventionId() != null) {
                    interventionIds.add(adjusted.replacedInterventionId());
                }
            }
        }
        return interventionIds;
    }

    private static AssessmentResult result(AssessmentCompleted e) {
        return new AssessmentResult(e.assessmentId(), e.time(), e.totalScore(), e.band(), e.instrumentVersion(),
                e.scoreRange());
    }

    private static LatestRecommendations recommendations(RecommendationsIssued e, Map<String, String> names) {
        if (e == null) {
            return null;
        }
        List<RecommendedIntervention> interventions = e.recommendations().stream()
                .sorted(Comparator.comparingInt(Recommended::rank).thenComparing(Recommended::interventionId))
                .map(r -> new RecommendedIntervention(r.interventionId(), names.get(r.interventionId()), r.rank(),
                        r.reasonCode()))
                .toList();
        return new LatestRecommendations(e.time(), e.basedOnAssessmentId(), e.instrumentId(), e.band(),
                e.steppedCareLevel(), interventions);
    }

    private static Map<String, Object> details(JourneyEvent event, Map<String, String> names) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (event instanceof ParticipantEnrolled e) {
            put(details, "programmeId", e.programmeId());
            put(details, "department", e.department());
        } else if (event instanceof AssessmentCompleted e) {
            put(details, "assessmentId", e.assessmentId());
            put(details, "instrumentId", e.instrumentId());
            put(details, "totalScore", e.totalScore());
            put(details, "band", e.band());
        } else if (event instanceof RecommendationsIssued e) {
            put(details, "instrumentId", e.instrumentId());
            put(details, "band", e.band());
            put(details, "steppedCareLevel", e.steppedCareLevel());
            put(details, "interventionIds", e.recommendations().stream()
                    .sorted(Comparator.comparingInt(Recommended::rank).thenComparing(Recommended::interventionId))
                    .map(Recommended::interventionId).toList());
        } else if (event instanceof GoalSet e) {
            put(details, "goalId", e.goalId());
            put(details, "interventionId", e.interventionId());
            put(details, "interventionName", names.get(e.interventionId()));
        } else if (event instanceof GoalProgressRated e) {
            put(details, "goalId", e.goalId());
            put(details, "rating", e.rating());
        } else if (event instanceof AttainmentScaleDefined e) {
            put(details, "goalId", e.goalId());
            put(details, "weight", e.weight());
            put(details, "baselineLevel", e.baselineLevel());
        } else if (event instanceof GoalAttainmentRated e) {
            put(details, "goalId", e.goalId());
            put(details, "level", e.level());
        } else if (event instanceof GoalRevised e) {
            put(details, "goalId", e.goalId());
            put(details, "version", e.version());
        } else if (event instanceof GoalClosed e) {
            put(details, "goalId", e.goalId());
            put(details, "closure", e.closure());
        } else if (event instanceof PlanAdjusted e) {
            put(details, "episode", e.episode());
            put(details, "change", e.change());
            put(details, "reason", e.reason());
            put(details, "previousLevel", e.previousLevel());
            put(details, "level", e.level());
            put(details, "interventionId", e.interventionId());
            put(details, "interventionName", e.interventionId() == null ? null : names.get(e.interventionId()));
            put(details, "replacedInterventionId", e.replacedInterventionId());
            put(details, "interventionIds", e.interventions());
            put(details, "byRole", e.adjustedByRole());
        } else if (event instanceof PlanReviewed e) {
            put(details, "episode", e.episode());
            put(details, "decision", e.decision());
            put(details, "reason", e.reason());
            put(details, "byRole", e.reviewedByRole());
        }
        return details;
    }

    private static void put(Map<String, Object> details, String key, Object value) {
        if (value != null) {
            details.put(key, value);
        }
    }

    private static final class GoalBuilder {
        final String goalId;
        String interventionId;
        Instant setAt;
        final List<Rating> ratings = new ArrayList<>();
        GoalProgressRated latestRating;
        AttainmentScaleDefined scale;
        final List<AttainmentRating> attainment = new ArrayList<>();
        String status = ACTIVE;
        int version = 1;
        Instant closedAt;

        GoalBuilder(String goalId) {
            this.goalId = goalId;
        }

        void set(GoalSet e) {
            // Facts arrive in time order here, so a goal set twice keeps its latest intervention and first setting.
            interventionId = e.interventionId();
            if (setAt == null) {
                setAt = e.time();
            }
        }

        /** The GBO outcome is the latest rating's, as goal-service computed it: shown, never recomputed here. */
        GoalProgress build(Map<String, String> names) {
            Attainment gas = scale == null && attainment.isEmpty() ? null : new Attainment(
                    scale == null ? null : scale.weight(), scale == null ? null : scale.baselineLevel(),
                    scale == null ? null : scale.time(), newest(attainment),
                    attainment.isEmpty() ? null : attainment.get(attainment.size() - 1).level());
            return new GoalProgress(goalId, interventionId, interventionId == null ? null : names.get(interventionId),
                    setAt, status, version, closedAt, newest(ratings), latestRating == null ? null : latestRating.rating(),
                    latestRating == null ? null : latestRating.changeFromFirst(),
                    latestRating == null ? null : latestRating.changeClassification(), gas);
        }
    }
}
