/**
 * The figures of HR insights as pure functions of facts: the events insights-service keeps ({@link InsightEvent}), a
 * programme's participants and what they did ({@link ProgrammeFacts}), every figure the API can return for each
 * measure as the privacy planner's input ({@link Lattices}), and how a planned figure is shown ({@link FigureViews}).
 * No clinical formula is computed here: bands come on the assessment events, outcome classes from progress-service,
 * the GBO change from goal-service; this package counts, sums and groups them.
 */
package org.tend.insights.domain;
