package org.tend.progress.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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
import org.tend.progress.domain.JourneyEvent.GoalProgressRated;
import org.tend.progress.domain.JourneyEvent.GoalSet;
import org.tend.progress.domain.JourneyEvent.ConsentRenewed;
import org.tend.progress.domain.JourneyEvent.ConsentWithdrawn;
import org.tend.progress.domain.JourneyEvent.ParticipantEnrolled;
import org.tend.progress.domain.JourneyEvent.RecommendationsIssued;
import org.tend.progress.domain.JourneyEvent.Recommended;
import org.tend.progress.domain.outcome.Change;
import org.tend.progress.domain.outcome.ChangeClassifier;
import org.tend.progress.domain.outcome.Figures;
import org.tend.progress.domain.outcome.OutcomeMeasure;
import org.tend.progress.domain.outcome.OutcomeMeasures;
import org.tend.progress.domain.outcome.TalkingTherapiesOutcome;
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

    private Journeys() {
    }

    /** The journey with the newest page of its timeline. */
    public static Journey build(String participantId, Collection<Fact> facts,
                                Map<String, String> interventionNames, OutcomeMeasures measures,
                                ReviewPolicy review, Instant now) {
        return build(participantId, facts, interventionNames, measures, review, now, TimelineWindow.NEWEST);
    }

    /**
     * @param interventionNames display names by intervention id; an intervention missing from it has a null name
     *                          (its catalogue entry has not arrived yet)
     * @param measures          the outcome definitions that classify change
     * @param review            the rules that say whether a plan needs review
     * @param now               the instant the review rules are judged at
     * @param window            the page of the timeline to show; every figure is over all the facts
     */
    public static Journey build(String participantId, Collection<Fact> facts,
                                Map<String, String> interventionNames, OutcomeMeasures measures,
                                ReviewPolicy review, Instant now, TimelineWindow window) {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(measures, "measures");
        Objects.requireNonNull(review, "review");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(window, "window");
        List<Fact> orderedFacts = facts.stream().sorted(Fact.TIME_ORDER).toList();
        List<JourneyEvent> ordered = orderedFacts.stream().map(Fact::event).toList();

        ParticipantEnrolled enrolment = null;
        Instant withdrawnAt = null;
        AssessmentCompleted lastAssessment = null;
        RecommendationsIssued lastRecommendations = null;
        GoalAttainmentRated lastAttainment = null;
        Map<String, List<AssessmentResult>> byInstrument = new TreeMap<>();
        Map<String, GoalBuilder> goals = new LinkedHashMap<>();
        List<ReviewFacts.CheckIn> checkIns = new ArrayList<>();

        for (JourneyEvent event : ordered) {
            if (event instanceof ParticipantEnrolled e) {
                enrolment = e;
            } else if (event instanceof ConsentWithdrawn e) {
                withdrawnAt = e.withdrawnAt();
            } else if (event instanceof ConsentRenewed) {
                withdrawnAt = null;
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
            } else if (event instanceof AttainmentScaleDefined e) {
                goals.computeIfAbsent(e.goalId(), GoalBuilder::new).scale = e; // a later scale replaces the earlier
            } else if (event instanceof GoalAttainmentRated e) {
                lastAttainment = e;
                goals.computeIfAbsent(e.goalId(), GoalBuilder::new).attainment
                        .add(new AttainmentRating(e.level(), e.time()));
                checkIns.add(new ReviewFacts.CheckIn(e.time(), "attainment rating"));
            }
            if (event instanceof AssessmentCompleted) {
                checkIns.add(new ReviewFacts.CheckIn(event.time(), "assessment"));
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
        List<ReviewFacts.Plan> plans = sortedGoals.stream()
                .map(g -> new ReviewFacts.Plan(g.goalId, g.interventionId,
                        g.interventionId == null ? null : interventionNames.get(g.interventionId), g.setAt))
                .toList();
        // A participant who withdrew consent is not in care: nothing about them is flagged for review.
        List<ReviewFlag> flags = withdrawnAt != null ? List.of()
                : review.evaluate(new ReviewFacts(measured, plans, checkIns), measures, now);

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
                recommendations(lastRecommendations, interventionNames), goalViews,
                lastAttainment == null ? null : lastAttainment.gasTScore(),
                new Review(!flags.isEmpty(), flags), List.copyOf(timeline),
                new Journey.TimelinePage(window.limit(), orderedFacts.size(), next));
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
                    setAt, newest(ratings), latestRating == null ? null : latestRating.rating(),
                    latestRating == null ? null : latestRating.changeFromFirst(),
                    latestRating == null ? null : latestRating.changeClassification(), gas);
        }
    }
}
