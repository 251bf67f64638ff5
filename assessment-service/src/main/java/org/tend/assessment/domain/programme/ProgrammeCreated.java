package org.tend.assessment.domain.programme;

import java.time.Instant;

/** A programme was set up. Its name and signposting text stay inside this service. */
public record ProgrammeCreated(String programmeId, String organisationId, String name, int minimumGroupSize,
                               String crisisSignposting, Instant createdAt) {
}
