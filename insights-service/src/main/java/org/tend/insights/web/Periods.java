package org.tend.insights.web;

import java.time.Year;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tend.insights.privacy.Period;
import org.tend.plumbing.web.BadRequestException;

/** The periods HR may ask for: a calendar month {@code 2026-05} or quarter {@code 2026-Q2}, never a date range. */
final class Periods {

    static final String PATTERN = "^([0-9]{4})-(0[1-9]|1[0-2]|Q[1-4])$";
    private static final Pattern FORM = Pattern.compile(PATTERN);

    private Periods() {
    }

    /** The period, or a 400 problem naming {@code period}: malformed ({@code pattern}) or not begun ({@code future}). */
    static Period parse(String text, YearMonth current) {
        Matcher m = text == null ? null : FORM.matcher(text);
        if (m == null || !m.matches()) {
            throw new BadRequestException("period", "pattern",
                    "period must be a calendar month (2026-05) or quarter (2026-Q2)");
        }
        int year = Integer.parseInt(m.group(1));
        String part = m.group(2);
        Period period = part.startsWith("Q")
                ? Period.quarter(Year.of(year), Integer.parseInt(part.substring(1)))
                : Period.month(YearMonth.of(year, Integer.parseInt(part)));
        if (period.first().isAfter(current)) {
            throw new BadRequestException("period", "future", "period " + text + " has not begun");
        }
        return period;
    }

    /** How the API names a period. */
    static String name(Period period) {
        return period.toString();
    }
}
