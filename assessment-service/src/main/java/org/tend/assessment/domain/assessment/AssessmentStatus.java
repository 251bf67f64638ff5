package org.tend.assessment.domain.assessment;

/** Where an assessment is in its life: started → completed, or started → expired. */
public enum AssessmentStatus {
    STARTED, COMPLETED, EXPIRED
}
