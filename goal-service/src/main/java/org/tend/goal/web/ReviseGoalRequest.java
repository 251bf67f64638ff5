package org.tend.goal.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.tend.plumbing.web.NoControlCharacters;

/**
 * {@code PUT /api/goals/{goalId}}: the goal's next version, its wording and target date as they are from now on
 * (no target date: none any more). As for setting a goal, the description may span lines.
 */
public record ReviseGoalRequest(
        @NotBlank @Size(max = 500, message = "must be at most 500 characters") @NoControlCharacters(multiLine = true)
        String description,
        LocalDate targetDate) {
}
