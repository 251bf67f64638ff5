package org.tend.assessment.messaging;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.tend.assessment.domain.assessment.AssessmentCompleted;
import org.tend.assessment.domain.enrolment.ConsentRenewed;
import org.tend.assessment.domain.enrolment.ConsentWithdrawn;
import org.tend.assessment.domain.enrolment.ParticipantEnrolled;
import org.tend.assessment.domain.enrolment.ParticipantErased;
import org.tend.contracts.OrganisationIds;
import org.tend.assessment.domain.care.CareHoldPlaced;
import org.tend.assessment.domain.care.CareHoldReleased;
import org.tend.assessment.domain.programme.PractitionerAssigned;
import org.tend.assessment.domain.programme.PractitionerUnassigned;
import org.tend.assessment.domain.programme.ProgrammeCreated;
import org.tend.assessment.domain.programme.ProgrammeSettingsChanged;
import org.tend.contracts.EventTypes;
import org.tend.plumbing.messaging.IntegrationEvent;
import org.tend.plumbing.messaging.IntegrationEventMapper;

/**
 * The published language of the assessment context: which domain events leave the service, and with what.
 * Everything else maps to nothing, deliberately: programme names, crisis signposting, item answers, partial answers,
 * expiries, follow-ups and, above all, safety concerns and their acknowledgements stay inside this service (a
 * per-concern record, however "anonymous", could be linked to the participant by its time and programme), as do
 * which administrator invited or unassigned a practitioner. A safety concern's one consequence that leaves is the
 * care hold ("held", "released", per participant, no reason), on the internal topic only the catalogue may read.
 */
@Component
public class AssessmentIntegrationEvents implements IntegrationEventMapper {

    public record ProgrammeCreatedV1(String programmeId, String organisationId, int minimumGroupSize,
                                     Instant createdAt) {
    }

    /** The care settings; not which administrator changed them. */
    public record ProgrammeSettingsChangedV1(String programmeId, int maxActiveGoals, String reviewPeriod,
                                             ScheduleV1 schedule, Instant changedAt) {
    }

    public record ScheduleV1(String version, List<ScheduleItemV1> items) {
    }

    public record ScheduleItemV1(String measure, String every, @JsonProperty("while") String applies) {
    }

    public record PractitionerAssignedV1(String programmeId, String practitionerId, Instant assignedAt) {
    }

    public record PractitionerUnassignedV1(String programmeId, String practitionerId, Instant unassignedAt) {
    }

    /** Internal (care-holds topic): the participant and the time, never why. */
    public record CareHoldPlacedV1(String participantId, Instant placedAt) {
    }

    /** Internal (care-holds topic): not who released it. */
    public record CareHoldReleasedV1(String participantId, Instant releasedAt) {
    }

    public record ParticipantEnrolledV1(String participantId, String programmeId, Map<String, String> cohort,
                                        boolean consentGiven, Instant enrolledAt) {
    }

    public record ConsentWithdrawnV1(String participantId, String programmeId, Instant withdrawnAt) {
    }

    public record ConsentRenewedV1(String participantId, String programmeId, Instant renewedAt) {
    }

    public record ParticipantErasedV1(String participantId, String programmeId, String erasureId, Instant erasedAt) {
    }

    public record ScoreRangeV1(int min, int max) {
    }

    public record AssessmentCompletedV1(String assessmentId, String participantId, String programmeId,
                                        String instrumentId, String instrumentVersion, int totalScore,
                                        ScoreRangeV1 scoreRange, String band, Instant completedAt) {
    }

    @Override
    public List<IntegrationEvent> map(Object event) {
        if (event instanceof ProgrammeCreated e) {
            return List.of(new IntegrationEvent(EventTypes.PROGRAMME_CREATED_V1, e.programmeId(),
                    new ProgrammeCreatedV1(e.programmeId(), OrganisationIds.published(e.organisationId()),
                            e.minimumGroupSize(), e.createdAt())));
        }
        if (event instanceof ProgrammeSettingsChanged e) {
            return List.of(new IntegrationEvent(EventTypes.PROGRAMME_SETTINGS_CHANGED_V1, e.programmeId(),
                    new ProgrammeSettingsChangedV1(e.programmeId(), e.maxActiveGoals(), e.reviewPeriod(),
                            new ScheduleV1(e.scheduleVersion(), e.schedule().stream()
                                    .map(i -> new ScheduleItemV1(i.measure(), i.every(), i.applies())).toList()),
                            e.changedAt())));
        }
        if (event instanceof PractitionerAssigned e) {
            return List.of(new IntegrationEvent(EventTypes.PRACTITIONER_ASSIGNED_V1, e.programmeId(),
                    new PractitionerAssignedV1(e.programmeId(), e.practitionerId(), e.assignedAt())));
        }
        if (event instanceof PractitionerUnassigned e) {
            return List.of(new IntegrationEvent(EventTypes.PRACTITIONER_UNASSIGNED_V1, e.programmeId(),
                    new PractitionerUnassignedV1(e.programmeId(), e.practitionerId(), e.unassignedAt())));
        }
        if (event instanceof CareHoldPlaced e) {
            return List.of(new IntegrationEvent(EventTypes.CARE_HOLD_PLACED_V1, e.participantId(),
                    new CareHoldPlacedV1(e.participantId(), e.placedAt())));
        }
        if (event instanceof CareHoldReleased e) {
            return List.of(new IntegrationEvent(EventTypes.CARE_HOLD_RELEASED_V1, e.participantId(),
                    new CareHoldReleasedV1(e.participantId(), e.releasedAt())));
        }
        if (event instanceof ParticipantEnrolled e) {
            Map<String, String> cohort = new LinkedHashMap<>();
            if (e.department() != null) {
                cohort.put("department", e.department());
            }
            return List.of(new IntegrationEvent(EventTypes.PARTICIPANT_ENROLLED_V1, e.participantId(),
                    new ParticipantEnrolledV1(e.participantId(), e.programmeId(), cohort, e.consentGiven(),
                            e.enrolledAt())));
        }
        if (event instanceof ConsentWithdrawn e) {
            return List.of(new IntegrationEvent(EventTypes.CONSENT_WITHDRAWN_V1, e.participantId(),
                    new ConsentWithdrawnV1(e.participantId(), e.programmeId(), e.withdrawnAt())));
        }
        if (event instanceof ConsentRenewed e) {
            return List.of(new IntegrationEvent(EventTypes.CONSENT_RENEWED_V1, e.participantId(),
                    new ConsentRenewedV1(e.participantId(), e.programmeId(), e.renewedAt())));
        }
        if (event instanceof ParticipantErased e) {
            return List.of(new IntegrationEvent(EventTypes.PARTICIPANT_ERASED_V1, e.participantId(),
                    new ParticipantErasedV1(e.participantId(), e.programmeId(), e.erasureId(), e.erasedAt())));
        }
        if (event instanceof AssessmentCompleted e) {
            return List.of(new IntegrationEvent(EventTypes.ASSESSMENT_COMPLETED_V1, e.participantId(),
                    new AssessmentCompletedV1(e.assessmentId(), e.participantId(), e.programmeId(), e.instrumentId(),
                            e.instrumentVersion(), e.score(), new ScoreRangeV1(e.scoreMin(), e.scoreMax()), e.band(),
                            e.completedAt())));
        }
        return List.of();
    }
}
