package org.tend.insights.privacy;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link PrivacyBudget} kept in memory: for tests, and as the reference a stored ledger must behave like. */
public final class InMemoryPrivacyBudget implements PrivacyBudget {

    private static final class Ledger {
        Epsilon spent = Epsilon.ZERO;
        final Set<String> paid = new HashSet<>();
    }

    private final Map<Account, Ledger> ledgers = new ConcurrentHashMap<>();

    @Override
    public Charge charge(Account account, String figure, Epsilon cost, Epsilon limit) {
        Ledger ledger = ledgers.computeIfAbsent(account, a -> new Ledger());
        synchronized (ledger) {
            if (ledger.paid.contains(figure)) {
                return new Charge(true, Epsilon.ZERO, remaining(ledger, limit));
            }
            if (ledger.spent.plus(cost).compareTo(limit) > 0) {
                return new Charge(false, Epsilon.ZERO, remaining(ledger, limit));
            }
            ledger.spent = ledger.spent.plus(cost);
            ledger.paid.add(figure);
            return new Charge(true, cost, remaining(ledger, limit));
        }
    }

    @Override
    public Epsilon spent(Account account) {
        Ledger ledger = ledgers.get(account);
        if (ledger == null) {
            return Epsilon.ZERO;
        }
        synchronized (ledger) {
            return ledger.spent;
        }
    }

    private static Epsilon remaining(Ledger ledger, Epsilon limit) {
        return limit.compareTo(ledger.spent) > 0 ? limit.minus(ledger.spent) : Epsilon.ZERO;
    }
}
