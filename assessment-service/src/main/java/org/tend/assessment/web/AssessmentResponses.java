package org.tend.assessment.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.tend.assessment.config.AssessmentSettings;
import org.tend.assessment.data.InstrumentLibrary;
import org.tend.assessment.domain.assessment.AssessmentCompleted;
import org.tend.assessment.domain.instrument.InstrumentDefinition;
import org.tend.assessment.domain.programme.ProgrammeDirectory;
import org.tend.assessment.domain.programme.ProgrammeProfile;
import org.tend.assessment.query.AssessmentDetail;
import org.tend.assessment.query.AssessmentViews.AssessmentSummary;
import org.tend.assessment.query.AssessmentViews.FollowUp;

/** The JSON shapes of assessments, results and next steps. Absent values are left out of the JSON. */
@Component
class AssessmentResponses {

    record ScoreRange(int min, int max) {
    }

    record BandView(String code, String label) {
    }

    /** @param signposting where to find crisis support; present whenever a concern was raised */
    record SafetyView(boolean concernRaised, String signposting) {
    }

    /**
     * What the participant should do next.
     *
     * @param action {@code take-assessment} (a follow-up instrument is due), {@code resume-assessment} (one is
     *     unfinished), {@code crisis-support} (read the signposting now), {@code practitioner-review} (the
     *     programme's practitioners have been alerted)
     * @param reason why: {@code positive-screen}, {@code unfinished}, {@code safety-concern}
     */
    record NextStep(String action, String reason, String instrumentId, String title, String assessmentId,
                    String becauseAssessmentId, Instant since, Instant expiresAt) {
    }

    /**
     * An assessment: its progress, and once completed its result. {@code answers} only where the caller may see
     * them (the participant resuming, the practitioner reviewing one assessment).
     */
    record AssessmentView(String assessmentId, String participantId, String instrumentId, String instrumentVersion,
                          String status, Map<String, Integer> answers, Instant startedAt, Instant expiresAt,
                          Instant completedAt, Instant expiredAt, Integer score, Integer rawScore, Integer scaledScore,
                          ScoreRange scoreRange, BandView band, SafetyView safety, List<NextStep> nextSteps) {
    }

    private final ProgrammeDirectory programmes;
    private final InstrumentLibrary instruments;
    private final AssessmentSettings settings;

    AssessmentResponses(ProgrammeDirectory programmes, InstrumentLibrary instruments, AssessmentSettings settings) {
        this.programmes = programmes;
        this.instruments = instruments;
        this.settings = settings;
    }

    /**
     * One assessment in full.
     *
     * @param withParticipant whether to name the participant (for practitioners)
     * @param withNextSteps whether to say what follows from the result (for the participant who just took it)
     */
    AssessmentView of(AssessmentDetail d, boolean withParticipant, boolean withNextSteps) {
        AssessmentCompleted r = d.result();
        boolean concern = !d.safetyRules().isEmpty();
        SafetyView safety = r == null ? null : new SafetyView(concern, concern ? signposting(d.programmeId()) : null);
        List<NextStep> next = null;
        if (withNextSteps && r != null) {
            next = new ArrayList<>();
            if (concern) {
                next.add(new NextStep("crisis-support", "safety-concern", null, null, d.assessmentId(), null,
                        r.completedAt(), null));
                if (programmes.find(d.programmeId()).map(p -> !p.practitioners().isEmpty()).orElse(false)) {
                    next.add(new NextStep("practitioner-review", "safety-concern", null, null, d.assessmentId(),
                            null, r.completedAt(), null));
                }
            }
            for (String due : d.followUpsDue()) {
                next.add(new NextStep("take-assessment", "positive-screen", due, title(due), null, d.assessmentId(),
                        r.completedAt(), null));
            }
        }
        return new AssessmentView(d.assessmentId(), withParticipant ? d.participantId() : null, d.instrumentId(),
                d.instrumentVersion(), status(d), d.answers(), d.startedAt(),
                r == null ? d.expiresAt() : null, r == null ? null : r.completedAt(), d.expiredAt(),
                r == null ? null : r.score(), r == null ? null : r.rawScore(), r == null ? null : r.scaledScore(),
                r == null ? null : new ScoreRange(r.scoreMin(), r.scoreMax()),
                r == null ? null : new BandView(r.band(), r.bandLabel()), safety, next);
    }

    /** A list entry: no answers; the safety flag only for practitioners. */
    AssessmentView summary(AssessmentSummary s, boolean forPractitioner) {
        boolean completed = "completed".equals(s.status());
        return new AssessmentView(s.assessmentId(), forPractitioner ? s.participantId() : null, s.instrumentId(),
                s.instrumentVersion(), s.status(), null, s.startedAt(), "started".equals(s.status()) ? s.expiresAt()
                : null, s.completedAt(), s.expiredAt(), s.score(), s.rawScore(), s.scaledScore(),
                completed ? new ScoreRange(s.scoreMin(), s.scoreMax()) : null,
                completed ? new BandView(s.band(), s.bandLabel()) : null,
                completed && forPractitioner ? new SafetyView(s.safetyConcernRaised(), null) : null, null);
    }

    List<NextStep> nextSteps(List<FollowUp> due, List<AssessmentSummary> unfinished) {
        List<NextStep> steps = new ArrayList<>();
        for (FollowUp f : due) {
            steps.add(new NextStep("take-assessment", "positive-screen", f.instrumentId(), title(f.instrumentId()),
                    null, f.becauseAssessmentId(), f.dueAt(), null));
        }
        for (AssessmentSummary s : unfinished) {
            steps.add(new NextStep("resume-assessment", "unfinished", s.instrumentId(), title(s.instrumentId()),
                    s.assessmentId(), null, s.startedAt(), s.expiresAt()));
        }
        return steps;
    }

    private String signposting(String programmeId) {
        return programmes.find(programmeId).map(ProgrammeProfile::crisisSignposting)
                .orElse(settings.defaultCrisisSignposting());
    }

    private String title(String instrumentId) {
        return instruments.find(instrumentId).map(InstrumentDefinition::title).orElse(null);
    }

    private static String status(AssessmentDetail d) {
        return d.status().name().toLowerCase(java.util.Locale.ROOT);
    }
}
