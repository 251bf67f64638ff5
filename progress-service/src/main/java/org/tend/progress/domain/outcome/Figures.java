package org.tend.progress.domain.outcome;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers as the journey shows them: at most two decimals, no trailing zeros, a sign on changes. */
public final class Figures {

    private Figures() {
    }

    /** 5.5 → "5.5", 6.0 → "6", 3.11127 → "3.11". */
    public static String number(double value) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
    }

    /** A change with its sign: "+6", "-8", "0". */
    public static String signed(int change) {
        return change > 0 ? "+" + change : Integer.toString(change);
    }

    /** Two decimals, halves away from zero (for an RCI). */
    public static double twoDecimals(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}
