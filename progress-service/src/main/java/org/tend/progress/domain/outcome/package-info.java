/**
 * Clinically exact outcome measures as pure functions: {@link org.tend.progress.domain.outcome.ChangeClassifier}
 * (NHS Talking Therapies points, Jacobson–Truax RCI, a fixed published change, or not classified — per instrument,
 * as the outcome data says), {@link org.tend.progress.domain.outcome.TalkingTherapiesOutcome} (caseness, reliable
 * improvement and deterioration, recovery, reliable recovery over PHQ-9 and GAD-7),
 * {@link org.tend.progress.domain.outcome.GoalAttainmentScaling} (the GAS T-score) and
 * {@link org.tend.progress.domain.outcome.GoalBasedOutcome}. Every number comes from the data file; none is in code.
 */
package org.tend.progress.domain.outcome;
