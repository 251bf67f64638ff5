package org.tend.insights.privacy;

import java.util.Objects;

/** One value of a figure as the API may show it: released with its value, or withheld with the rule that withheld it. */
public sealed interface Disclosure {

    boolean isReleased();

    /** A value HR may see. {@code noisy}: noise mode added discrete Laplace noise to it. */
    record Released(long value, boolean noisy) implements Disclosure {
        @Override
        public boolean isReleased() {
            return true;
        }
    }

    /** A value HR may not see, and why. */
    record Withheld(Rule rule) implements Disclosure {
        public Withheld {
            Objects.requireNonNull(rule, "rule");
        }

        @Override
        public boolean isReleased() {
            return false;
        }
    }

    static Disclosure released(long value, boolean noisy) {
        return new Released(value, noisy);
    }

    static Disclosure withheld(Rule rule) {
        return new Withheld(rule);
    }
}
