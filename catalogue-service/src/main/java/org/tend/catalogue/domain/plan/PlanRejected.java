package org.tend.catalogue.domain.plan;

import static org.tend.kernel.Rejection.Kind.CONFLICT;
import static org.tend.kernel.Rejection.Kind.INVALID;

import org.tend.kernel.Rejection;

/** An adjustment or review broke one of the care plan's rules; the reason names the field and the rule. */
public class PlanRejected extends Rejection {

    public enum Reason {
        INTERVENTION_REQUIRED("interventionId", "required", INVALID),
        REPLACED_REQUIRED("replacedInterventionId", "required", INVALID),
        NOT_A_STEP("interventionId", "not-allowed", INVALID),
        NOTE_TOO_LONG("note", "range", INVALID),
        ALREADY_ACTIVE("interventionId", "already-active", CONFLICT),
        NOT_ACTIVE("interventionId", "not-active", CONFLICT),
        REPLACED_NOT_ACTIVE("replacedInterventionId", "not-active", CONFLICT),
        INTERVENTION_LIMIT("interventionId", "intervention-limit", CONFLICT),
        NO_LEVEL("change", "no-level", CONFLICT),
        TOP_STEP("change", "top-step", CONFLICT),
        BOTTOM_STEP("change", "bottom-step", CONFLICT);

        private final String field;
        private final String rule;
        private final Kind kind;

        Reason(String field, String rule, Kind kind) {
            this.field = field;
            this.rule = rule;
            this.kind = kind;
        }
    }

    private final Reason reason;

    public PlanRejected(Reason reason, String message) {
        super(reason.kind, reason.field, reason.rule, message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
