package org.tend.goal.domain;

import java.util.Locale;

/** Who set or rated a goal, as a role (never who they are). */
public enum GoalRole {
    PARTICIPANT, PRACTITIONER;

    /** The role as it travels in integration events: {@code participant}, {@code practitioner}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
