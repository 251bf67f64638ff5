package org.tend.goal.web;

import org.tend.goal.domain.GoalRejected;
import org.tend.plumbing.web.ApiException;
import org.tend.plumbing.web.ConflictException;
import org.tend.plumbing.web.InvalidInputException;
import org.tend.plumbing.web.NotFoundException;

/** The aggregate's rejections as problems: broken rules 422, state conflicts 409, an unknown goal 404. */
final class Rejections {
    private Rejections() {
    }

    static ApiException toProblem(GoalRejected rejected) {
        GoalRejected.Reason reason = rejected.reason();
        return switch (reason) {
            case DESCRIPTION_REQUIRED, DESCRIPTION_TOO_LONG, TARGET_DATE_IN_PAST, RATING_OUT_OF_RANGE,
                 WEIGHT_OUT_OF_RANGE, BASELINE_OUT_OF_RANGE, LEVEL_DESCRIPTION_REQUIRED, LEVEL_DESCRIPTION_TOO_LONG,
                 UNKNOWN_LEVEL, LEVEL_OUT_OF_RANGE, NO_ATTAINMENT_SCALE ->
                    new InvalidInputException(rejected.field(), reason.rule(), rejected.getMessage());
            case GOAL_LIMIT_REACHED, DUPLICATE_GOAL, SCALE_IN_USE ->
                    new ConflictException(rejected.field(), reason.rule(), rejected.getMessage());
            case UNKNOWN_GOAL -> new NotFoundException(rejected.field(), rejected.getMessage());
        };
    }
}
