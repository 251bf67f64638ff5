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
            case DESCRIPTION_REQUIRED, DESCRIPTION_TOO_LONG, TARGET_DATE_IN_PAST, RATING_OUT_OF_RANGE ->
                    new InvalidInputException(reason.field(), reason.rule(), rejected.getMessage());
            case GOAL_LIMIT_REACHED, DUPLICATE_GOAL ->
                    new ConflictException(reason.field(), reason.rule(), rejected.getMessage());
            case UNKNOWN_GOAL -> new NotFoundException(reason.field(), rejected.getMessage());
        };
    }
}
