package org.tend.assessment.domain.assessment;

import java.time.Instant;
import java.util.Map;
import org.tend.kernel.PersonalData;

/**
 * An assessment was scored and completed. It carries the answers that were scored and the instrument id and version
 * that scored them, so the result can always be recomputed; the answers stay inside this service (the published
 * record has the score and band only).
 *
 * @param score the score the bands are on (WHO-5: the percentage), published as {@code totalScore}
 * @param scoreMin lowest possible {@code score}
 * @param scoreMax highest possible {@code score}
 * @param scaledScore raw × the instrument's multiplier, or {@code null} when it has none
 * @param band band code, e.g. {@code moderately-severe}
 */
public record AssessmentCompleted(String assessmentId, String participantId, String programmeId, String instrumentId,
                                  String instrumentVersion, @PersonalData Map<String, Integer> answers,
                                  @PersonalData int rawScore,
                                  @PersonalData Integer scaledScore, @PersonalData int score, int scoreMin,
                                  int scoreMax, @PersonalData String band,
                                  @PersonalData String bandLabel, Instant completedAt) {

    public AssessmentCompleted {
        answers = Map.copyOf(answers);
    }
}
