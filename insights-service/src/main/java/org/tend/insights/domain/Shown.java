package org.tend.insights.domain;

import java.math.BigDecimal;
import java.util.Objects;
import org.tend.insights.privacy.Disclosure;
import org.tend.insights.privacy.Rule;

/**
 * One value as the API shows it: {@code {"status":"released","value":…}} (with {@code "noisy":true} in noise mode),
 * or {@code {"status":"withheld","rule":…,"explanation":…}}. A withheld value is never a number and never a bare
 * null: it always says which rule withheld it and why, in words an HR reader can act on.
 *
 * @param value a whole number (a count, a total) or a decimal with one place (a mean, a percentage); null if withheld
 * @param noisy true when noise mode added noise to it (null otherwise, and left out of the JSON)
 */
public record Shown(String status, Object value, Boolean noisy, String rule, String explanation) {

    public static final String RELEASED = "released";
    public static final String WITHHELD = "withheld";

    public Shown {
        Objects.requireNonNull(status, "status");
        if (RELEASED.equals(status) != (value != null) || WITHHELD.equals(status) == (rule == null)) {
            throw new IllegalArgumentException("a released value has a value, a withheld one a rule");
        }
    }

    public static Shown released(long value, boolean noisy) {
        return new Shown(RELEASED, value, noisy ? Boolean.TRUE : null, null, null);
    }

    public static Shown released(BigDecimal value, boolean noisy) {
        return new Shown(RELEASED, value, noisy ? Boolean.TRUE : null, null, null);
    }

    public static Shown withheld(Rule rule, int k) {
        return new Shown(WITHHELD, null, null, rule.code(), explanation(rule, k));
    }

    /** A value of a period that has not ended: its figures would change day by day, each change a few people. */
    public static Shown open(int k) {
        return new Shown(WITHHELD, null, null, Rule.DIFFERENCING.code(), "The period has not ended: its figures change"
                + " as people join and answer, and two days' figures " + "would differ by fewer than " + k
                + " people. They are shown once the period is over.");
    }

    public static Shown of(Disclosure disclosure, int k) {
        if (disclosure instanceof Disclosure.Released r) {
            return released(r.value(), r.noisy());
        }
        return withheld(((Disclosure.Withheld) disclosure).rule(), k);
    }

    /** Whether it is shown (not a bean getter: the JSON carries {@code status}). */
    public boolean shown() {
        return RELEASED.equals(status);
    }

    /** Whether noise was added to it. */
    public boolean addedNoise() {
        return Boolean.TRUE.equals(noisy);
    }

    /** The released value as a number; only for a released value. */
    public BigDecimal number() {
        return value instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) value).longValue());
    }

    /** Why a value is withheld, with the programme's k. */
    public static String explanation(Rule rule, int k) {
        return switch (rule) {
            case THRESHOLD -> "Fewer than " + k + " people: withheld to protect a small group.";
            case COMPLEMENTARY -> "Withheld so that it cannot be worked out from the totals and other figures shown.";
            case HOMOGENEITY -> "All but fewer than " + k + " people of the group are in one category: showing it"
                    + " would tell something about each of them.";
            case DIFFERENCING -> "Its group differs from another figure's by fewer than " + k + " people: comparing"
                    + " the two would single them out.";
            case BUDGET -> "Your privacy budget for this programme this month is spent.";
        };
    }
}
