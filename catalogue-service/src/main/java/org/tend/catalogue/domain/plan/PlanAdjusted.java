package org.tend.catalogue.domain.plan;

import java.time.Instant;
import java.util.List;
import org.tend.kernel.PersonalData;

/**
 * A care plan was adjusted; begins plan episode {@code episode}. Codes, except the note, which is never published.
 * What the plan holds (level, interventions, reasons) is about the participant's care, so it is sealed with their key
 * wherever the event is stored.
 */
public record PlanAdjusted(String participantId, String adjustmentId, int episode, @PersonalData String change,
                           @PersonalData String reason, @PersonalData String note,
                           @PersonalData String previousLevel, @PersonalData String level,
                           @PersonalData String interventionId, @PersonalData String replacedInterventionId,
                           @PersonalData List<String> interventions, String adjustedBy, String role,
                           Instant adjustedAt) {
    public PlanAdjusted {
        interventions = List.copyOf(interventions);
    }
}
