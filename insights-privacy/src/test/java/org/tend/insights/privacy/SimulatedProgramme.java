package org.tend.insights.privacy;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntPredicate;

/**
 * A programme the tests make up: participants who enrol in random months, belong to a department each month (and
 * move between departments), and have a PHQ-9 band and score each month. From it come the lattices of five measures
 * the way an insights service would compute them, over every scope and every closed period (months, complete
 * quarters, to-date at each month).
 */
final class SimulatedProgramme {

    static final YearMonth START = YearMonth.of(2026, 1);
    static final List<String> BANDS = List.of("minimal", "mild", "moderate");
    static final List<String> MEASURES = List.of("enrolments", "active", "band", "score", "improved");

    final int participants;
    final int cohorts;
    final int months;
    /** Month index of enrolment per participant. */
    final int[] enrolled;
    /** Department per participant per month (meaningful from enrolment on). */
    final int[][] department;
    final int[][] band;
    final int[][] score;

    private SimulatedProgramme(int participants, int cohorts, int months, int[] enrolled, int[][] department,
                               int[][] band, int[][] score) {
        this.participants = participants;
        this.cohorts = cohorts;
        this.months = months;
        this.enrolled = enrolled;
        this.department = department;
        this.band = band;
        this.score = score;
    }

    /**
     * A random programme.
     *
     * @param moveChance the chance that a member changes department from one month to the next
     * @param lateJoiners whether members enrol over the months (else all in the first)
     */
    static SimulatedProgramme random(long seed, int participants, int cohorts, int months, double moveChance,
                                     boolean lateJoiners) {
        Random random = new Random(seed);
        int[] enrolled = new int[participants];
        int[][] department = new int[participants][months];
        int[][] band = new int[participants][months];
        int[][] score = new int[participants][months];
        for (int p = 0; p < participants; p++) {
            enrolled[p] = lateJoiners ? random.nextInt(months) : 0;
            int dept = random.nextInt(cohorts);
            int b = random.nextInt(BANDS.size());
            for (int m = 0; m < months; m++) {
                if (m > 0 && random.nextDouble() < moveChance) {
                    dept = random.nextInt(cohorts);
                }
                if (m > 0 && random.nextDouble() < 0.3) {
                    b = random.nextInt(BANDS.size());
                }
                department[p][m] = dept;
                band[p][m] = b;
                score[p][m] = b * 9 + random.nextInt(9);
            }
        }
        return new SimulatedProgramme(participants, cohorts, months, enrolled, department, band, score);
    }

    /** The same programme seen at the end of its first {@code closedMonths} months. */
    SimulatedProgramme truncated(int closedMonths) {
        return new SimulatedProgramme(participants, cohorts, closedMonths, enrolled, department, band, score);
    }

    YearMonth month(int m) {
        return START.plusMonths(m);
    }

    static Scope scopeOf(int cohort) {
        return Scope.cohort("dept-" + cohort);
    }

    /** Every period the API offers: each month, each complete quarter, to-date at each month. */
    List<Period> periods() {
        List<Period> periods = new ArrayList<>();
        for (int m = 0; m < months; m++) {
            periods.add(Period.month(month(m)));
            periods.add(Period.toDate(month(m)));
            if (month(m).getMonthValue() % 3 == 0 && m >= 2) {
                periods.add(Period.quarterOf(month(m)));
            }
        }
        return periods;
    }

    List<Scope> scopes() {
        List<Scope> scopes = new ArrayList<>();
        scopes.add(Scope.programme());
        for (int c = 0; c < cohorts; c++) {
            scopes.add(scopeOf(c));
        }
        return scopes;
    }

    private int index(YearMonth m) {
        return (int) (m.getYear() * 12L + m.getMonthValue() - START.getYear() * 12L - START.getMonthValue());
    }

    /** Members matching the test whose department at the period's end is the scope's. */
    private Population select(Scope scope, int atMonth, IntPredicate who) {
        BitSet out = new BitSet(participants);
        for (int p = 0; p < participants; p++) {
            if (who.test(p) && (scope.isProgramme() || scopeOf(department[p][atMonth]).equals(scope))) {
                out.set(p);
            }
        }
        return Population.of(out);
    }

    /** Enrolments (a flow): who enrolled in the period. */
    private Observation enrolments(Scope scope, Period period) {
        int first = period.kind() == Period.Kind.TO_DATE ? 0 : index(period.first());
        int last = index(period.last());
        return new Observation.Count(select(scope, last, p -> enrolled[p] >= first && enrolled[p] <= last));
    }

    /** Active participants (a stock): enrolled by the period's end. */
    private Population active(Scope scope, Period period) {
        int last = index(period.last());
        return select(scope, last, p -> enrolled[p] <= last);
    }

    private Observation band(Scope scope, Period period) {
        int last = index(period.last());
        Population members = active(scope, period);
        Map<String, BitSet> cells = new LinkedHashMap<>();
        BANDS.forEach(b -> cells.put(b, new BitSet()));
        for (int p : members.toArray()) {
            cells.get(BANDS.get(band[p][last])).set(p);
        }
        Map<String, Population> out = new LinkedHashMap<>();
        cells.forEach((b, set) -> out.put(b, Population.of(set)));
        return new Observation.Distribution(out);
    }

    /** Scores (a flow for to-date: the sum of every month's score so far; else the score at the period's end). */
    private Observation score(Scope scope, Period period) {
        int last = index(period.last());
        Population members = active(scope, period);
        long total = 0;
        long months = period.kind() == Period.Kind.TO_DATE ? last + 1 : 1;
        for (int p : members.toArray()) {
            if (period.kind() == Period.Kind.TO_DATE) {
                for (int m = enrolled[p]; m <= last; m++) {
                    total += score[p][m];
                }
            } else {
                total += score[p][last];
            }
        }
        return new Observation.Sum(members, total, 0, 27 * months);
    }

    /** Improved: better band at the period's end than at enrolment. */
    private Observation improved(Scope scope, Period period) {
        int last = index(period.last());
        Population members = active(scope, period);
        BitSet meeting = new BitSet();
        for (int p : members.toArray()) {
            if (band[p][last] < band[p][enrolled[p]]) {
                meeting.set(p);
            }
        }
        return new Observation.Rate(members, Population.of(meeting));
    }

    MeasureLattice lattice(String measure) {
        Observation.Kind kind = switch (measure) {
            case "enrolments", "active" -> Observation.Kind.COUNT;
            case "band" -> Observation.Kind.DISTRIBUTION;
            case "score" -> Observation.Kind.SUM;
            case "improved" -> Observation.Kind.RATE;
            default -> throw new IllegalArgumentException(measure);
        };
        MeasureLattice.Builder b = MeasureLattice.builder("sim", measure, kind);
        for (Scope scope : scopes()) {
            for (Period period : periods()) {
                Observation o = switch (measure) {
                    case "enrolments" -> enrolments(scope, period);
                    case "active" -> new Observation.Count(active(scope, period));
                    case "band" -> band(scope, period);
                    case "score" -> score(scope, period);
                    default -> improved(scope, period);
                };
                b.figure(scope, period, o);
            }
        }
        return b.build();
    }
}
