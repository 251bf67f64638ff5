package org.tend.assessment.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.tend.assessment.domain.assessment.AnswersRecorded;
import org.tend.assessment.domain.assessment.AssessmentCompleted;
import org.tend.assessment.domain.assessment.AssessmentExpired;
import org.tend.assessment.domain.assessment.AssessmentStarted;
import org.tend.assessment.domain.assessment.AssessmentStatus;
import org.tend.assessment.domain.assessment.FollowUpAssessmentDue;
import org.tend.assessment.domain.safety.SafetyConcernRaised;

/**
 * One assessment as of its latest stored event, answers included (to resume it, or for its practitioner to review
 * it): folded from the assessment's own stream, so a participant resuming sees every answer they just saved.
 *
 * @param result the completion, or {@code null} while unfinished
 * @param safetyRules the critical-item rules the answers fired
 * @param followUpsDue instruments the result made due (a positive screen)
 */
public record AssessmentDetail(String assessmentId, String participantId, String programmeId, String instrumentId,
                               String instrumentVersion, AssessmentStatus status, Map<String, Integer> answers,
                               Instant startedAt, Instant expiresAt, Instant expiredAt, AssessmentCompleted result,
                               List<String> safetyRules, List<String> followUpsDue) {

    /** Folds an aggregate's payloads; empty unless the stream is an assessment's. */
    public static Optional<AssessmentDetail> fold(List<Object> stream) {
        if (stream.isEmpty() || !(stream.get(0) instanceof AssessmentStarted started)) {
            return Optional.empty();
        }
        Map<String, Integer> answers = new TreeMap<>();
        AssessmentStatus status = AssessmentStatus.STARTED;
        AssessmentCompleted result = null;
        Instant expiredAt = null;
        List<String> rules = new ArrayList<>();
        List<String> followUps = new ArrayList<>();
        for (Object event : stream) {
            if (event instanceof AnswersRecorded recorded) {
                answers.putAll(recorded.answers());
                recorded.withdrawn().forEach(answers::remove);
            } else if (event instanceof AssessmentCompleted completed) {
                answers.clear();
                answers.putAll(completed.answers());
                status = AssessmentStatus.COMPLETED;
                result = completed;
            } else if (event instanceof AssessmentExpired expired) {
                status = AssessmentStatus.EXPIRED;
                expiredAt = expired.expiredAt();
            } else if (event instanceof SafetyConcernRaised concern) {
                rules.add(concern.rule());
            } else if (event instanceof FollowUpAssessmentDue due) {
                followUps.add(due.instrumentId());
            }
        }
        return Optional.of(new AssessmentDetail(started.assessmentId(), started.participantId(),
                started.programmeId(), started.instrumentId(), started.instrumentVersion(), status, answers,
                started.startedAt(), started.expiresAt(), expiredAt, result, List.copyOf(rules),
                List.copyOf(followUps)));
    }
}
