package org.tend.progress.data;

import java.util.Objects;
import org.tend.progress.domain.outcome.OutcomeMeasures;
import org.tend.progress.domain.review.ReviewPolicy;

/** The outcome measures and the review rules, loaded and checked against each other. */
public record OutcomeData(OutcomeMeasures measures, ReviewPolicy review) {
    public OutcomeData {
        Objects.requireNonNull(measures, "measures");
        Objects.requireNonNull(review, "review");
    }
}
