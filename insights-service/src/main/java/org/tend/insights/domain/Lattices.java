package org.tend.insights.domain;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.tend.insights.privacy.MeasureLattice;
import org.tend.insights.privacy.Observation;
import org.tend.insights.privacy.Period;
import org.tend.insights.privacy.Population;
import org.tend.insights.privacy.Scope;

/**
 * Every figure the API can return for every measure of one programme, with the participants behind each: the privacy
 * planner's input. One {@link MeasureLattice} per measure over every scope (the programme and each cohort) and every
 * closed period (each month from the first month of the quarter the programme began in to the last closed month,
 * each quarter of those months, and to-date at the end of each month).
 *
 * <p>Participants are numbered densely per programme, in order of enrolment (then pseudonym): the planner needs sets
 * of ints, and nothing here needs to know who they are. A participant belongs to the cohort of their enrolment (the
 * department it named; {@link #NOT_STATED} when it named none), so the cohorts partition the programme in every period.
 * Every event is binned by its own time (completedAt, enrolledAt, setAt, ratedAt, issuedAt, assessedAt), in UTC months.
 *
 * <p>The measures:
 * <ul>
 *   <li>{@code enrolled}: participants who enrolled in the period (to-date: by its end).</li>
 *   <li>{@code active}: enrolled participants who completed an assessment, set a goal or rated one in the period.</li>
 *   <li>{@code assessments}, {@code goals-set}, {@code goals-rated}: sums over the active participants of how many
 *       assessments each completed, goals each set, distinct goals each rated in the period (counted up to
 *       {@link #PER_MONTH_CAP} per month of the period, which bounds one person's part of a sum).</li>
 *   <li>{@code reassessed-on-time}: of the participants with a re-assessment due in the period (a completion of an
 *       instrument plus the programme's interval), the share who completed that instrument again by every such due
 *       date.</li>
 *   <li>{@code who5-mean}, {@code who5-bands}: over the participants with a WHO-5 in the period, their latest score
 *       in it (a sum in the score's range) and band.</li>
 *   <li>{@code phq9-bands-entry}/{@code -latest}, {@code gad7-bands-entry}/{@code -latest}: over the participants
 *       measured in the period, the band of their first measure in the programme and of their latest in the
 *       period.</li>
 *   <li>{@code reliable-improvement}, {@code reliable-deterioration} (over those with a Talking Therapies outcome,
 *       i.e. two PHQ-9 or GAD-7 measures), {@code recovery}, {@code reliable-recovery} (over those of them who were
 *       a case at first): progress-service's classes as of the end of the period, for the participants it assessed
 *       in the period.</li>
 *   <li>{@code gbo-change}: over the participants with a goal rated in the period, the mean over their goals of the
 *       latest change goal-service published by the period's end (in tenths of a point).</li>
 *   <li>{@code chosen-<intervention>}: participants who set a goal with the intervention in the period;
 *       {@code recommended-chosen-<intervention>}: of those recommended it in the period, the share who chose it
 *       (set a goal with it) by the period's end.</li>
 * </ul>
 */
public final class Lattices {

    /** The cohort of a participant whose enrolment named no department. */
    public static final String NOT_STATED = "not-stated";
    /** A sum counts one participant's assessments, goals set or goals rated up to this many per month. */
    public static final int PER_MONTH_CAP = 10;
    /** The range of a mean GBO change in tenths of a point: the GBO scale is 0–10. */
    static final int GBO_TENTHS = 100;

    /** The measures, lattices, cohorts and months of one programme. */
    public record Built(List<Measure> measures, Map<String, MeasureLattice> lattices, List<String> cohorts,
                        List<YearMonth> months) {

        public Built {
            measures = List.copyOf(measures);
            lattices = Map.copyOf(lattices);
            cohorts = List.copyOf(cohorts);
            months = List.copyOf(months);
        }
    }

    /** One participant as the figures see them. */
    private record P(int index, String cohort, ParticipantFacts facts, Set<String> assessmentIds) {
    }

    @FunctionalInterface
    private interface Observer {
        Observation observe(List<P> members, Window window);
    }

    private Lattices() {
    }

    /** The months the API offers for a programme that began at {@code createdAt}, up to {@code lastClosed}. */
    public static List<YearMonth> months(Instant createdAt, YearMonth lastClosed) {
        YearMonth created = YearMonth.from(createdAt.atOffset(ZoneOffset.UTC));
        YearMonth first = Period.quarterOf(created).first();
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(lastClosed); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    /** The cohorts of a programme: every department its participants enrolled in, by name. */
    public static List<String> cohorts(ProgrammeFacts facts) {
        Set<String> cohorts = new TreeSet<>();
        facts.participants().forEach(p -> cohorts.add(cohortOf(p)));
        return List.copyOf(cohorts);
    }

    static String cohortOf(ParticipantFacts p) {
        String department = p.enrolment().department();
        return department.isEmpty() ? NOT_STATED : department;
    }

    /** Every measure's lattice, over the closed months up to {@code lastClosed}. */
    public static Built build(ProgrammeFacts facts, InsightSettings settings, YearMonth lastClosed) {
        List<YearMonth> months = months(facts.programme().createdAt(), lastClosed);
        List<String> cohorts = cohorts(facts);
        List<P> all = numbered(facts);
        Map<String, List<P>> byCohort = new TreeMap<>();
        cohorts.forEach(c -> byCohort.put(c, new ArrayList<>()));
        all.forEach(p -> byCohort.get(p.cohort()).add(p));

        Map<Measure, Observer> observers = observers(facts, settings, all);
        List<Period> periods = periods(months);
        YearMonth start = months.isEmpty() ? lastClosed : months.get(0);
        Map<String, MeasureLattice> lattices = new LinkedHashMap<>();
        if (!periods.isEmpty()) {
            observers.forEach((measure, observer) -> {
                MeasureLattice.Builder lattice = MeasureLattice.builder(facts.programmeId(), measure.id(),
                        measure.kind());
                for (Period period : periods) {
                    Window window = Window.of(period, start);
                    Instant begins = Window.start(period.kind() == Period.Kind.TO_DATE ? period.last()
                            : period.first());
                    lattice.figure(Scope.programme(), period, observer.observe(consenting(all, begins), window));
                    byCohort.forEach((cohort, members) -> lattice.figure(Scope.cohort(cohort), period,
                            observer.observe(consenting(members, begins), window)));
                }
                lattices.put(measure.id(), lattice.build());
            });
        }
        return new Built(List.copyOf(observers.keySet()), lattices, cohorts, months);
    }

    /**
     * The members whose consent did not stand withdrawn when the period began (a to-date period: when its last month
     * began). A withdrawal leaves the participant out from the next period on, so no figure of a period already under
     * way or released changes with it.
     */
    private static List<P> consenting(List<P> members, Instant periodBegins) {
        if (members.stream().noneMatch(p -> !p.facts().consentChanges().isEmpty())) {
            return members;
        }
        return members.stream().filter(p -> !p.facts().withdrawnAt(periodBegins)).toList();
    }

    /** Each month, each quarter complete in them, and to-date at each month's end. */
    static List<Period> periods(List<YearMonth> months) {
        List<Period> periods = new ArrayList<>();
        Set<YearMonth> present = new HashSet<>(months);
        for (YearMonth m : months) {
            periods.add(Period.month(m));
            periods.add(Period.toDate(m));
            Period quarter = Period.quarterOf(m);
            if (m.equals(quarter.last()) && present.contains(quarter.first())) {
                periods.add(quarter);
            }
        }
        return periods;
    }

    private static List<P> numbered(ProgrammeFacts facts) {
        List<ParticipantFacts> sorted = new ArrayList<>(facts.participants());
        sorted.sort(Comparator.comparing((ParticipantFacts p) -> p.enrolment().enrolledAt())
                .thenComparing(ParticipantFacts::participantId));
        List<P> numbered = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            ParticipantFacts p = sorted.get(i);
            Set<String> ids = new HashSet<>();
            p.assessments().forEach(a -> ids.add(a.assessmentId()));
            numbered.add(new P(i, cohortOf(p), p, ids));
        }
        return numbered;
    }

    private static Map<Measure, Observer> observers(ProgrammeFacts facts, InsightSettings settings, List<P> all) {
        Map<Measure, Observer> m = new LinkedHashMap<>();
        Observation.Kind count = Observation.Kind.COUNT;
        Observation.Kind sum = Observation.Kind.SUM;
        Observation.Kind rate = Observation.Kind.RATE;
        Observation.Kind distribution = Observation.Kind.DISTRIBUTION;

        m.put(Measure.of("enrolled", "uptake", count, "participants enrolled"),
                count((p, w) -> w.contains(p.facts().enrolment().enrolledAt())));
        m.put(Measure.of("active", "engagement", count,
                        "participants who completed an assessment, set a goal or rated one"),
                count(Lattices::active));
        m.put(new Measure("assessments", "engagement", sum, "assessments completed", 1, true, null),
                capped(p -> p.facts().assessments().stream().map(InsightEvent::time)));
        m.put(Measure.of("reassessed-on-time", "engagement", rate,
                        "participants due a re-assessment who completed it within the interval"),
                reassessed(settings));
        m.put(new Measure("goals-set", "engagement", sum, "goals set", 1, true, null),
                capped(p -> p.facts().goals().stream().map(InsightEvent::time)));
        m.put(new Measure("goals-rated", "engagement", sum, "goals rated", 1, true, null), goalsRated());

        int[] who5Range = range(all, "who-5");
        m.put(Measure.of("who5-mean", "wellbeing", sum, "mean WHO-5 wellbeing score (percentage)"),
                (members, w) -> {
                    List<int[]> values = new ArrayList<>();
                    for (P p : members) {
                        InsightEvent.AssessmentCompleted latest = latestIn(p, "who-5", w);
                        if (latest != null) {
                            values.add(new int[] {p.index(), clamp(latest.totalScore(), who5Range)});
                        }
                    }
                    return sumOf(values, who5Range[0], who5Range[1]);
                });
        bands(m, all, "who-5", "who5-bands", "WHO-5 wellbeing bands at the latest measure", false);
        bands(m, all, "phq-9", "phq9-bands-entry", "PHQ-9 bands at entry", true);
        bands(m, all, "phq-9", "phq9-bands-latest", "PHQ-9 bands at the latest measure", false);
        bands(m, all, "gad-7", "gad7-bands-entry", "GAD-7 bands at entry", true);
        bands(m, all, "gad-7", "gad7-bands-latest", "GAD-7 bands at the latest measure", false);

        m.put(Measure.of("reliable-improvement", "outcomes", rate,
                        "reliable improvement (NHS Talking Therapies), of those with two PHQ-9 or GAD-7 measures"),
                outcome(tt -> tt != null, tt -> tt.reliableImprovement()));
        m.put(Measure.of("reliable-deterioration", "outcomes", rate,
                        "reliable deterioration (NHS Talking Therapies), of those with two PHQ-9 or GAD-7 measures"),
                outcome(tt -> tt != null, tt -> tt.reliableDeterioration()));
        m.put(Measure.of("recovery", "outcomes", rate, "recovery (NHS Talking Therapies), of those who were a case at"
                        + " entry"),
                outcome(tt -> tt != null && !"not-applicable".equals(tt.recovery()), tt -> "met".equals(tt.recovery())));
        m.put(Measure.of("reliable-recovery", "outcomes", rate,
                        "reliable recovery (NHS Talking Therapies), of those who were a case at entry"),
                outcome(tt -> tt != null && !"not-applicable".equals(tt.reliableRecovery()),
                        tt -> "met".equals(tt.reliableRecovery())));
        m.put(new Measure("gbo-change", "outcomes", sum, "mean goal-based outcome change (points, 0–10 scale)", 10,
                false, null), gboChange());

        for (String intervention : interventions(facts, all)) {
            m.put(new Measure("chosen-" + intervention, "interventions", count,
                            "participants who chose the intervention (set a goal with it)", 1, false, intervention),
                    count((p, w) -> p.facts().goals().stream()
                            .anyMatch(g -> g.interventionId().equals(intervention) && w.contains(g.setAt()))));
            m.put(new Measure("recommended-chosen-" + intervention, "interventions", rate,
                            "of the participants recommended the intervention, those who chose it", 1, false,
                            intervention),
                    (members, w) -> {
                        List<Integer> recommended = new ArrayList<>();
                        List<Integer> chose = new ArrayList<>();
                        for (P p : members) {
                            boolean wasRecommended = p.facts().recommendations().stream()
                                    .anyMatch(r -> w.contains(r.issuedAt()) && r.recommendations().stream()
                                            .anyMatch(x -> intervention.equals(x.interventionId())));
                            if (wasRecommended) {
                                recommended.add(p.index());
                                if (p.facts().goals().stream().anyMatch(g -> g.interventionId().equals(intervention)
                                        && w.byEnd(g.setAt()))) {
                                    chose.add(p.index());
                                }
                            }
                        }
                        return new Observation.Rate(population(recommended), population(chose));
                    });
        }
        return m;
    }

    private static boolean active(P p, Window w) {
        ParticipantFacts f = p.facts();
        return w.byEnd(f.enrolment().enrolledAt())
                && (f.assessments().stream().anyMatch(a -> w.contains(a.completedAt()))
                || f.goals().stream().anyMatch(g -> w.contains(g.setAt()))
                || f.ratings().stream().anyMatch(r -> w.contains(r.ratedAt())));
    }

    private static Observer count(BiPredicate<P, Window> member) {
        return (members, w) -> {
            List<Integer> in = new ArrayList<>();
            for (P p : members) {
                if (member.test(p, w)) {
                    in.add(p.index());
                }
            }
            return new Observation.Count(population(in));
        };
    }

    /** A sum over the active participants of how many of their events fall in the period, capped per month. */
    private static Observer capped(Function<P, java.util.stream.Stream<Instant>> times) {
        return (members, w) -> {
            int cap = PER_MONTH_CAP * w.months();
            List<int[]> values = new ArrayList<>();
            for (P p : members) {
                if (active(p, w)) {
                    long n = times.apply(p).filter(w::contains).count();
                    values.add(new int[] {p.index(), (int) Math.min(n, cap)});
                }
            }
            return sumOf(values, 0, cap);
        };
    }

    private static Observer goalsRated() {
        return (members, w) -> {
            int cap = PER_MONTH_CAP * w.months();
            List<int[]> values = new ArrayList<>();
            for (P p : members) {
                if (active(p, w)) {
                    long n = p.facts().ratings().stream().filter(r -> w.contains(r.ratedAt()))
                            .map(InsightEvent.GoalProgressRated::goalId).distinct().count();
                    values.add(new int[] {p.index(), (int) Math.min(n, cap)});
                }
            }
            return sumOf(values, 0, cap);
        };
    }

    /**
     * Due dates are each completion plus the interval; a due date is met when the same instrument was completed again
     * after that completion and by the due date. A participant counts when a due date falls in the period, and meets
     * the rate when every due date of theirs in the period was met (all of it is known by the period's end).
     */
    private static Observer reassessed(InsightSettings settings) {
        return (members, w) -> {
            List<Integer> due = new ArrayList<>();
            List<Integer> met = new ArrayList<>();
            for (P p : members) {
                List<InsightEvent.AssessmentCompleted> list = p.facts().assessments();
                boolean anyDue = false;
                boolean allMet = true;
                for (int i = 0; i < list.size(); i++) {
                    InsightEvent.AssessmentCompleted a = list.get(i);
                    Instant dueAt = a.completedAt().plus(settings.reassessmentInterval());
                    if (!w.contains(dueAt)) {
                        continue;
                    }
                    anyDue = true;
                    boolean done = false;
                    for (int j = i + 1; j < list.size() && !done; j++) {
                        InsightEvent.AssessmentCompleted b = list.get(j);
                        done = b.instrumentId().equals(a.instrumentId()) && b.completedAt().isAfter(a.completedAt())
                                && !b.completedAt().isAfter(dueAt);
                    }
                    allMet &= done;
                }
                if (anyDue) {
                    due.add(p.index());
                    if (allMet) {
                        met.add(p.index());
                    }
                }
            }
            return new Observation.Rate(population(due), population(met));
        };
    }

    private static void bands(Map<Measure, Observer> m, List<P> all, String instrument, String id, String label,
                              boolean atEntry) {
        List<String> categories = bandOrder(all, instrument);
        if (categories.isEmpty()) {
            return;
        }
        m.put(Measure.of(id, "wellbeing", Observation.Kind.DISTRIBUTION, label), (members, w) -> {
            Map<String, List<Integer>> cells = new LinkedHashMap<>();
            categories.forEach(c -> cells.put(c, new ArrayList<>()));
            for (P p : members) {
                InsightEvent.AssessmentCompleted latest = latestIn(p, instrument, w);
                if (latest == null) {
                    continue;
                }
                InsightEvent.AssessmentCompleted shown = atEntry ? first(p, instrument) : latest;
                if (shown.band() != null) {
                    cells.get(shown.band()).add(p.index());
                }
            }
            Map<String, Population> populations = new LinkedHashMap<>();
            cells.forEach((c, ids) -> populations.put(c, population(ids)));
            return new Observation.Distribution(populations);
        });
    }

    /**
     * The bands of an instrument seen in the programme, from the lowest score seen in each: the bands are score ranges,
     * so this is their order on the scale without insights knowing a threshold.
     */
    static List<String> bandOrder(List<P> all, String instrument) {
        Map<String, Integer> lowest = new HashMap<>();
        for (P p : all) {
            for (InsightEvent.AssessmentCompleted a : p.facts().assessments()) {
                if (a.instrumentId().equals(instrument) && a.band() != null) {
                    lowest.merge(a.band(), a.totalScore(), Math::min);
                }
            }
        }
        return lowest.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
    }

    private static Observer outcome(java.util.function.Predicate<InsightEvent.TalkingTherapies> inDenominator,
                                    java.util.function.Predicate<InsightEvent.TalkingTherapies> meets) {
        return (members, w) -> {
            List<Integer> denominator = new ArrayList<>();
            List<Integer> meeting = new ArrayList<>();
            for (P p : members) {
                List<InsightEvent.OutcomeAssessed> outcomes = p.facts().outcomes();
                if (outcomes.stream().noneMatch(o -> w.contains(o.assessedAt()))) {
                    continue;
                }
                InsightEvent.OutcomeAssessed asOfEnd = null;
                for (InsightEvent.OutcomeAssessed o : outcomes) {
                    if (w.byEnd(o.assessedAt())) {
                        asOfEnd = o;
                    }
                }
                InsightEvent.TalkingTherapies tt = asOfEnd == null ? null : asOfEnd.talkingTherapies();
                if (inDenominator.test(tt)) {
                    denominator.add(p.index());
                    if (meets.test(tt)) {
                        meeting.add(p.index());
                    }
                }
            }
            return new Observation.Rate(population(denominator), population(meeting));
        };
    }

    private static Observer gboChange() {
        return (members, w) -> {
            List<int[]> values = new ArrayList<>();
            for (P p : members) {
                List<InsightEvent.GoalProgressRated> ratings = p.facts().ratings();
                boolean ratedIn = ratings.stream().anyMatch(r -> r.changeFromFirst() != null && w.contains(r.ratedAt()));
                if (!ratedIn) {
                    continue;
                }
                Map<String, Integer> latestChange = new TreeMap<>();
                for (InsightEvent.GoalProgressRated r : ratings) {
                    if (r.changeFromFirst() != null && w.byEnd(r.ratedAt())) {
                        latestChange.put(r.goalId(), r.changeFromFirst());
                    }
                }
                double mean = latestChange.values().stream().mapToInt(Integer::intValue).average().orElse(0);
                int tenths = (int) Math.max(-GBO_TENTHS, Math.min(GBO_TENTHS, Math.round(mean * 10)));
                values.add(new int[] {p.index(), tenths});
            }
            return sumOf(values, -GBO_TENTHS, GBO_TENTHS);
        };
    }

    private static List<String> interventions(ProgrammeFacts facts, List<P> all) {
        Set<String> ids = new TreeSet<>(facts.catalogue().keySet());
        for (P p : all) {
            p.facts().goals().forEach(g -> ids.add(g.interventionId()));
            p.facts().recommendations().forEach(r -> r.recommendations().forEach(x -> {
                if (x.interventionId() != null) {
                    ids.add(x.interventionId());
                }
            }));
        }
        return List.copyOf(ids);
    }

    private static InsightEvent.AssessmentCompleted latestIn(P p, String instrument, Window w) {
        InsightEvent.AssessmentCompleted latest = null;
        for (InsightEvent.AssessmentCompleted a : p.facts().assessments()) {
            if (a.instrumentId().equals(instrument) && w.contains(a.completedAt())) {
                latest = a;
            }
        }
        return latest;
    }

    private static InsightEvent.AssessmentCompleted first(P p, String instrument) {
        return p.facts().assessments().stream().filter(a -> a.instrumentId().equals(instrument)).findFirst()
                .orElseThrow();
    }

    /** The published range of an instrument's score as its events give it (WHO-5: 0–100); 0–100 when none seen. */
    private static int[] range(List<P> all, String instrument) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (P p : all) {
            for (InsightEvent.AssessmentCompleted a : p.facts().assessments()) {
                if (a.instrumentId().equals(instrument) && a.scoreRange() != null) {
                    min = Math.min(min, a.scoreRange().min());
                    max = Math.max(max, a.scoreRange().max());
                }
            }
        }
        return min > max ? new int[] {0, 100} : new int[] {min, max};
    }

    private static int clamp(int value, int[] range) {
        return Math.max(range[0], Math.min(range[1], value));
    }

    private static Observation.Sum sumOf(List<int[]> values, long min, long max) {
        int[] ids = new int[values.size()];
        long total = 0;
        for (int i = 0; i < ids.length; i++) {
            ids[i] = values.get(i)[0];
            total += values.get(i)[1];
        }
        return new Observation.Sum(Population.of(ids), total, min, max);
    }

    private static Population population(List<Integer> ids) {
        return Population.of(ids.stream().mapToInt(Integer::intValue).toArray());
    }
}
