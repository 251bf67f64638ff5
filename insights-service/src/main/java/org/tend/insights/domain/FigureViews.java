package org.tend.insights.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tend.insights.privacy.Disclosure;
import org.tend.insights.privacy.FigureRelease;
import org.tend.insights.privacy.Observation;

/**
 * How a planned figure is shown: the values the plan released, and derived ones (a mean, a percentage) only from
 * released values, so that nothing shown says more than the plan allowed. A derived value is withheld when any value
 * it is made from is, with that value's rule.
 */
public final class FigureViews {

    private FigureViews() {
    }

    /**
     * @param release        the plan's release of the figure, or empty for a period that has not ended
     * @param toDate         for {@code enrolled}, the release of to-date at the end of the same period
     * @param headcount      for {@code enrolled}, the eligible headcount of the scope, if set
     * @param intervention   for a per-intervention measure, its catalogue entry
     */
    public static FigureView view(Measure measure, Optional<FigureRelease> release, Optional<FigureRelease> toDate,
                                  Integer headcount, FigureView.Intervention intervention, int k) {
        String kind = kind(measure);
        if (release.isEmpty()) {
            Shown open = Shown.open(k);
            boolean sum = measure.kind() == Observation.Kind.SUM;
            boolean rate = measure.kind() == Observation.Kind.RATE;
            boolean enrolled = measure.id().equals("enrolled");
            return new FigureView(measure.id(), measure.group(), kind, measure.label(), open,
                    sum && measure.total() ? open : null, sum && !measure.total() ? open : null, rate ? open : null,
                    rate || enrolled && headcount != null ? open : null, enrolled ? open : null,
                    enrolled ? headcount : null, measure.kind() == Observation.Kind.DISTRIBUTION ? List.of() : null,
                    intervention);
        }
        FigureRelease r = release.get();
        Shown participants = Shown.of(r.count(), k);
        Shown total = null;
        Shown mean = null;
        Shown met = null;
        Shown percent = null;
        Shown enrolledToDate = null;
        List<FigureView.Cell> cells = null;
        switch (measure.kind()) {
            case SUM -> {
                Shown sum = Shown.of(r.sum().orElseThrow(), k);
                if (measure.total()) {
                    total = sum;
                } else {
                    mean = ratio(sum, participants, measure.divisor(), 1, k);
                }
            }
            case RATE -> {
                met = Shown.of(r.cells().get(Observation.Rate.MET), k);
                percent = ratio(met, participants, 1, 100, k);
            }
            case DISTRIBUTION -> {
                cells = new ArrayList<>();
                for (Map.Entry<String, Disclosure> cell : r.cells().entrySet()) {
                    Shown count = Shown.of(cell.getValue(), k);
                    cells.add(new FigureView.Cell(cell.getKey(), count, ratio(count, participants, 1, 100, k)));
                }
            }
            case COUNT -> {
                if (measure.id().equals("enrolled") && toDate.isPresent()) {
                    enrolledToDate = Shown.of(toDate.get().count(), k);
                    if (headcount != null && headcount > 0) {
                        percent = ratio(enrolledToDate, Shown.released(headcount, false), 1, 100, k);
                    }
                }
            }
        }
        return new FigureView(measure.id(), measure.group(), kind, measure.label(), participants, total, mean, met,
                percent, enrolledToDate, measure.id().equals("enrolled") ? headcount : null, cells, intervention);
    }

    /** {@code numerator × factor / (denominator × divisor)}, one decimal; withheld if either part is. */
    static Shown ratio(Shown numerator, Shown denominator, int divisor, int factor, int k) {
        if (!numerator.shown()) {
            return numerator;
        }
        if (!denominator.shown()) {
            return denominator;
        }
        BigDecimal d = denominator.number().multiply(BigDecimal.valueOf(divisor));
        if (d.signum() <= 0) {
            // Nobody (or, in noise mode, a noisy total at or below 0): no share to show, and none hidden.
            return null;
        }
        BigDecimal value = numerator.number().multiply(BigDecimal.valueOf(factor)).divide(d, 1, RoundingMode.HALF_EVEN);
        return Shown.released(value, numerator.addedNoise() || denominator.addedNoise());
    }

    static String kind(Measure measure) {
        return switch (measure.kind()) {
            case COUNT -> "count";
            case SUM -> measure.total() ? "total" : "mean";
            case RATE -> "rate";
            case DISTRIBUTION -> "distribution";
        };
    }
}
