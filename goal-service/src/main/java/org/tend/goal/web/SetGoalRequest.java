package org.tend.goal.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.tend.plumbing.web.NoControlCharacters;

/**
 * {@code POST /api/goals}. A practitioner names the participant; a participant may omit it (or give their own id).
 * The description may span lines; no other control character (422 {@code control-characters}).
 */
public record SetGoalRequest(
        @Pattern(regexp = "^p_[a-z2-7]{26}$", message = "must be a pseudonymous id: p_ and 26 base32 characters")
        String participantId,
        @NotBlank @Size(max = 64)
        @Pattern(regexp = "^[a-z0-9]+(-[a-z0-9]+)*$", message = "must be an intervention slug such as cbt")
        String interventionId,
        @NotBlank @Size(max = 500, message = "must be at most 500 characters") @NoControlCharacters(multiLine = true)
        String description,
        LocalDate targetDate) {
}
