package org.tend.goal.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.tend.plumbing.web.NoControlCharacters;

/** {@code POST /api/goals/{goalId}/closure}: {@code achieved} or {@code no-longer-relevant}. */
public record CloseGoalRequest(@NotBlank @Size(max = 40) @NoControlCharacters String closure) {
}
