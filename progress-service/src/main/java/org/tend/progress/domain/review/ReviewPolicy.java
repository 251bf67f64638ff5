package org.tend.progress.domain.review;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tend.progress.domain.ReassessmentSchedule;
import org.tend.progress.domain.outcome.Change;
import org.tend.progress.domain.outcome.ChangeClassification;
import org.tend.progress.domain.outcome.ChangeClassifier;
import org.tend.progress.domain.outcome.Figures;
import org.tend.progress.domain.outcome.OutcomeMeasure;
import org.tend.progress.domain.outcome.OutcomeMeasures;
import org.tend.progress.domain.review.ReviewFacts.CheckIn;
import org.tend.progress.domain.review.ReviewFacts.Measure;
import org.tend.progress.domain.review.ReviewFacts.Plan;
import org.tend.progress.domain.review.ReviewRule.NoCheckIn;
import org.tend.progress.domain.review.ReviewRule.NoReliableImprovement;
import org.tend.progress.domain.review.ReviewRule.ReliableDeterioration;

/**
 * The review rules of one version of the review data, and the pure function that says which plans need review at a
 * given instant. Time-based rules see time pass without new facts: the journey is judged when it is read.
 *
 * <p>A plan is an intervention: it starts when the first goal for that intervention is set (several goals for one
 * intervention are one plan, so it is flagged once, under that first goal).
 */
public record ReviewPolicy(String version, List<ReviewRule> rules) {

    public static final ReviewPolicy NONE = new ReviewPolicy("none", List.of());

    public ReviewPolicy {
        Objects.requireNonNull(version, "version");
        rules = List.copyOf(rules);
    }

    /** Every flag the rules raise, in the order of the rules, then instrument or plan. */
    public List<ReviewFlag> evaluate(ReviewFacts facts, OutcomeMeasures measures, Instant now) {
        List<ReviewFlag> flags = new ArrayList<>();
        for (ReviewRule rule : rules) {
            if (rule instanceof NoReliableImprovement r) {
                flags.addAll(noReliableImprovement(r, facts, measures, now));
            } else if (rule instanceof ReliableDeterioration r) {
                flags.addAll(reliableDeterioration(r, facts, measures));
            } else if (rule instanceof NoCheckIn r) {
                flags.addAll(noCheckIn(r, facts, now));
            }
        }
        return List.copyOf(flags);
    }

    /** One plan per intervention, started by the first goal set for it (or its adding to the care plan); in order of start. */
    static List<Plan> plans(ReviewFacts facts) {
        Map<String, Plan> first = new LinkedHashMap<>();
        facts.goals().stream().filter(g -> g.setAt() != null && g.interventionId() != null)
                .sorted(Comparator.comparing(Plan::setAt)
                        .thenComparing(Plan::goalId, Comparator.nullsFirst(Comparator.naturalOrder())))
                .forEach(g -> first.putIfAbsent(g.interventionId(), g));
        return List.copyOf(first.values());
    }

    private static List<ReviewFlag> noReliableImprovement(NoReliableImprovement rule, ReviewFacts facts,
                                                          OutcomeMeasures measures, Instant now) {
        OutcomeMeasure measure = measures.of(rule.instrumentId()).orElse(null);
        List<Measure> results = facts.measures().getOrDefault(rule.instrumentId(), List.of());
        if (measure == null || results.size() < 2) {
            return List.of();
        }
        List<ReviewFlag> flags = new ArrayList<>();
        for (Plan plan : plans(facts)) {
            Instant start = plan.setAt();
            int baselineIndex = 0;
            for (int i = 0; i < results.size(); i++) {
                if (!results.get(i).time().isAfter(start)) {
                    baselineIndex = i;
                }
            }
            Measure baseline = results.get(baselineIndex);
            Measure latest = results.get(results.size() - 1);
            if (baselineIndex == results.size() - 1) {
                continue; // nothing measured after the baseline yet
            }
            if (rule.requireCaseAtBaseline() && (measure.casenessAtOrAbove() == null
                    || baseline.score() < measure.casenessAtOrAbove())) {
                continue;
            }
            List<Measure> sinceStart = results.stream().filter(m -> m.time().isAfter(start)).toList();
            Instant dueByWeeks = start.plus(Duration.ofDays(7L * rule.afterWeeks()));
            Instant dueByMeasures = sinceStart.size() >= rule.afterMeasures()
                    ? sinceStart.get(rule.afterMeasures() - 1).time() : null;
            if (now.isBefore(dueByWeeks) && dueByMeasures == null) {
                continue;
            }
            Change change = ChangeClassifier.classify(measure, baseline.score(), latest.score());
            if (change.classification() == ChangeClassification.RELIABLE_IMPROVEMENT
                    || change.classification() == ChangeClassification.NOT_CLASSIFIED) {
                continue;
            }
            // Since when: the later of the moment the review fell due and the start of the latest run of measures
            // without reliable improvement (an improvement that was lost counts from the measure that lost it).
            int runStart = results.size() - 1;
            while (runStart - 1 > baselineIndex && ChangeClassifier.classify(measure, baseline.score(),
                    results.get(runStart - 1).score()).classification() != ChangeClassification.RELIABLE_IMPROVEMENT) {
                runStart--;
            }
            Instant due = dueByMeasures == null || dueByWeeks.isBefore(dueByMeasures) ? dueByWeeks : dueByMeasures;
            Instant since = latestOf(due, results.get(runStart).time());
            Map<String, String> values = new LinkedHashMap<>();
            values.put("instrument", measure.displayName());
            values.put("intervention", plan.interventionName() != null ? plan.interventionName()
                    : plan.interventionId());
            values.put("planStart", date(start));
            values.put("weeks", Integer.toString(rule.afterWeeks()));
            values.put("measures", Integer.toString(rule.afterMeasures()));
            values.put("weeksSincePlan", Long.toString(wholeWeeks(start, now)));
            values.put("measuresSincePlan", Integer.toString(sinceStart.size()));
            values.put("baseline", Integer.toString(baseline.score()));
            values.put("baselineDate", date(baseline.time()));
            values.put("latest", Integer.toString(latest.score()));
            values.put("latestDate", date(latest.time()));
            values.put("change", Figures.signed(change.change()));
            values.put("needed", ChangeClassifier.improvementNeeds(measure, measure.method()));
            values.put("classification", change.classification().code().replace('-', ' '));
            flags.add(new ReviewFlag(rule.id(), rule.kind(), rule.instrumentId(), plan.interventionId(),
                    plan.goalId(), rule.reason().render(values), since));
        }
        return flags;
    }

    private static List<ReviewFlag> reliableDeterioration(ReliableDeterioration rule, ReviewFacts facts,
                                                          OutcomeMeasures measures) {
        List<ReviewFlag> flags = new ArrayList<>();
        facts.measures().forEach((instrumentId, results) -> {
            OutcomeMeasure measure = measures.of(instrumentId).orElse(null);
            if (measure == null || results.size() < 2) {
                return;
            }
            Measure first = results.get(0);
            Measure latest = results.get(results.size() - 1);
            Change change = ChangeClassifier.classify(measure, first.score(), latest.score());
            if (change.classification() != ChangeClassification.RELIABLE_DETERIORATION) {
                return;
            }
            int runStart = results.size() - 1;
            while (runStart - 1 > 0 && ChangeClassifier.classify(measure, first.score(),
                    results.get(runStart - 1).score()).classification()
                    == ChangeClassification.RELIABLE_DETERIORATION) {
                runStart--;
            }
            Map<String, String> values = new LinkedHashMap<>();
            values.put("instrument", measure.displayName());
            values.put("first", Integer.toString(first.score()));
            values.put("firstDate", date(first.time()));
            values.put("latest", Integer.toString(latest.score()));
            values.put("latestDate", date(latest.time()));
            values.put("change", Figures.signed(change.change()));
            values.put("rule", change.rule());
            flags.add(new ReviewFlag(rule.id(), rule.kind(), instrumentId, null, null,
                    rule.reason().render(values), results.get(runStart).time()));
        });
        return flags;
    }

    private static List<ReviewFlag> noCheckIn(NoCheckIn rule, ReviewFacts facts, Instant now) {
        if (!facts.scheduled().isEmpty()) {
            return overdueCheckIns(rule, facts, now);
        }
        List<Plan> plans = plans(facts);
        if (plans.isEmpty()) {
            return List.of();
        }
        // Setting a goal starts a plan: the clock of a new plan starts then, even without a check-in.
        Plan newest = plans.stream().max(Comparator.comparing(Plan::setAt)).orElseThrow();
        Instant last = newest.setAt();
        String lastKind = "plan start";
        for (CheckIn checkIn : facts.checkIns()) {
            if (checkIn.time().isAfter(last)) {
                last = checkIn.time();
                lastKind = checkIn.kind();
            }
        }
        Instant due = last.plus(Duration.ofDays(7L * rule.afterWeeks()));
        if (now.isBefore(due)) {
            return List.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("weeks", Integer.toString(rule.afterWeeks()));
        values.put("weeksSince", Long.toString(wholeWeeks(last, now)));
        values.put("lastCheckIn", date(last));
        values.put("lastCheckInKind", lastKind);
        return List.of(new ReviewFlag(rule.id(), rule.kind(), null, null, null, rule.reason().render(values), due));
    }

    /**
     * With a re-assessment schedule, "no check-in" reads it: the rule flags the first scheduled measure that is
     * overdue, since it became overdue; the schedule's interval replaces the rule's fixed number of weeks.
     */
    private static List<ReviewFlag> overdueCheckIns(NoCheckIn rule, ReviewFacts facts, Instant now) {
        return facts.scheduled().stream().filter(ReassessmentSchedule.Due::isOverdue)
                .min(Comparator.comparing(ReassessmentSchedule.Due::overdueAt)
                        .thenComparing(ReassessmentSchedule.Due::measure))
                .map(due -> {
                    Instant last = due.countedFrom();
                    Map<String, String> values = new LinkedHashMap<>();
                    values.put("weeks", weeks(java.time.Period.parse(due.every()).getDays()));
                    values.put("weeksSince", Long.toString(wholeWeeks(last, now)));
                    values.put("lastCheckIn", date(last));
                    values.put("lastCheckInKind", due.lastDoneAt() == null ? "schedule start (" + due.measure() + ")"
                            : due.measure());
                    return List.of(new ReviewFlag(rule.id(), rule.kind(), null, null, null,
                            rule.reason().render(values), due.overdueAt()));
                })
                .orElse(List.of());
    }

    /** Days as weeks, to one decimal where they are not whole ({@code 14} → {@code 2}, {@code 10} → {@code 1.4}). */
    private static String weeks(int days) {
        return days % 7 == 0 ? Integer.toString(days / 7)
                : java.math.BigDecimal.valueOf(days).divide(java.math.BigDecimal.valueOf(7), 1,
                java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static long wholeWeeks(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toDays() / 7);
    }

    private static Instant latestOf(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}
