package org.tend.progress.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.tend.progress.domain.JourneyEvent.AssessmentCompleted;
import org.tend.progress.domain.outcome.Change;
import org.tend.progress.domain.outcome.ChangeClassifier;
import org.tend.progress.domain.outcome.OutcomeMeasures;
import org.tend.progress.domain.outcome.TalkingTherapiesOutcome;

/**
 * What the outcome data makes of a participant's measures in one programme as of one completed assessment: per
 * instrument the first and latest score, the change and its classification, and the NHS Talking Therapies outcome
 * once PHQ-9 or GAD-7 has been measured twice. Computed with the same classifier and Talking Therapies rules as the
 * journey (one implementation of each formula) and published so that no other service recomputes them.
 *
 * <p>A pure function of the facts: it takes the assessments of the trigger's programme that come no later than the
 * trigger in the journey's own time order ({@link Fact#TIME_ORDER}), so the same log gives the same classification
 * whatever else (later records, a rebuild overlapping the live listener) the stored journey already holds.
 *
 * @param talkingTherapies null unless PHQ-9 or GAD-7 (the outcome data's depression and anxiety measures) has at least
 *                         two measures
 */
public record OutcomeAssessment(String participantId, String programmeId, String basedOnAssessmentId,
                                Instant assessedAt, List<Measure> measures, TalkingTherapies talkingTherapies) {

    /** One instrument: how often measured, the first assessment, first and latest score, change, classification. */
    public record Measure(String instrumentId, int measureCount, String firstAssessmentId, int first, int latest,
                          int change, String classification) {
    }

    /** The NHS Talking Therapies outcome; recovery codes met | not-met | not-applicable. */
    public record TalkingTherapies(boolean caseAtFirst, boolean reliableImprovement, boolean reliableDeterioration,
                                   String recovery, String reliableRecovery) {
    }

    public OutcomeAssessment {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(programmeId, "programmeId");
        Objects.requireNonNull(basedOnAssessmentId, "basedOnAssessmentId");
        Objects.requireNonNull(assessedAt, "assessedAt");
        measures = List.copyOf(measures);
    }

    /**
     * @param trigger the fact of the completed assessment whose arrival asks for the classification
     * @param facts   the participant's facts as stored (any order, may hold later ones and the trigger itself)
     * @return empty when the trigger is no completed assessment or names no programme
     */
    public static Optional<OutcomeAssessment> assess(String participantId, Fact trigger, Collection<Fact> facts,
                                                     OutcomeMeasures outcomes) {
        if (!(trigger.event() instanceof AssessmentCompleted completed) || completed.programmeId() == null) {
            return Optional.empty();
        }
        Map<String, List<AssessmentCompleted>> byInstrument = new TreeMap<>();
        facts.stream()
                .filter(fact -> fact.event() instanceof AssessmentCompleted a
                        && completed.programmeId().equals(a.programmeId())
                        && Fact.TIME_ORDER.compare(fact, trigger) <= 0)
                .sorted(Fact.TIME_ORDER)
                .map(fact -> (AssessmentCompleted) fact.event())
                .forEach(a -> byInstrument.computeIfAbsent(a.instrumentId(), k -> new ArrayList<>()).add(a));
        // The trigger itself, should the stored facts not hold it yet.
        List<AssessmentCompleted> own = byInstrument.computeIfAbsent(completed.instrumentId(), k -> new ArrayList<>());
        if (own.stream().noneMatch(a -> a.assessmentId().equals(completed.assessmentId()))) {
            own.add(completed);
        }

        List<Measure> measures = new ArrayList<>();
        byInstrument.forEach((instrumentId, series) -> {
            AssessmentCompleted first = series.get(0);
            AssessmentCompleted latest = series.get(series.size() - 1);
            Change change = ChangeClassifier.overSeries(instrumentId, outcomes.of(instrumentId).orElse(null),
                    series.size(), first.totalScore(), latest.totalScore());
            measures.add(new Measure(instrumentId, series.size(), first.assessmentId(), first.totalScore(),
                    latest.totalScore(), change.change(), change.classification().code()));
        });

        var convention = outcomes.talkingTherapies();
        List<AssessmentCompleted> depression = byInstrument.get(convention.depression().instrumentId());
        List<AssessmentCompleted> anxiety = byInstrument.get(convention.anxiety().instrumentId());
        TalkingTherapies talkingTherapies = null;
        if (size(depression) >= 2 || size(anxiety) >= 2) {
            talkingTherapies = TalkingTherapiesOutcome.assess(convention, scores(depression), scores(anxiety))
                    .map(o -> new TalkingTherapies(o.caseAtFirst(), o.reliableImprovement(), o.reliableDeterioration(),
                            o.recovery().code(), o.reliableRecovery().code()))
                    .orElse(null);
        }
        return Optional.of(new OutcomeAssessment(participantId, completed.programmeId(), completed.assessmentId(),
                completed.completedAt(), measures, talkingTherapies));
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }

    private static TalkingTherapiesOutcome.Scores scores(List<AssessmentCompleted> series) {
        return series == null || series.isEmpty() ? null : new TalkingTherapiesOutcome.Scores(
                series.get(0).totalScore(), series.get(series.size() - 1).totalScore());
    }
}
