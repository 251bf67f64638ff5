package org.tend.assessment.domain.programme;

import java.time.Instant;

/**
 * A practitioner no longer serves the programme: from now on they see none of its participants.
 *
 * @param unassignedBy the administrator's pseudonym (this service only: the published record does not carry it)
 */
public record PractitionerUnassigned(String programmeId, String practitionerId, String assignmentId,
                                     String unassignedBy, Instant unassignedAt) {
}
