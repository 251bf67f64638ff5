package org.tend.assessment.domain.assessment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a participant should do next. After a result: read the crisis signposting now and know that the programme's
 * practitioners have been alerted when the answers raised a safety concern, then take any instrument a positive
 * screen made due. At any time: the follow-ups still due, and the assessments left unfinished that have not expired.
 */
public final class NextSteps {

    /**
     * One step.
     *
     * @param action {@code crisis-support} (read the signposting now), {@code practitioner-review} (the programme's
     *     practitioners have been alerted), {@code take-assessment} (a follow-up instrument is due),
     *     {@code resume-assessment} (one is unfinished)
     * @param reason why: {@code safety-concern}, {@code positive-screen}, {@code unfinished}
     * @param title the instrument's title, for people
     */
    public record NextStep(String action, String reason, String instrumentId, String title, String assessmentId,
                           String becauseAssessmentId, Instant since, Instant expiresAt) {
    }

    /** A follow-up instrument due since a screener came out positive. */
    public record FollowUpDue(String instrumentId, String becauseAssessmentId, Instant dueAt) {
    }

    /** An assessment the participant started and has not finished. */
    public record Unfinished(String assessmentId, String instrumentId, Instant startedAt, Instant expiresAt) {
    }

    private NextSteps() {
    }

    /**
     * What follows from a result the participant has just been shown; nothing while it is unfinished.
     *
     * @param practitionersAlerted whether the programme has practitioners, who see the alert of a safety concern
     * @param titles               instrument titles by id
     */
    public static List<NextStep> afterResult(AssessmentState state, boolean practitionersAlerted,
                                             Function<String, String> titles) {
        AssessmentCompleted result = state.result();
        if (result == null) {
            return List.of();
        }
        List<NextStep> steps = new ArrayList<>();
        if (state.raisedSafetyConcern()) {
            steps.add(new NextStep("crisis-support", "safety-concern", null, null, state.assessmentId(), null,
                    result.completedAt(), null));
            if (practitionersAlerted) {
                steps.add(new NextStep("practitioner-review", "safety-concern", null, null, state.assessmentId(),
                        null, result.completedAt(), null));
            }
        }
        for (String due : state.followUpsDue()) {
            steps.add(new NextStep("take-assessment", "positive-screen", due, titles.apply(due), null,
                    state.assessmentId(), result.completedAt(), null));
        }
        return steps;
    }

    /** What is waiting at {@code now}: the follow-ups due, then the unfinished assessments that have not expired. */
    public static List<NextStep> waiting(List<FollowUpDue> due, List<Unfinished> unfinished, Instant now,
                                         Function<String, String> titles) {
        List<NextStep> steps = new ArrayList<>();
        for (FollowUpDue f : due) {
            steps.add(new NextStep("take-assessment", "positive-screen", f.instrumentId(), titles.apply(f.instrumentId()),
                    null, f.becauseAssessmentId(), f.dueAt(), null));
        }
        for (Unfinished u : unfinished) {
            if (u.expiresAt().isAfter(now)) {
                steps.add(new NextStep("resume-assessment", "unfinished", u.instrumentId(),
                        titles.apply(u.instrumentId()), u.assessmentId(), null, u.startedAt(), u.expiresAt()));
            }
        }
        return steps;
    }
}
