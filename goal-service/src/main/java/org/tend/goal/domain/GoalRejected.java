package org.tend.goal.domain;

/**
 * A command broke one of the goal rules. The reason names the field and the rule, so the web edge can turn it into
 * a problem without knowing the rules themselves.
 */
public class GoalRejected extends RuntimeException {

    /** Every rule the aggregate enforces. */
    public enum Reason {
        DESCRIPTION_REQUIRED("description", "required"),
        DESCRIPTION_TOO_LONG("description", "range"),
        TARGET_DATE_IN_PAST("targetDate", "not-past"),
        GOAL_LIMIT_REACHED("participantId", "goal-limit"),
        DUPLICATE_GOAL("goalId", "duplicate"),
        UNKNOWN_GOAL("goalId", "unknown"),
        RATING_OUT_OF_RANGE("rating", "range"),
        WEIGHT_OUT_OF_RANGE("weight", "range"),
        BASELINE_OUT_OF_RANGE("baselineLevel", "range"),
        /** A level without a description; the field names the level, e.g. {@code levels.-2}. */
        LEVEL_DESCRIPTION_REQUIRED("levels", "required"),
        LEVEL_DESCRIPTION_TOO_LONG("levels", "range"),
        /** A description for a level that GAS does not have (e.g. {@code levels.3}). */
        UNKNOWN_LEVEL("levels", "unknown"),
        SCALE_IN_USE("goalId", "scale-in-use"),
        NO_ATTAINMENT_SCALE("goalId", "no-attainment-scale"),
        LEVEL_OUT_OF_RANGE("level", "range");

        private final String field;
        private final String rule;

        Reason(String field, String rule) {
            this.field = field;
            this.rule = rule;
        }

        public String field() {
            return field;
        }

        public String rule() {
            return rule;
        }
    }

    private final Reason reason;
    private final String field;

    public GoalRejected(Reason reason, String message) {
        this(reason, reason.field(), message);
    }

    /** A refusal about one part of a field, e.g. reason {@link Reason#LEVEL_DESCRIPTION_REQUIRED}, field {@code levels.0}. */
    public GoalRejected(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    /** The field at fault: the reason's field, or a part of it. */
    public String field() {
        return field;
    }
}
