package org.tend.assessment.domain.programme;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * A practitioner now serves the programme: they see its participants' results and safety alerts.
 *
 * @param invitationId the invitation they redeemed, which is also the assignment's id; null in events stored before
 *                     invitations existed
 * @param invitedBy    the administrator who created that invitation (this service only: never published)
 */
public record PractitionerAssigned(String programmeId, String practitionerId, Instant assignedAt, String invitationId,
                                   String invitedBy) {

    /**
     * How an administrator names this assignment without seeing the practitioner's pseudonym: the invitation's id,
     * or for an assignment made before invitations a name-based UUID that cannot be turned back into the pseudonym
     * without knowing it.
     */
    public String assignmentId() {
        return invitationId != null ? invitationId : UUID.nameUUIDFromBytes(
                ("tend:assignment:" + programmeId + ":" + practitionerId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
