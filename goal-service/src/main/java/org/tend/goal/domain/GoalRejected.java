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
        RATING_OUT_OF_RANGE("rating", "range");

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

    public GoalRejected(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
