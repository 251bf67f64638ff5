package org.tend.assessment.domain.programme;

import java.time.Instant;

/** A practitioner now serves the programme: they see its participants' results and safety alerts. */
public record PractitionerAssigned(String programmeId, String practitionerId, Instant assignedAt) {
}
