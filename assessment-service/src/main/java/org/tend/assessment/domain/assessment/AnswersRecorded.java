package org.tend.assessment.domain.assessment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.tend.kernel.PersonalData;

/**
 * Partial answers were kept. Item answers never leave this service.
 *
 * @param answers the answers given or changed
 * @param withdrawn items whose answer was taken back
 */
public record AnswersRecorded(String assessmentId, String participantId, @PersonalData Map<String, Integer> answers,
                              @PersonalData List<String> withdrawn, Instant recordedAt) {

    public AnswersRecorded {
        answers = answers == null ? Map.of() : Map.copyOf(answers);
        withdrawn = withdrawn == null ? List.of() : List.copyOf(withdrawn);
    }
}
