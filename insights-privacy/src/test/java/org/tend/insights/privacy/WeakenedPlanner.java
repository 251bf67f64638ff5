package org.tend.insights.privacy;

import java.util.EnumSet;
import java.util.Set;

/** A planner with some of its rules switched off: the tests show the attacker catches each such weakening. */
final class WeakenedPlanner extends PrivacyPlanner {

    enum Stage { HOMOGENEITY, DIFFERENCING, COMPLEMENTARY, DERIVED_DIFFERENCING }

    private final Set<Stage> off;

    WeakenedPlanner(int k, Stage... off) {
        super(PrivacySettings.exact(k));
        this.off = off.length == 0 ? EnumSet.noneOf(Stage.class) : EnumSet.of(off[0], off);
    }

    static WeakenedPlanner thresholdOnly(int k) {
        return new WeakenedPlanner(k, Stage.values());
    }

    @Override
    void homogeneity(PlanWork w) {
        if (!off.contains(Stage.HOMOGENEITY)) {
            super.homogeneity(w);
        }
    }

    @Override
    void differencing(PlanWork w) {
        if (!off.contains(Stage.DIFFERENCING)) {
            super.differencing(w);
        }
    }

    @Override
    boolean complementary(PlanWork w, PlanWork.Step step) {
        return !off.contains(Stage.COMPLEMENTARY) && super.complementary(w, step);
    }

    @Override
    boolean derivedDifferencing(PlanWork w, PlanWork.Step step) {
        return !off.contains(Stage.DERIVED_DIFFERENCING) && super.derivedDifferencing(w, step);
    }
}
