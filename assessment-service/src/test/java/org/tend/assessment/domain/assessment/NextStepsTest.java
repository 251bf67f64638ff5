package org.tend.assessment.domain.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.tend.assessment.domain.assessment.NextSteps.FollowUpDue;
import org.tend.assessment.domain.assessment.NextSteps.NextStep;
import org.tend.assessment.domain.assessment.NextSteps.Unfinished;

/** What a participant is told to do next, after a result and at any time. */
class NextStepsTest {

    static final Instant T0 = Instant.parse("2025-03-03T08:00:00Z");
    static final Function<String, String> TITLES = id -> "title of " + id;

    static AssessmentState completed(List<String> safetyRules, List<String> followUpsDue) {
        AssessmentCompleted result = new AssessmentCompleted("a1", "p_x", "prog", "phq-2", "1.0.0", Map.of(), 3,
                null, 3, 0, 6, "positive", "Positive", T0);
        return new AssessmentState("a1", "p_x", "prog", "phq-2", "1.0.0", AssessmentStatus.COMPLETED, Map.of(), T0,
                T0.plusSeconds(3600), null, result, safetyRules, followUpsDue);
    }

    @Test
    void aSafetyConcernPointsToCrisisSupportFirstThenToThePractitionersWhenThereAreAny() {
        List<NextStep> steps = NextSteps.afterResult(completed(List.of("phq-9.item-9"), List.of("phq-9")), true,
                TITLES);

        assertThat(steps).extracting(NextStep::action, NextStep::reason, NextStep::instrumentId, NextStep::title)
                .containsExactly(tuple("crisis-support", "safety-concern", null, null),
                        tuple("practitioner-review", "safety-concern", null, null),
                        tuple("take-assessment", "positive-screen", "phq-9", "title of phq-9"));
        assertThat(steps.get(2).becauseAssessmentId()).isEqualTo("a1");
        assertThat(steps).allSatisfy(step -> assertThat(step.since()).isEqualTo(T0));
    }

    @Test
    void noPractitionerReviewIsPromisedWhereTheProgrammeHasNoPractitioner() {
        assertThat(NextSteps.afterResult(completed(List.of("phq-9.item-9"), List.of()), false, TITLES))
                .extracting(NextStep::action).containsExactly("crisis-support");
    }

    @Test
    void aResultWithoutConcernOrFollowUpLeadsNowhereAndAnUnfinishedOneToNothingYet() {
        assertThat(NextSteps.afterResult(completed(List.of(), List.of()), true, TITLES)).isEmpty();
        AssessmentState started = new AssessmentState("a2", "p_x", "prog", "gad-7", "1.0.0",
                AssessmentStatus.STARTED, Map.of("gad7-1", 1), T0, T0.plusSeconds(60), null, null, List.of(),
                List.of());
        assertThat(NextSteps.afterResult(started, true, TITLES)).isEmpty();
    }

    @Test
    void waitingAreTheFollowUpsDueThenTheUnfinishedAssessmentsThatHaveNotExpired() {
        Instant now = T0.plusSeconds(600);
        List<NextStep> steps = NextSteps.waiting(List.of(new FollowUpDue("gad-7", "a0", T0)),
                List.of(new Unfinished("a3", "phq-9", T0, now.plusSeconds(1)),
                        new Unfinished("a4", "who-5", T0, now)),
                now, TITLES);

        assertThat(steps).extracting(NextStep::action, NextStep::instrumentId, NextStep::assessmentId,
                        NextStep::becauseAssessmentId)
                .containsExactly(tuple("take-assessment", "gad-7", null, "a0"),
                        tuple("resume-assessment", "phq-9", "a3", null));
        assertThat(steps.get(1).expiresAt()).isEqualTo(now.plusSeconds(1));
    }
}
