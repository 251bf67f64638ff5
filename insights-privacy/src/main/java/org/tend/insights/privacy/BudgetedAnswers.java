package org.tend.insights.privacy;

import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers HR's questions from a plan. Outside noise mode an answer is the plan's release and costs nothing. In noise
 * mode a figure with anything released costs the programme's ε per figure from the asking user's budget for the
 * month; when that budget cannot pay, every value the plan would have released is withheld for {@link Rule#BUDGET}.
 */
public final class BudgetedAnswers {

    /**
     * One answer.
     *
     * @param release   what HR may see
     * @param spent     the ε this answer took from the user's budget
     * @param remaining the user's budget left for the month; empty outside noise mode
     */
    public record Answer(FigureRelease release, Epsilon spent, Optional<Epsilon> remaining) {
    }

    private final DisclosurePlan plan;
    private final PrivacyBudget budget;

    public BudgetedAnswers(DisclosurePlan plan, PrivacyBudget budget) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    /** The answer for the figure, or empty if the figure is not one the API offers. */
    public Optional<Answer> answer(String user, YearMonth month, FigureKey key) {
        Optional<FigureRelease> release = plan.release(key);
        if (release.isEmpty()) {
            return Optional.empty();
        }
        if (!plan.settings().noiseMode()) {
            return Optional.of(new Answer(release.get(), Epsilon.ZERO, Optional.empty()));
        }
        PrivacyBudget.Account account = new PrivacyBudget.Account(plan.programme(), user, month);
        Epsilon limit = plan.settings().noise().monthlyBudget();
        Epsilon cost = plan.cost(key);
        if (!cost.isPositive()) {
            Epsilon left = remaining(limit, budget.spent(account));
            return Optional.of(new Answer(release.get(), Epsilon.ZERO, Optional.of(left)));
        }
        PrivacyBudget.Charge charge = budget.charge(account, chargeId(release.get()), cost, limit);
        FigureRelease shown = charge.granted() ? release.get() : release.get().withheldFor(Rule.BUDGET);
        return Optional.of(new Answer(shown, charge.charged(), Optional.of(charge.remaining())));
    }

    /** A figure is paid for once per value shown: the same noisy values again cost nothing, new ones do. */
    private String chargeId(FigureRelease release) {
        return plan.measure() + "/" + release.key() + "=" + release.count() + release.sum() + release.cells();
    }

    private static Epsilon remaining(Epsilon limit, Epsilon spent) {
        return limit.compareTo(spent) > 0 ? limit.minus(spent) : Epsilon.ZERO;
    }
}
