package org.tend.progress.domain.outcome;

import java.util.Objects;
import org.tend.progress.domain.outcome.ChangeMethod.FixedThreshold;
import org.tend.progress.domain.outcome.ChangeMethod.JacobsonTruax;
import org.tend.progress.domain.outcome.ChangeMethod.NhsTalkingTherapies;
import org.tend.progress.domain.outcome.ChangeMethod.NotClassified;

/**
 * Classifies the change between a first and a latest score of one instrument with the method its outcome data
 * names: NHS Talking Therapies points (≥ threshold), Jacobson–Truax RCI (|RCI| &gt; z) or a fixed published change
 * (≥ points), each read in the instrument's better direction. A pure function: same scores, same answer.
 */
public final class ChangeClassifier {

    /** The method reported when there is no outcome definition at all. */
    public static final String NO_METHOD = "none";

    private ChangeClassifier() {
    }

    /** Change from {@code first} to {@code latest} with the instrument's method in use. */
    public static Change classify(OutcomeMeasure measure, int first, int latest) {
        return classify(measure, measure.method(), first, latest);
    }

    /** Change from {@code first} to {@code latest} with the given method (one of the instrument's, or its NHS one). */
    public static Change classify(OutcomeMeasure measure, ChangeMethod method, int first, int latest) {
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(method, "method");
        int change = latest - first;
        if (!measure.range().contains(first) || !measure.range().contains(latest)) {
            int outside = measure.range().contains(first) ? latest : first;
            return new Change(first, latest, change, null, ChangeClassification.NOT_CLASSIFIED, method.kind(),
                    "a score of " + outside + " lies outside the " + measure.displayName() + " range "
                            + measure.range() + " of the outcome definition: not classified");
        }
        Direction direction = measure.direction();
        double improvement = direction.improvement(change);
        if (method instanceof NhsTalkingTherapies nhs) {
            return new Change(first, latest, change, null,
                    byPoints(improvement, nhs.reliableChange()), method.kind(), describe(measure, nhs));
        }
        if (method instanceof JacobsonTruax jt) {
            double rci = jt.rci(change);
            double better = direction.improvement(rci);
            ChangeClassification classification = better > jt.z() ? ChangeClassification.RELIABLE_IMPROVEMENT
                    : better < -jt.z() ? ChangeClassification.RELIABLE_DETERIORATION
                    : ChangeClassification.NO_RELIABLE_CHANGE;
            return new Change(first, latest, change, rci, classification, method.kind(), describe(measure, jt));
        }
        if (method instanceof FixedThreshold fixed) {
            return new Change(first, latest, change, null, byPoints(improvement, fixed.points()), method.kind(),
                    describe(measure, fixed));
        }
        NotClassified none = (NotClassified) method;
        return new Change(first, latest, change, null, ChangeClassification.NOT_CLASSIFIED, method.kind(),
                none.reason());
    }

    /**
     * The change over a series of {@code count} scores of one instrument, from {@code first} to {@code latest}: not
     * classified without an outcome definition ({@code measure} null) or with one score only, else classified with
     * the instrument's method in use. The one rule the journey and the published classifications share.
     */
    public static Change overSeries(String instrumentId, OutcomeMeasure measure, int count, int first, int latest) {
        return measure == null ? undefined(instrumentId, first, latest)
                : count == 1 ? singleMeasure(measure, first)
                : classify(measure, first, latest);
    }

    /** A single measure so far: nothing to classify yet. */
    public static Change singleMeasure(OutcomeMeasure measure, int score) {
        return new Change(score, score, 0, null, ChangeClassification.NOT_CLASSIFIED,
                measure == null ? NO_METHOD : measure.method().kind(),
                "one measure so far: change is classified from the second measure on");
    }

    /** An instrument the outcome data does not define. */
    public static Change undefined(String instrumentId, int first, int latest) {
        return new Change(first, latest, latest - first, null, ChangeClassification.NOT_CLASSIFIED, NO_METHOD,
                "no outcome definition for " + instrumentId + ": change is not classified");
    }

    private static ChangeClassification byPoints(double improvement, double threshold) {
        if (improvement >= threshold) {
            return ChangeClassification.RELIABLE_IMPROVEMENT;
        }
        if (improvement <= -threshold) {
            return ChangeClassification.RELIABLE_DETERIORATION;
        }
        return ChangeClassification.NO_RELIABLE_CHANGE;
    }

    /** What a reliable improvement needs on this instrument with this method, e.g. "a fall of 6 or more points". */
    public static String improvementNeeds(OutcomeMeasure measure, ChangeMethod method) {
        String better = measure.direction() == Direction.LOWER_IS_BETTER ? "fall" : "rise";
        if (method instanceof NhsTalkingTherapies nhs) {
            return "a " + better + " of " + nhs.reliableChange() + " or more points";
        }
        if (method instanceof JacobsonTruax jt) {
            return "a " + better + " of more than " + Figures.number(jt.minimumReliableChange())
                    + " points (|RCI| > " + Figures.number(jt.z()) + ")";
        }
        if (method instanceof FixedThreshold fixed) {
            return "a " + better + " of " + Figures.number(fixed.points()) + " or more points";
        }
        return "a method this instrument does not have";
    }

    private static String describe(OutcomeMeasure measure, NhsTalkingTherapies nhs) {
        return "NHS Talking Therapies: on " + measure.displayName() + " " + movement(measure, nhs.reliableChange()
                + " or more points") + " (threshold " + nhs.reliableChange() + ")";
    }

    private static String describe(OutcomeMeasure measure, JacobsonTruax jt) {
        return "Jacobson–Truax: RCI = change / " + Figures.number(jt.sDiff()) + " (S_diff from SD1 "
                + Figures.number(jt.sd1()) + ", r " + Figures.number(jt.reliability()) + " " + jt.reliabilityKind()
                + "); reliable when |RCI| > " + Figures.number(jt.z()) + ", i.e. a change of more than "
                + Figures.number(jt.minimumReliableChange()) + " points on " + measure.displayName();
    }

    private static String describe(OutcomeMeasure measure, FixedThreshold fixed) {
        return "fixed threshold: on " + measure.displayName() + " " + movement(measure,
                Figures.number(fixed.points()) + " or more points") + " (threshold " + Figures.number(fixed.points())
                + ")";
    }

    private static String movement(OutcomeMeasure measure, String amount) {
        boolean lowerIsBetter = measure.direction() == Direction.LOWER_IS_BETTER;
        return "a " + (lowerIsBetter ? "fall" : "rise") + " of " + amount + " is reliable improvement, a "
                + (lowerIsBetter ? "rise" : "fall") + " of as much reliable deterioration";
    }
}
