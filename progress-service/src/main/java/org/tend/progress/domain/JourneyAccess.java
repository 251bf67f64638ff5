package org.tend.progress.domain;

import java.util.Map;
import java.util.Set;

/**
 * Who may read a participant's journey: the participant themself, and a practitioner assigned to a programme the
 * participant is in. Nobody else: HR and programme administrators see no individual data, and a practitioner of
 * another programme sees nothing (not even whether the participant exists).
 */
public final class JourneyAccess {

    public enum Decision { OWN_JOURNEY, ASSIGNED_PRACTITIONER, FORBIDDEN }

    private JourneyAccess() {
    }

    /**
     * @param participantProgrammes     the programmes the participant's facts place them in (empty if unknown)
     * @param practitionersByProgramme  the practitioners assigned to (some of) those programmes
     */
    public static Decision decide(Viewer viewer, String participantId, Set<String> participantProgrammes,
                                  Map<String, Set<String>> practitionersByProgramme) {
        if (viewer.participant() && viewer.id().equals(participantId)) {
            return Decision.OWN_JOURNEY;
        }
        if (viewer.practitioner()) {
            for (String programme : participantProgrammes) {
                if (practitionersByProgramme.getOrDefault(programme, Set.of()).contains(viewer.id())) {
                    return Decision.ASSIGNED_PRACTITIONER;
                }
            }
        }
        return Decision.FORBIDDEN;
    }
}
