package org.tend.goal.domain;

import java.util.Locale;
import java.util.Optional;

/** How a goal ended. */
public enum GoalClosure {
    ACHIEVED, NO_LONGER_RELEVANT;

    /** As it travels and as a request gives it: {@code achieved}, {@code no-longer-relevant}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<GoalClosure> ofCode(String code) {
        for (GoalClosure closure : values()) {
            if (closure.code().equals(code)) {
                return Optional.of(closure);
            }
        }
        return Optional.empty();
    }
}
