package org.tend.insights.privacy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An amount of privacy budget, kept as an exact decimal so that spending and comparing never round (0.1 + 0.2 is 0.3
 * here). The noise sampler reads it as the exact fraction {@link #numerator()}/{@link #denominator()}.
 */
public record Epsilon(BigDecimal value) implements Comparable<Epsilon> {

    public static final Epsilon ZERO = new Epsilon(BigDecimal.ZERO);

    public Epsilon {
        Objects.requireNonNull(value, "value");
        if (value.signum() < 0) {
            throw new IllegalArgumentException("a budget is not negative");
        }
        value = value.stripTrailingZeros();
        if (value.scale() < 0) {
            value = value.setScale(0);
        }
    }

    /** An exact decimal such as {@code "0.25"}. */
    public static Epsilon of(String decimal) {
        return new Epsilon(new BigDecimal(decimal));
    }

    public Epsilon plus(Epsilon other) {
        return new Epsilon(value.add(other.value));
    }

    public Epsilon minus(Epsilon other) {
        return new Epsilon(value.subtract(other.value));
    }

    /** This amount divided by a whole number, exactly (as a fraction: see {@link #numerator()}). */
    public Epsilon dividedBy(int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts ≥ 1");
        }
        // Exact only where the decimal terminates; halves, quarters and fifths always do.
        return new Epsilon(value.divide(BigDecimal.valueOf(parts)));
    }

    public boolean isPositive() {
        return value.signum() > 0;
    }

    /** The numerator of this amount as a fraction in lowest terms with a power of ten below. */
    public BigInteger numerator() {
        return value.unscaledValue();
    }

    /** The denominator: 10 to the power of the decimal's scale. */
    public BigInteger denominator() {
        return BigInteger.TEN.pow(value.scale());
    }

    @Override
    public int compareTo(Epsilon other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.toPlainString();
    }
}
