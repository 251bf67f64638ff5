package org.tend.goal.domain;

import java.time.Instant;
import java.util.Map;
import org.tend.kernel.PersonalData;

/**
 * A goal was given its GAS scale (a later one replaces an earlier one). The level descriptions are domain data,
 * stored and shown to the participant and their practitioner, never published.
 *
 * @param levelDescriptions the five levels −2 … +2, each with its trimmed wording
 */
public record AttainmentScaleDefined(String participantId, String goalId, int weight, @PersonalData int baselineLevel,
                                     @PersonalData Map<Integer, String> levelDescriptions, GoalRole definedByRole,
                                     Instant definedAt) {
}
