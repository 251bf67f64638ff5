package org.tend.insights.privacy;

import java.time.YearMonth;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/** Small hand-made populations and figures for the worked examples. */
final class Examples {

    static final YearMonth JAN = YearMonth.of(2026, 1);
    static final YearMonth FEB = YearMonth.of(2026, 2);
    static final YearMonth MAR = YearMonth.of(2026, 3);

    static final Scope PROGRAMME = Scope.programme();
    static final Scope FINANCE = Scope.cohort("finance");
    static final Scope SALES = Scope.cohort("sales");
    static final Scope OPS = Scope.cohort("ops");

    private Examples() {
    }

    /** Participants {@code from} to {@code to}, both included. */
    static Population ids(int from, int to) {
        return Population.of(IntStream.rangeClosed(from, to).toArray());
    }

    static Population join(Population... parts) {
        return Arrays.stream(parts).reduce(Population.empty(), Population::union);
    }

    static Observation.Count count(Population p) {
        return new Observation.Count(p);
    }

    static Observation.Distribution bands(Population minimal, Population mild, Population moderate) {
        Map<String, Population> cells = new LinkedHashMap<>();
        cells.put("minimal", minimal);
        cells.put("mild", mild);
        cells.put("moderate", moderate);
        return new Observation.Distribution(cells);
    }

    static FigureKey month(Scope scope, YearMonth m) {
        return FigureKey.of(scope, Period.month(m));
    }

    static FigureKey toDate(Scope scope, YearMonth m) {
        return FigureKey.of(scope, Period.toDate(m));
    }

    static FigureKey quarter1(Scope scope) {
        return FigureKey.of(scope, Period.quarterOf(JAN));
    }

    static DisclosurePlan exactPlan(int k, MeasureLattice lattice) {
        return new PrivacyPlanner(PrivacySettings.exact(k)).plan(lattice);
    }

    static Disclosure released(long value) {
        return new Disclosure.Released(value, false);
    }

    static Disclosure withheld(Rule rule) {
        return new Disclosure.Withheld(rule);
    }
}
