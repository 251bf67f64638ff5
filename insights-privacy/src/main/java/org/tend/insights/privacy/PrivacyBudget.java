package org.tend.insights.privacy;

import java.time.YearMonth;
import java.util.Objects;

/**
 * The ledger of noise mode's privacy budget: how much ε each HR user has spent on each programme in each calendar
 * month, and on which figures. Its storage is the service's; {@link InMemoryPrivacyBudget} is the reference.
 *
 * <p>A figure is charged once per account: seeing the same noisy value again tells nothing new, so it costs nothing.
 * A figure whose noisy value changed (new data, a new plan) is a new figure ({@link BudgetedAnswers} names it by its
 * values).
 */
public interface PrivacyBudget {

    /** Whose budget: one HR user on one programme in one calendar month. */
    record Account(String programme, String user, YearMonth month) {
        public Account {
            Objects.requireNonNull(programme, "programme");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(month, "month");
        }
    }

    /**
     * The outcome of a charge.
     *
     * @param granted   whether the figure may be shown
     * @param charged   the ε this call spent (0 when the figure was paid for before, or refused)
     * @param remaining the ε left in the account after this call
     */
    record Charge(boolean granted, Epsilon charged, Epsilon remaining) {
    }

    /**
     * Atomically: if the account paid for {@code figure} before, grants it at no cost; else if {@code cost} fits in
     * {@code limit} less what the account has spent, records the spending and grants it; else refuses and records
     * nothing.
     */
    Charge charge(Account account, String figure, Epsilon cost, Epsilon limit);

    /** What the account has spent so far. */
    Epsilon spent(Account account);
}
