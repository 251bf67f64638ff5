package org.tend.assessment.domain.assessment;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One assessment as its aggregate holds it after its latest event, answers included (to resume it, or for its
 * practitioner to review it). Every command on the assessment answers with it, so a response never reads the stream
 * back, and reading one assessment folds its events once, in the aggregate.
 *
 * @param result       the completion, or {@code null} while unfinished
 * @param safetyRules  the critical-item rules the answers fired
 * @param followUpsDue instruments the result made due (a positive screen)
 */
public record AssessmentState(String assessmentId, String participantId, String programmeId, String instrumentId,
                              String instrumentVersion, AssessmentStatus status, Map<String, Integer> answers,
                              Instant startedAt, Instant expiresAt, Instant expiredAt, AssessmentCompleted result,
                              List<String> safetyRules, List<String> followUpsDue) {

    public AssessmentState {
        // Item order is stable (by item id), as the participant resuming sees it.
        answers = Collections.unmodifiableMap(new TreeMap<>(answers));
        safetyRules = List.copyOf(safetyRules);
        followUpsDue = List.copyOf(followUpsDue);
    }

    public boolean raisedSafetyConcern() {
        return !safetyRules.isEmpty();
    }
}
