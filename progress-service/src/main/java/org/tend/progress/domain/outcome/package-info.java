/**
 * Clinically exact outcome measures as pure functions: {@link org.tend.progress.domain.outcome.ChangeClassifier}
 * (NHS Talking Therapies points, Jacobson–Truax RCI, a fixed published change, or not classified — per instrument,
 * as the outcome data says), {@link org.tend.progress.domain.outcome.TalkingTherapiesOutcome} (caseness, reliable
 * improvement and deterioration, recovery, reliable recovery over PHQ-9 and GAD-7). Every number comes from the
 * data file; none is in code. The goal scales (GBO change, GAS T-score) are goal-service's: computed there once and
 * shown here as published.
 */
package org.tend.progress.domain.outcome;
