package org.tend.insights.privacy;

import java.time.Year;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.Objects;

/**
 * When a figure is about: one calendar month, one calendar quarter, or "to date" (everything from the programme's
 * start to the end of a month). Only closed periods belong in a plan: a figure of the month still running would
 * change from day to day and each change would be a difference of a few participants.
 *
 * <p>Periods are ordered by when they end, then the longer first ({@link #compareTo}): that is the meaning of
 * "earlier" and "later" in the differencing rule, and no decision about a period depends on a period that ends after
 * it.
 */
public record Period(Kind kind, YearMonth first, YearMonth last) implements Comparable<Period> {

    public enum Kind { TO_DATE, QUARTER, MONTH }

    /** Earlier end first; for the same end, the earlier start (the longer period) first. */
    private static final Comparator<Period> ORDER = Comparator.comparing(Period::last)
            .thenComparing(Period::first)
            .thenComparing(Period::kind);

    /** The start a to-date period is given: its real start is the programme's, which no figure needs. */
    private static final YearMonth BEGINNING = YearMonth.of(1, 1);

    public Period {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        boolean valid = switch (kind) {
            case MONTH -> first.equals(last);
            case QUARTER -> (first.getMonthValue() - 1) % 3 == 0 && last.equals(first.plusMonths(2));
            case TO_DATE -> first.equals(BEGINNING);
        };
        if (!valid) {
            throw new IllegalArgumentException("not a " + kind + " period: " + first + ".." + last);
        }
    }

    public static Period month(YearMonth month) {
        return new Period(Kind.MONTH, month, month);
    }

    /** Quarter 1 to 4 of the year. */
    public static Period quarter(Year year, int quarter) {
        if (quarter < 1 || quarter > 4) {
            throw new IllegalArgumentException("a quarter is 1 to 4");
        }
        YearMonth first = year.atMonth(3 * quarter - 2);
        return new Period(Kind.QUARTER, first, first.plusMonths(2));
    }

    /** The quarter the month lies in. */
    public static Period quarterOf(YearMonth month) {
        return quarter(Year.of(month.getYear()), (month.getMonthValue() - 1) / 3 + 1);
    }

    /** Everything up to and including the month. */
    public static Period toDate(YearMonth asOf) {
        return new Period(Kind.TO_DATE, BEGINNING, asOf);
    }

    public boolean contains(YearMonth month) {
        return !month.isBefore(first) && !month.isAfter(last);
    }

    @Override
    public int compareTo(Period other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case MONTH -> first.toString();
            case QUARTER -> first.getYear() + "-Q" + ((first.getMonthValue() - 1) / 3 + 1);
            case TO_DATE -> "to-date:" + last;
        };
    }
}
