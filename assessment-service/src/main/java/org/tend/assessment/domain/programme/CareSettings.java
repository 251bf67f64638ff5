package org.tend.assessment.domain.programme;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tend.kernel.Rejection;
import org.tend.kernel.Rejection.Violation;

/**
 * A programme's care settings: how many goals a participant may have active at once, how long a review flag may stay
 * unresolved before it is overdue, and the re-assessment schedule (versioned: {@code default-v1} as shipped,
 * {@code programme-v1}, {@code programme-v2} … as the programme's administrators change it).
 *
 * <p>The rules are checked here once, for an administrator's change and for the shipped defaults alike
 * ({@link #violations}); each fault names its field as in the request ({@code schedule.items[0].measure}).
 */
public record CareSettings(int maxActiveGoals, String reviewPeriod, String scheduleVersion,
                           List<ScheduleItem> schedule) {

    public static final int MIN_ACTIVE_GOALS = 1;
    public static final int MAX_ACTIVE_GOALS = 5;
    public static final int MAX_DAYS = 999;
    public static final int MAX_SCHEDULE_ITEMS = 20;
    /** The schedule's measure that is not an instrument: a rating of every active goal. */
    public static final String GOAL_RATING = "goal-rating";
    public static final String ENROLLED = "enrolled";
    public static final String PLAN_ACTIVE = "plan-active";
    /** The version a programme's own schedule gets, followed by its number. */
    static final String PROGRAMME_VERSION = "programme-v";

    private static final Pattern DAYS = Pattern.compile("P0*([0-9]{1,9})D");

    public CareSettings {
        schedule = List.copyOf(schedule);
    }

    /**
     * Every rule the values break, none when they make valid settings.
     *
     * @param knownMeasures what a schedule item may measure: the instruments' ids and {@value #GOAL_RATING}
     * @param schedule      null when the schedule is not being set
     */
    public static List<Violation> violations(Integer maxActiveGoals, String reviewPeriod,
                                             List<ScheduleItem> schedule, Set<String> knownMeasures) {
        List<Violation> faults = new ArrayList<>();
        if (maxActiveGoals == null) {
            faults.add(new Violation("maxActiveGoals", "required", "maxActiveGoals is required"));
        } else if (maxActiveGoals < MIN_ACTIVE_GOALS || maxActiveGoals > MAX_ACTIVE_GOALS) {
            faults.add(new Violation("maxActiveGoals", "range", "maxActiveGoals must be between "
                    + MIN_ACTIVE_GOALS + " and " + MAX_ACTIVE_GOALS));
        }
        days("reviewPeriod", reviewPeriod, faults);
        if (schedule != null) {
            if (schedule.size() > MAX_SCHEDULE_ITEMS) {
                faults.add(new Violation("schedule.items", "range", "a schedule has at most "
                        + MAX_SCHEDULE_ITEMS + " items"));
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < schedule.size(); i++) {
                String at = "schedule.items[" + i + "].";
                ScheduleItem item = schedule.get(i);
                if (item == null) {
                    faults.add(new Violation("schedule.items[" + i + "]", "required", "an item is required"));
                    continue;
                }
                if (item.measure() == null) {
                    faults.add(new Violation(at + "measure", "required", "measure is required"));
                } else if (!knownMeasures.contains(item.measure())) {
                    faults.add(new Violation(at + "measure", "unknown", "measure must be an instrument's id or '"
                            + GOAL_RATING + "'"));
                } else if (!seen.add(item.measure())) {
                    faults.add(new Violation(at + "measure", "duplicate", "each measure is scheduled once"));
                }
                days(at + "every", item.every(), faults);
                if (item.applies() == null) {
                    faults.add(new Violation(at + "while", "required", "while is required"));
                } else if (!item.applies().equals(ENROLLED) && !item.applies().equals(PLAN_ACTIVE)) {
                    faults.add(new Violation(at + "while", "unknown", "while must be '" + ENROLLED + "' or '"
                            + PLAN_ACTIVE + "'"));
                }
            }
        }
        return faults;
    }

    /**
     * Settings from an administrator's values, the schedule kept from {@code current} when {@code schedule} is null.
     * A schedule that differs from the current one gets the next {@code programme-v<n>} version.
     *
     * @throws Rejection (422) naming every field at fault
     */
    public static CareSettings changed(CareSettings current, Integer maxActiveGoals, String reviewPeriod,
                                       List<ScheduleItem> schedule, Set<String> knownMeasures) {
        List<Violation> faults = violations(maxActiveGoals, reviewPeriod, schedule, knownMeasures);
        if (!faults.isEmpty()) {
            throw new Rejection(Rejection.Kind.INVALID, "The care settings are invalid", faults);
        }
        List<ScheduleItem> items = schedule == null ? current.schedule() : canonical(schedule);
        String version = items.equals(current.schedule()) ? current.scheduleVersion() : nextVersion(current);
        return new CareSettings(maxActiveGoals, canonicalDays(reviewPeriod), version, items);
    }

    private static String nextVersion(CareSettings current) {
        String version = current.scheduleVersion();
        int n = version.startsWith(PROGRAMME_VERSION)
                ? Integer.parseInt(version.substring(PROGRAMME_VERSION.length())) : 0;
        return PROGRAMME_VERSION + (n + 1);
    }

    /** The items with their periods written canonically ({@code P014D} → {@code P14D}). */
    static List<ScheduleItem> canonical(List<ScheduleItem> schedule) {
        return schedule.stream()
                .map(i -> new ScheduleItem(i.measure(), canonicalDays(i.every()), i.applies())).toList();
    }

    private static String canonicalDays(String period) {
        Matcher m = DAYS.matcher(period.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not checked: " + period);
        }
        return "P" + Integer.parseInt(m.group(1)) + "D";
    }

    /** ISO-8601 days ({@code P14D}), 1 to {@value #MAX_DAYS}: {@code iso-8601-days}, else {@code range}. */
    private static void days(String field, String value, List<Violation> faults) {
        if (value == null) {
            faults.add(new Violation(field, "required", field + " is required"));
            return;
        }
        Matcher m = DAYS.matcher(value.trim());
        if (!m.matches()) {
            faults.add(new Violation(field, "iso-8601-days", field + " must be ISO-8601 days such as P14D"));
        } else {
            int days = Integer.parseInt(m.group(1));
            if (days < 1 || days > MAX_DAYS) {
                faults.add(new Violation(field, "range", field + " must be between P1D and P" + MAX_DAYS + "D"));
            }
        }
    }
}
