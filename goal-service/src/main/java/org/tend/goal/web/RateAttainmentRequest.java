package org.tend.goal.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** {@code POST /api/goals/{goalId}/attainment-ratings}: the GAS level attained, −2 … +2 (0 = as expected). */
public record RateAttainmentRequest(@NotNull @Min(-2) @Max(2) Integer level) {
}
