package org.tend.assessment.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.tend.assessment.config.AssessmentSettings;
import org.tend.assessment.data.InstrumentLibrary;
import org.tend.assessment.domain.assessment.AssessmentCompleted;
import org.tend.assessment.domain.assessment.AssessmentState;
import org.tend.assessment.domain.assessment.AssessmentStatus;
import org.tend.assessment.domain.assessment.NextSteps;
import org.tend.assessment.domain.assessment.NextSteps.NextStep;
import org.tend.assessment.domain.instrument.InstrumentDefinition;
import org.tend.assessment.domain.programme.ProgrammeDirectory;
import org.tend.assessment.domain.programme.ProgrammeProfile;
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
    AssessmentView of(AssessmentState d, boolean withParticipant, boolean withNextSteps) {
        AssessmentCompleted r = d.result();
        boolean concern = d.raisedSafetyConcern();
        SafetyView safety = r == null ? null : new SafetyView(concern, concern ? signposting(d.programmeId()) : null);
        List<NextStep> next = withNextSteps && r != null ? NextSteps.afterResult(d, hasPractitioners(d.programmeId()),
                this::title) : null;
        return new AssessmentView(d.assessmentId(), withParticipant ? d.participantId() : null, d.instrumentId(),
                d.instrumentVersion(), code(d.status()), d.answers(), d.startedAt(),
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

    /** What is waiting for the participant at {@code now}. */
    List<NextStep> waiting(List<FollowUp> due, List<AssessmentSummary> assessments, Instant now) {
        return NextSteps.waiting(
                due.stream().map(f -> new NextSteps.FollowUpDue(f.instrumentId(), f.becauseAssessmentId(), f.dueAt()))
                        .toList(),
                assessments.stream().filter(s -> "started".equals(s.status()))
                        .map(s -> new NextSteps.Unfinished(s.assessmentId(), s.instrumentId(), s.startedAt(),
                                s.expiresAt())).toList(),
                now, this::title);
    }

    /** Whether the programme has practitioners, who see the alert of a safety concern. */
    boolean hasPractitioners(String programmeId) {
        return programmes.find(programmeId).map(p -> !p.practitioners().isEmpty()).orElse(false);
    }

    private String signposting(String programmeId) {
        return programmes.find(programmeId).map(ProgrammeProfile::crisisSignposting)
                .orElse(settings.defaultCrisisSignposting());
    }

    private String title(String instrumentId) {
        return instruments.find(instrumentId).map(InstrumentDefinition::title).orElse(null);
    }

    static String code(AssessmentStatus status) {
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }
}
