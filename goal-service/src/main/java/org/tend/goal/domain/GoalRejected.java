package org.tend.goal.domain;

import static org.tend.kernel.Rejection.Kind.CONFLICT;
import static org.tend.kernel.Rejection.Kind.INVALID;
import static org.tend.kernel.Rejection.Kind.NOT_FOUND;

import org.tend.kernel.Rejection;

/**
 * A command broke one of the goal rules. The reason names the field, the rule and what kind of refusal it is, so the
 * web edge turns it into a problem without knowing the rules themselves.
 */
public class GoalRejected extends Rejection {

    /** Every rule the aggregate enforces. */
    public enum Reason {
        DESCRIPTION_REQUIRED("description", "required", INVALID),
        DESCRIPTION_TOO_LONG("description", "range", INVALID),
        TARGET_DATE_IN_PAST("targetDate", "not-past", INVALID),
        GOAL_LIMIT_REACHED("participantId", "goal-limit", CONFLICT),
        DUPLICATE_GOAL("goalId", "duplicate", CONFLICT),
        /** The goal was achieved or closed as no longer relevant: it takes no more ratings and no revision. */
        GOAL_CLOSED("goalId", "goal-closed", CONFLICT),
        UNKNOWN_GOAL("goalId", "unknown", NOT_FOUND),
        RATING_OUT_OF_RANGE("rating", "range", INVALID),
        WEIGHT_OUT_OF_RANGE("weight", "range", INVALID),
        BASELINE_OUT_OF_RANGE("baselineLevel", "range", INVALID),
        /** A level without a description; the field names the level, e.g. {@code levels.-2}. */
        LEVEL_DESCRIPTION_REQUIRED("levels", "required", INVALID),
        LEVEL_DESCRIPTION_TOO_LONG("levels", "range", INVALID),
        /** A description for a level that GAS does not have (e.g. {@code levels.3}). */
        UNKNOWN_LEVEL("levels", "unknown", INVALID),
        SCALE_IN_USE("goalId", "scale-in-use", CONFLICT),
        NO_ATTAINMENT_SCALE("goalId", "no-attainment-scale", INVALID),
        LEVEL_OUT_OF_RANGE("level", "range", INVALID);

        private final String field;
        private final String rule;
        private final Kind kind;

        Reason(String field, String rule, Kind kind) {
            this.field = field;
            this.rule = rule;
            this.kind = kind;
        }

        public String field() {
            return field;
        }

        public String rule() {
            return rule;
        }
    }

    private final Reason reason;

    public GoalRejected(Reason reason, String message) {
        this(reason, reason.field(), message);
    }

    /** A refusal about one part of a field, e.g. reason {@link Reason#LEVEL_DESCRIPTION_REQUIRED}, field {@code levels.0}. */
    public GoalRejected(Reason reason, String field, String message) {
        super(reason.kind, field, reason.rule(), message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
