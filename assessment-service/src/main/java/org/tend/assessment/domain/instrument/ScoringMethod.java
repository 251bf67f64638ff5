package org.tend.assessment.domain.instrument;

/** How item contributions combine into the raw score. */
public enum ScoringMethod {
    /** Sum of the scored items' contributions (reversed items reversed first). */
    SUM
}
