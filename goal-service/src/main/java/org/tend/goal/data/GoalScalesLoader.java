package org.tend.goal.data;

import org.tend.goal.domain.GasScore;
import org.tend.goal.domain.GoalScales;
import org.tend.plumbing.data.DataFileException;
import org.tend.plumbing.data.DataFiles;

/**
 * Reads {@code goal-scales/goal-scales-v1.yaml} through the plumbing's strict reader (its structure and ranges are in
 * {@code goal-scales.schema.json} beside it) and builds the domain's {@link GoalScales}.
 */
public final class GoalScalesLoader {

    public static final String GOAL_SCALES = "goal-scales/goal-scales-v1.yaml";
    static final String SCHEMA = "goal-scales/goal-scales.schema.json";

    /** The shape of the file, as written. */
    record GoalScalesFile(String goalScalesVersion, Gas goalAttainmentScaling, Gbo goalBasedOutcomes) {
    }

    record Gas(double rho) {
    }

    record Gbo(Double reliableChange) {
    }

    private GoalScalesLoader() {
    }

    /**
     * @throws DataFileException naming the file and every fault
     */
    public static GoalScales load(String resource) {
        GoalScalesFile file = DataFiles.read(resource, SCHEMA, GoalScalesFile.class,
                GoalScalesLoader.class.getClassLoader());
        return DataFileException.build(resource, () -> new GoalScales(new GasScore(file.goalAttainmentScaling().rho()),
                file.goalBasedOutcomes().reliableChange()));
    }
}
