package org.tend.progress.domain.outcome;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tend.progress.domain.outcome.ChangeMethod.FixedThreshold;
import org.tend.progress.domain.outcome.ChangeMethod.JacobsonTruax;
import org.tend.progress.domain.outcome.ChangeMethod.NhsTalkingTherapies;
import org.tend.progress.domain.outcome.ChangeMethod.NotClassified;

/**
 * The clinical basis's figures written out by hand (§3 ranges and directions, §6.1 z, §6.3 NHS thresholds,
 * caseness and the SD/reliability table, §3.5 WHO-5's 10 points, §7.2 ρ): the domain tests classify with these, and
 * the shipped data file is checked to load exactly these numbers.
 */
public final class OutcomeFixtures {

    public static final double Z = 1.96;

    public static final NhsTalkingTherapies PHQ9_NHS = new NhsTalkingTherapies("nhs-talking-therapies", 6);
    public static final JacobsonTruax PHQ9_JT_TEST_RETEST =
            new JacobsonTruax("jacobson-truax-test-retest", 5.5, 0.84, "test-retest", Z);
    public static final JacobsonTruax PHQ9_JT_ALPHA =
            new JacobsonTruax("jacobson-truax-alpha", 5.5, 0.89, "cronbach-alpha", Z);
    public static final NhsTalkingTherapies GAD7_NHS = new NhsTalkingTherapies("nhs-talking-therapies", 4);
    public static final JacobsonTruax GAD7_JT_ALPHA =
            new JacobsonTruax("jacobson-truax-alpha", 4.5, 0.92, "cronbach-alpha", Z);
    public static final JacobsonTruax GAD7_JT_TEST_RETEST =
            new JacobsonTruax("jacobson-truax-test-retest", 4.5, 0.83, "test-retest", Z);
    public static final FixedThreshold WHO5_FIXED = new FixedThreshold("fixed-threshold", 10);

    public static final OutcomeMeasure PHQ9 = new OutcomeMeasure("phq-9", "PHQ-9", Direction.LOWER_IS_BETTER,
            new ScoreRange(0, 27), 10, PHQ9_NHS, List.of(PHQ9_NHS, PHQ9_JT_TEST_RETEST, PHQ9_JT_ALPHA));
    public static final OutcomeMeasure GAD7 = new OutcomeMeasure("gad-7", "GAD-7", Direction.LOWER_IS_BETTER,
            new ScoreRange(0, 21), 8, GAD7_NHS, List.of(GAD7_NHS, GAD7_JT_ALPHA, GAD7_JT_TEST_RETEST));
    public static final OutcomeMeasure WHO5 = new OutcomeMeasure("who-5", "WHO-5", Direction.HIGHER_IS_BETTER,
            new ScoreRange(0, 100), null, WHO5_FIXED, List.of(WHO5_FIXED));
    public static final OutcomeMeasure PHQ2 = unclassified("phq-2", "PHQ-2", 0, 6);
    public static final OutcomeMeasure GAD2 = unclassified("gad-2", "GAD-2", 0, 6);
    public static final OutcomeMeasure PSS10 = unclassified("pss-10", "PSS-10", 0, 40);
    public static final OutcomeMeasure K10 = unclassified("k10", "K10", 10, 50);

    public static final List<OutcomeMeasure> ALL = List.of(PHQ9, GAD7, WHO5, PHQ2, GAD2, PSS10, K10);

    public static final OutcomeMeasures MEASURES = measures(true);

    private OutcomeFixtures() {
    }

    public static OutcomeMeasures measures(boolean deteriorationExclusion) {
        Map<String, OutcomeMeasure> byId = new LinkedHashMap<>();
        ALL.forEach(m -> byId.put(m.instrumentId(), m));
        return new OutcomeMeasures("1.0.0", byId, new TalkingTherapiesConvention(PHQ9, GAD7, deteriorationExclusion));
    }

    private static OutcomeMeasure unclassified(String id, String name, int min, int max) {
        NotClassified none = new NotClassified("not-classified", "no standard reliable change index for " + name);
        return new OutcomeMeasure(id, name, Direction.LOWER_IS_BETTER, new ScoreRange(min, max), null, none,
                List.of(none));
    }
}
