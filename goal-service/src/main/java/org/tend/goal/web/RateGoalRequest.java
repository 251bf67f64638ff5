package org.tend.goal.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** {@code POST /api/goals/{goalId}/ratings}: progress on the GBO scale, 0 no progress … 10 goal reached. */
public record RateGoalRequest(@NotNull @Min(0) @Max(10) Integer rating) {
}
