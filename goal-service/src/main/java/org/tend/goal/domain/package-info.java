/**
 * The goal context's core: the {@link org.tend.goal.domain.ParticipantGoals} aggregate (one per participant, so
 * that "at most 3 active goals" holds atomically), its commands and events as records, and the Goal-Based Outcomes
 * and Goal Attainment Scaling arithmetic ({@link org.tend.goal.domain.GboOutcome}, {@link org.tend.goal.domain.GasScore}). Plain Java plus Axon's annotations: no Spring, Kafka, MongoDB or Jackson (an ArchUnit test keeps it so).
 */
package org.tend.goal.domain;
