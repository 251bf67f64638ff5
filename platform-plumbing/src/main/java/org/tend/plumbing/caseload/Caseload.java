package org.tend.plumbing.caseload;

import java.util.Collection;
import java.util.function.Predicate;
import org.tend.plumbing.security.Caller;
import org.tend.security.Role;

/**
 * Who may see and act on a participant's individual data, the same rule in every service: the participant themself,
 * and a practitioner assigned to a programme the participant is enrolled in. Nobody else: HR and administrators see
 * no individual data, and a practitioner of another programme sees nothing (not even whether the participant
 * exists). Pure: each service feeds it from its own read models.
 */
public final class Caseload {

    /** How a caller may reach a participant's data. */
    public enum Access { OWN, ASSIGNED_PRACTITIONER, NONE }

    private Caseload() {
    }

    /**
     * @param participantProgrammes  the programmes the participant is enrolled in (empty when unknown)
     * @param practitionerProgrammes the programmes the caller serves as a practitioner (empty when none)
     */
    public static Access access(Caller caller, String participantId, Collection<String> participantProgrammes,
                                Collection<String> practitionerProgrammes) {
        if (caller.has(Role.PARTICIPANT) && caller.pseudonym().equals(participantId)) {
            return Access.OWN;
        }
        if (caller.has(Role.PRACTITIONER) && includes(practitionerProgrammes, participantProgrammes)) {
            return Access.ASSIGNED_PRACTITIONER;
        }
        return Access.NONE;
    }

    /**
     * The same rule where a service knows, per programme, whether the caller serves it (rather than the set of
     * programmes the caller serves).
     */
    public static Access access(Caller caller, String participantId, Collection<String> participantProgrammes,
                                Predicate<String> callerServes) {
        return access(caller, participantId, participantProgrammes,
                participantProgrammes.stream().filter(callerServes).toList());
    }

    /** Whether a practitioner serving {@code practitionerProgrammes} has a participant of those programmes. */
    public static boolean includes(Collection<String> practitionerProgrammes,
                                   Collection<String> participantProgrammes) {
        for (String programme : participantProgrammes) {
            if (practitionerProgrammes.contains(programme)) {
                return true;
            }
        }
        return false;
    }
}
