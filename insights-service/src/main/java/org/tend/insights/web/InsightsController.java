package org.tend.insights.web;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tend.insights.domain.FigureView;
import org.tend.insights.domain.InsightEvent;
import org.tend.insights.domain.Measure;
import org.tend.insights.privacy.Epsilon;
import org.tend.insights.privacy.Period;
import org.tend.insights.privacy.Scope;
import org.tend.insights.query.InsightsQueries;
import org.tend.plumbing.audit.Audit;
import org.tend.plumbing.security.Caller;
import org.tend.plumbing.security.RequiresRole;
import org.tend.plumbing.web.BadRequestException;
import org.tend.plumbing.web.ForbiddenException;
import org.tend.plumbing.web.NotFoundException;
import org.tend.security.Role;

/**
 * HR's figures, read-only: the caller's organisation's programmes, a programme's figures for a period (and a cohort),
 * and one measure month by month. HR and administrators only; an HR token must name its organisation ({@code org}),
 * and a programme of another organisation is answered 404 like one that does not exist, so that existence does not
 * leak. Nothing here takes or returns a pseudonym; every request says in the audit trail which programme, measure,
 * period and cohort it asked for.
 */
@RestController
@RequestMapping("/api/insights/programmes")
@RequiresRole({Role.HR, Role.ADMIN})
public class InsightsController {

    static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

    /** One programme HR may ask about. */
    public record ProgrammeSummary(String programmeId, int minimumGroupSize, List<String> cohorts,
                                   List<String> months, List<String> quarters, String currentMonth,
                                   List<String> measures) {
    }

    /** What an answer cost in noise mode; {@code mode: exact} outside it. */
    public record Privacy(String mode, int minimumGroupSize, String epsilonSpent, String epsilonRemaining,
                          String monthlyBudget) {
    }

    /** A programme's figures for one period and scope. */
    public record Figures(String programmeId, String period, boolean closed, String cohort, Privacy privacy,
                          List<FigureView> figures) {
    }

    /** One month of a trend. */
    public record TrendPoint(String period, FigureView figure) {
    }

    /** One measure month by month, over the closed months. */
    public record Trend(String programmeId, String measure, String cohort, Privacy privacy, List<TrendPoint> months) {
    }

    private final InsightsQueries queries;

    InsightsController(InsightsQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    public List<ProgrammeSummary> programmes(Caller caller) {
        String organisation = organisationOf(caller);
        List<ProgrammeSummary> summaries = new ArrayList<>();
        int generation = queries.readableGeneration();
        for (InsightEvent.ProgrammeCreated p : queries.programmes(generation, organisation)) {
            queries.plans(generation, p.programmeId()).ifPresent(plans -> summaries.add(summary(plans)));
        }
        return summaries;
    }

    @GetMapping("/{programmeId}/figures")
    public Figures figures(@PathVariable("programmeId") String programmeId,
                           @RequestParam(name = "period", required = false) String period,
                           @RequestParam(name = "cohort", required = false) String cohort, Caller caller) {
        InsightsQueries.Plans plans = plansFor(programmeId, caller);
        Audit.about("measure", "all");
        Period asked = period(plans, period);
        Scope scope = scope(plans, cohort);
        InsightsQueries.Answers answers = queries.answer(plans, plans.built().measures(), scope, asked,
                caller.pseudonym());
        refuseIfBudgetSpent(answers);
        return new Figures(programmeId, Periods.name(asked), !asked.last().isAfter(plans.lastClosed()),
                scope.isProgramme() ? null : scope.cohort(), privacy(plans, answers), answers.figures());
    }

    @GetMapping("/{programmeId}/trends")
    public Trend trends(@PathVariable("programmeId") String programmeId,
                        @RequestParam(name = "measure", required = false) String measure,
                        @RequestParam(name = "cohort", required = false) String cohort, Caller caller) {
        InsightsQueries.Plans plans = plansFor(programmeId, caller);
        if (measure == null || measure.length() > 64 || !SLUG.matcher(measure).matches()) {
            throw new BadRequestException("measure", "pattern", "measure must name a measure, e.g. who5-mean");
        }
        Measure m = plans.measure(measure)
                .orElseThrow(() -> new NotFoundException("measure", "No such measure in this programme"));
        Audit.about("measure", measure);
        Scope scope = scope(plans, cohort);
        List<TrendPoint> points = new ArrayList<>();
        Epsilon spent = Epsilon.ZERO;
        InsightsQueries.Answers last = null;
        boolean anyRefused = false;
        boolean anyShown = false;
        for (YearMonth month : plans.built().months()) {
            InsightsQueries.Answers answers = queries.answer(plans, List.of(m), scope, Period.month(month),
                    caller.pseudonym());
            spent = spent.plus(answers.spent());
            anyRefused |= answers.refusedForBudget();
            anyShown |= !answers.refusedForBudget();
            last = answers;
            points.add(new TrendPoint(month.toString(), answers.figures().get(0)));
        }
        if (anyRefused && !anyShown) {
            refuseIfBudgetSpent(last);
        }
        InsightsQueries.Answers total = last == null ? null
                : new InsightsQueries.Answers(List.of(), spent, last.remaining(), false);
        return new Trend(programmeId, measure, scope.isProgramme() ? null : scope.cohort(),
                total == null ? privacy(plans, new InsightsQueries.Answers(List.of(), Epsilon.ZERO,
                        Optional.empty(), false)) : privacy(plans, total), points);
    }

    /**
     * The programme's plans, if the caller may ask about it; 404 for one of another organisation. Both are read from
     * the one generation this request reads (503 while an outdated layout is being rebuilt).
     */
    InsightsQueries.Plans plansFor(String programmeId, Caller caller) {
        String organisation = organisationOf(caller);
        if (programmeId == null || !UUID_TEXT.matcher(programmeId).matches()) {
            throw new BadRequestException("programmeId", "pattern", "programmeId must be a lowercase UUID");
        }
        Audit.about("programmeId", programmeId);
        int generation = queries.readableGeneration();
        queries.programme(generation, programmeId, organisation)
                .orElseThrow(() -> new NotFoundException("programmeId", "No such programme"));
        return queries.plans(generation, programmeId)
                .orElseThrow(() -> new NotFoundException("programmeId", "No such programme"));
    }

    /**
     * The organisation whose programmes the caller sees: HR's {@code org} claim (403 without one); an administrator's
     * claim if it has one, else every organisation (null).
     */
    static String organisationOf(Caller caller) {
        caller.require(Role.HR, Role.ADMIN);
        if (caller.organisation().isPresent()) {
            return caller.organisation().get();
        }
        if (caller.has(Role.ADMIN)) {
            return null;
        }
        throw new ForbiddenException("An HR token must name its organisation (the org claim)");
    }

    private Period period(InsightsQueries.Plans plans, String text) {
        Period period = Periods.parse(text, queries.currentMonth());
        Audit.about("period", Periods.name(period));
        List<YearMonth> months = plans.built().months();
        YearMonth first = months.isEmpty() ? plans.lastClosed().plusMonths(1) : months.get(0);
        if (period.last().isBefore(first)) {
            throw new NotFoundException("period", "The programme has no figures for " + text + ": it began later");
        }
        return period;
    }

    private static Scope scope(InsightsQueries.Plans plans, String cohort) {
        if (cohort == null) {
            return Scope.programme();
        }
        if (cohort.length() > 64 || !SLUG.matcher(cohort).matches()) {
            throw new BadRequestException("cohort", "pattern", "cohort must be a department slug, e.g. finance");
        }
        if (!plans.built().cohorts().contains(cohort)) {
            throw new NotFoundException("cohort", "No such cohort in this programme");
        }
        Audit.about("cohort", cohort);
        return Scope.cohort(cohort);
    }

    private static void refuseIfBudgetSpent(InsightsQueries.Answers answers) {
        if (answers != null && answers.refusedForBudget()) {
            throw new BudgetSpentException("Your privacy budget for this programme is spent for this month ("
                    + answers.remaining().map(Epsilon::toString).orElse("0") + " left); it renews on the 1st");
        }
    }

    private static Privacy privacy(InsightsQueries.Plans plans, InsightsQueries.Answers answers) {
        if (!plans.privacy().noiseMode()) {
            return new Privacy("exact", plans.k(), null, null, null);
        }
        return new Privacy("noise", plans.k(), answers.spent().toString(),
                answers.remaining().map(Epsilon::toString).orElse(null), plans.settings().monthlyBudget().toString());
    }

    private ProgrammeSummary summary(InsightsQueries.Plans plans) {
        List<String> months = plans.built().months().stream().map(YearMonth::toString).toList();
        List<String> quarters = plans.built().months().stream()
                .filter(m -> Period.quarterOf(m).last().equals(m)
                        && plans.built().months().contains(Period.quarterOf(m).first()))
                .map(m -> Period.quarterOf(m).toString()).toList();
        return new ProgrammeSummary(plans.facts().programmeId(), plans.k(), plans.built().cohorts(), months, quarters,
                queries.currentMonth().toString(), plans.built().measures().stream().map(Measure::id).toList());
    }
}
