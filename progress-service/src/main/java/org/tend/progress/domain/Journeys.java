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
import org.tend.progress.domain.Journey.Cohort;
import org.tend.progress.domain.Journey.GoalProgress;
import org.tend.progress.domain.Journey.InstrumentHistory;
import org.tend.progress.domain.Journey.LatestRecommendations;
import org.tend.progress.domain.Journey.Rating;
import org.tend.progress.domain.Journey.RecommendedIntervention;
import org.tend.progress.domain.Journey.ScoreRange;
import org.tend.progress.domain.Journey.TimelineEntry;
import org.tend.progress.domain.JourneyEvent.AssessmentCompleted;
import org.tend.progress.domain.JourneyEvent.GoalProgressRated;
import org.tend.progress.domain.JourneyEvent.GoalSet;
import org.tend.progress.domain.JourneyEvent.ParticipantEnrolled;
import org.tend.progress.domain.JourneyEvent.Recommended;
import org.tend.progress.domain.JourneyEvent.RecommendationsIssued;

/**
 * Builds the journey view from a participant's facts, in whatever order they were stored. Every ordering is total
 * (time, then event id), so the same facts always give the same journey: a projection rebuilt from the log serves
 * exactly what the old one served.
 */
public final class Journeys {

    /** Time order; events at the same instant are ordered by id so that the result never depends on arrival. */
    public static final Comparator<JourneyEvent> TIME_ORDER =
            Comparator.comparing(JourneyEvent::time).thenComparing(JourneyEvent::eventId);

    private Journeys() {
    }

    /**
     * @param interventionNames display names by intervention id; an intervention missing from it has a null name
     *                          (its catalogue entry has not arrived yet)
     */
    public static Journey build(String participantId, Collection<JourneyEvent> events,
                                Map<String, String> interventionNames) {
        Objects.requireNonNull(participantId, "participantId");
        List<JourneyEvent> ordered = events.stream().sorted(TIME_ORDER).toList();

        ParticipantEnrolled enrolment = null;
        AssessmentCompleted lastAssessment = null;
        RecommendationsIssued lastRecommendations = null;
        Map<String, List<AssessmentResult>> byInstrument = new TreeMap<>();
        Map<String, GoalBuilder> goals = new LinkedHashMap<>();
        List<TimelineEntry> timeline = new ArrayList<>(ordered.size());

        for (JourneyEvent event : ordered) {
            if (event instanceof ParticipantEnrolled e) {
                enrolment = e;
            } else if (event instanceof AssessmentCompleted e) {
                lastAssessment = e;
                byInstrument.computeIfAbsent(e.instrumentId(), k -> new ArrayList<>()).add(result(e));
            } else if (event instanceof RecommendationsIssued e) {
                lastRecommendations = e;
            } else if (event instanceof GoalSet e) {
                goals.computeIfAbsent(e.goalId(), GoalBuilder::new).set(e);
            } else if (event instanceof GoalProgressRated e) {
                goals.computeIfAbsent(e.goalId(), GoalBuilder::new).ratings.add(new Rating(e.rating(), e.time()));
            }
            timeline.add(new TimelineEntry(event.time(), event.kind(), details(event, interventionNames)));
        }

        String programmeId = enrolment != null ? enrolment.programmeId()
                : lastAssessment != null ? lastAssessment.programmeId() : null;
        Cohort cohort = enrolment == null ? null : new Cohort(enrolment.department());
        List<InstrumentHistory> assessments = byInstrument.entrySet().stream()
                .map(e -> new InstrumentHistory(e.getKey(), List.copyOf(e.getValue()), e.getValue().get(0),
                        e.getValue().get(e.getValue().size() - 1)))
                .toList();
        List<GoalProgress> goalViews = goals.values().stream()
                .sorted(Comparator.comparing((GoalBuilder g) -> g.setAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(g -> g.goalId))
                .map(g -> g.build(interventionNames))
                .toList();
        return new Journey(participantId, programmeId, enrolment == null ? null : enrolment.time(), cohort,
                assessments, recommendations(lastRecommendations, interventionNames), goalViews,
                List.copyOf(timeline));
    }

    /**
     * Every programme the facts place the participant in (from enrolments and from completed assessments, which
     * carry the programme too): a practitioner of any of them may read the journey.
     */
    public static Set<String> programmesOf(Collection<JourneyEvent> events) {
        Set<String> programmes = new LinkedHashSet<>();
        for (JourneyEvent event : events) {
            if (event instanceof ParticipantEnrolled e) {
                programmes.add(e.programmeId());
            } else if (event instanceof AssessmentCompleted e && e.programmeId() != null) {
                programmes.add(e.programmeId());
            }
        }
        return programmes;
    }

    private static AssessmentResult result(AssessmentCompleted e) {
        ScoreRange range = e.scoreMin() == null || e.scoreMax() == null ? null
                : new ScoreRange(e.scoreMin(), e.scoreMax());
        return new AssessmentResult(e.assessmentId(), e.time(), e.totalScore(), e.band(), e.instrumentVersion(),
                range);
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

        GoalProgress build(Map<String, String> names) {
            Integer latest = ratings.isEmpty() ? null : ratings.get(ratings.size() - 1).rating();
            Integer change = ratings.isEmpty() ? null : latest - ratings.get(0).rating();
            return new GoalProgress(goalId, interventionId, interventionId == null ? null : names.get(interventionId),
                    setAt, List.copyOf(ratings), latest, change);
        }
    }
}
