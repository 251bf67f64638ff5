package org.tend.insights.domain;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.tend.insights.privacy.Period;

/**
 * The instants a period covers, in UTC: {@code [from, to)}; a to-date period has no start.
 *
 * @param months how many calendar months it spans (a to-date period: from the programme's first month)
 */
public record Window(Instant from, Instant to, int months) {

    static Window of(Period period, YearMonth programmeStart) {
        Instant to = start(period.last().plusMonths(1));
        if (period.kind() == Period.Kind.TO_DATE) {
            int months = (int) Math.max(1, programmeStart.until(period.last(), java.time.temporal.ChronoUnit.MONTHS) + 1);
            return new Window(null, to, months);
        }
        int months = (int) period.first().until(period.last(), java.time.temporal.ChronoUnit.MONTHS) + 1;
        return new Window(start(period.first()), to, months);
    }

    static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** Whether the instant lies in the window. */
    public boolean contains(Instant t) {
        return (from == null || !t.isBefore(from)) && t.isBefore(to);
    }

    /** Whether the instant lies before the window's end. */
    public boolean byEnd(Instant t) {
        return t.isBefore(to);
    }
}
