/**
 * "Is it working?": {@link org.tend.progress.domain.review.ReviewPolicy} judges a participant's facts against the
 * review rules of the data (no reliable improvement on a plan, reliable deterioration, no check-in) at a given
 * instant, and every {@link org.tend.progress.domain.review.ReviewFlag} names the rule that raised it.
 */
package org.tend.progress.domain.review;
