package org.tend.assessment.domain.programme;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.tend.kernel.Rejection;

/**
 * How long a closed programme's data is kept: an ISO-8601 period of days, weeks, months or years ({@code P30D},
 * {@code P6M}, {@code P1Y}), from none ({@code P0D}: erased at the next sweep) up to ten years.
 */
public final class RetentionPeriod {

    /** The longest retention an administrator may set. */
    public static final Period LONGEST = Period.ofYears(10);

    private RetentionPeriod() {
    }

    /**
     * The period, checked.
     *
     * @throws org.tend.kernel.Rejection (422, field {@code retention}) {@code iso-8601-period} when it is not one,
     *                                   {@code range} when negative or longer than ten years
     */
    public static Period parse(String retention) {
        Period period;
        try {
            period = Period.parse(retention == null ? "" : retention.trim());
        } catch (DateTimeParseException e) {
            throw Rejection.invalid("retention", "iso-8601-period",
                    "retention must be an ISO-8601 period such as P30D, P6M or P1Y");
        }
        java.time.LocalDate from = java.time.LocalDate.of(2000, 1, 1);
        if (period.isNegative() || period.getDays() < 0 || period.getMonths() < 0 || period.getYears() < 0
                || from.plus(period).isAfter(from.plus(LONGEST))) {
            throw Rejection.invalid("retention", "range", "retention must be between P0D and P10Y");
        }
        return period;
    }

    /** When the data of a programme closed at {@code closedAt} is erased (calendar arithmetic in UTC). */
    public static Instant eraseAfter(Instant closedAt, Period retention) {
        return closedAt.atOffset(ZoneOffset.UTC).plus(retention).toInstant();
    }
}
