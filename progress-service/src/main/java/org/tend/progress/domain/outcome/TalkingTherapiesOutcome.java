package org.tend.progress.domain.outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A participant's NHS Talking Therapies outcome over their first and latest PHQ-9 and GAD-7 (clinical basis §6.3):
 * <ul>
 *   <li>a case at the first measure: PHQ-9 ≥ 10 or GAD-7 ≥ 8 (either one);</li>
 *   <li>reliable improvement: a fall of ≥ 6 (PHQ-9) or ≥ 4 (GAD-7) on at least one measure — and, with the
 *       deterioration exclusion, no reliable deterioration (a rise of as much) on the other;</li>
 *   <li>reliable deterioration: a rise of ≥ 6 / ≥ 4 on either;</li>
 *   <li>recovery: a case at the first measure and below caseness on both (or on the one measured) at the latest;
 *       not applicable to someone who was not a case at first (NHS Digital leaves them out of the recovery rate);</li>
 *   <li>reliable recovery: recovery and reliable improvement.</li>
 * </ul>
 * The thresholds are the instruments' {@code nhs-talking-therapies} methods in the outcome data, whichever method
 * the instrument's own change uses.
 */
public record TalkingTherapiesOutcome(List<MeasureOutcome> measures, boolean caseAtFirst, boolean reliableImprovement,
                                      boolean reliableDeterioration, Recovery recovery,
                                      Recovery reliableRecovery, boolean deteriorationExclusion) {

    public enum Recovery {
        MET("met"), NOT_MET("not-met"), NOT_APPLICABLE("not-applicable");

        private final String code;

        Recovery(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** One measure's part: its first and latest score, caseness at each, and its NHS classification. */
    public record MeasureOutcome(String instrumentId, String role, int first, int latest, int change,
                                 int casenessAtOrAbove, boolean caseAtFirst, boolean caseAtLatest, int reliableChange,
                                 ChangeClassification classification) {
    }

    /** A first and a latest score of one measure (equal when it was measured once). */
    public record Scores(int first, int latest) {
    }

    /**
     * @param depression the first and latest depression measure (PHQ-9), or null when never measured
     * @param anxiety    the first and latest anxiety measure (GAD-7), or null when never measured
     * @return empty when neither was measured
     */
    public static Optional<TalkingTherapiesOutcome> assess(TalkingTherapiesConvention convention, Scores depression,
                                                           Scores anxiety) {
        List<MeasureOutcome> measures = new ArrayList<>(2);
        if (depression != null) {
            measures.add(part(convention.depression(), "depression", depression));
        }
        if (anxiety != null) {
            measures.add(part(convention.anxiety(), "anxiety", anxiety));
        }
        if (measures.isEmpty()) {
            return Optional.empty();
        }
        boolean caseAtFirst = measures.stream().anyMatch(MeasureOutcome::caseAtFirst);
        boolean improved = measures.stream()
                .anyMatch(m -> m.classification() == ChangeClassification.RELIABLE_IMPROVEMENT);
        boolean deteriorated = measures.stream()
                .anyMatch(m -> m.classification() == ChangeClassification.RELIABLE_DETERIORATION);
        boolean reliableImprovement = improved && !(convention.deteriorationExclusion() && deteriorated);
        Recovery recovery;
        Recovery reliableRecovery;
        if (!caseAtFirst) {
            recovery = Recovery.NOT_APPLICABLE;
            reliableRecovery = Recovery.NOT_APPLICABLE;
        } else {
            boolean recovered = measures.stream().noneMatch(MeasureOutcome::caseAtLatest);
            recovery = recovered ? Recovery.MET : Recovery.NOT_MET;
            reliableRecovery = recovered && reliableImprovement ? Recovery.MET : Recovery.NOT_MET;
        }
        return Optional.of(new TalkingTherapiesOutcome(List.copyOf(measures), caseAtFirst, reliableImprovement,
                deteriorated, recovery, reliableRecovery, convention.deteriorationExclusion()));
    }

    private static MeasureOutcome part(OutcomeMeasure measure, String role, Scores scores) {
        ChangeMethod.NhsTalkingTherapies nhs = measure.nhsTalkingTherapies().orElseThrow();
        Change change = ChangeClassifier.classify(measure, nhs, scores.first(), scores.latest());
        int caseness = measure.casenessAtOrAbove();
        return new MeasureOutcome(measure.instrumentId(), role, scores.first(), scores.latest(), change.change(),
                caseness, scores.first() >= caseness, scores.latest() >= caseness, nhs.reliableChange(),
                change.classification());
    }
}
