package org.tend.goal.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.tend.goal.domain.GasScore;
import org.tend.goal.domain.ParticipantGoals;
import org.tend.plumbing.web.ApiException;
import org.tend.plumbing.web.FieldViolation;

/**
 * The {@code levels} of a GAS scale request, keyed as JSON keys "-2" … "2", checked all at once so that one 400
 * names every level at fault ({@code levels.-2}/{@code required}, {@code levels.1}/{@code range},
 * {@code levels.3}/{@code unknown}). The aggregate enforces the same rules (422) for any other caller.
 */
final class AttainmentLevels {

    private AttainmentLevels() {
    }

    /** The five levels with their trimmed descriptions, lowest first; throws a 400 problem naming each fault. */
    static Map<Integer, String> parse(Map<String, String> levels) {
        List<FieldViolation> violations = new ArrayList<>();
        Map<Integer, String> parsed = new TreeMap<>();
        for (int level : GasScore.LEVELS) {
            String key = String.valueOf(level);
            String text = levels.get(key) == null ? "" : levels.get(key).strip();
            if (text.isEmpty()) {
                violations.add(new FieldViolation(ParticipantGoals.levelField(level), "required",
                        "each of the levels -2, -1, 0, 1, 2 needs a description"));
            } else if (text.length() > ParticipantGoals.MAX_LEVEL_DESCRIPTION_LENGTH) {
                violations.add(new FieldViolation(ParticipantGoals.levelField(level), "range",
                        "must be at most " + ParticipantGoals.MAX_LEVEL_DESCRIPTION_LENGTH + " characters"));
            } else {
                parsed.put(level, text);
            }
        }
        for (String key : new TreeMap<>(levels).keySet()) {
            if (GasScore.LEVELS.stream().noneMatch(level -> String.valueOf(level).equals(key))) {
                violations.add(new FieldViolation("levels." + key, "unknown",
                        "GAS levels are keyed -2, -1, 0, 1 and 2"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidLevels(violations);
        }
        return parsed;
    }

    /** The levels as the API shows them: keyed "-2" … "2", lowest first. */
    static Map<String, String> keyedAsJson(Map<Integer, String> levels) {
        Map<String, String> keyed = new LinkedHashMap<>();
        levels.forEach((level, text) -> keyed.put(String.valueOf(level), text));
        return keyed;
    }

    /** 400 with every level at fault (plumbing's BadRequestException carries one field only). */
    static final class InvalidLevels extends ApiException {
        InvalidLevels(List<FieldViolation> violations) {
            super(HttpStatus.BAD_REQUEST, "validation-failed", violations.size() == 1
                    ? violations.get(0).field() + ": " + violations.get(0).message()
                    : violations.size() + " levels are invalid", violations);
        }
    }
}
