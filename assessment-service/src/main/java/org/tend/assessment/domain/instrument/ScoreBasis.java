package org.tend.assessment.domain.instrument;

/** Which score a band's limits refer to. */
public enum ScoreBasis {
    /** The raw sum. */
    RAW,
    /** The raw sum × the scoring rule's multiplier (WHO-5 percentage). */
    SCALED
}
