package org.tend.goal.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.tend.plumbing.web.NoControlCharacters;

/**
 * {@code PUT /api/goals/{goalId}/attainment-scale}: the goal's Goal Attainment Scaling scale. The five level
 * descriptions are checked by {@link AttainmentLevels} (every level, 1–300 characters, no other key); each is one line
 * without control characters (422 {@code levels.<level>}/{@code control-characters}). More than five entries are
 * refused as a whole (400 {@code levels}/{@code range}) before any is looked at: exactly the five levels are allowed.
 *
 * @param weight        1–10, omitted = 1 (unweighted)
 * @param baselineLevel where the participant starts: −1, or −2 when things cannot get worse
 * @param levels        what each level looks like, keyed "-2", "-1", "0", "1", "2"
 */
public record DefineAttainmentScaleRequest(
        @Min(1) @Max(10) Integer weight,
        @NotNull @Min(value = -2, message = "must be -2 or -1: the baseline lies below the expected outcome")
        @Max(value = -1, message = "must be -2 or -1: the baseline lies below the expected outcome")
        Integer baselineLevel,
        @NotNull @Size(max = 5, message = "must hold exactly the five levels -2, -1, 0, 1 and 2")
        Map<String, @NoControlCharacters String> levels) {
}
