package org.tend.assessment.domain.programme;

import java.time.Instant;
import java.util.List;

/**
 * A programme was set up. Its name and signposting text stay inside this service. {@code departments} (the cohort
 * codes participants may enrol under) is absent from events stored before it existed: read as none.
 */
public record ProgrammeCreated(String programmeId, String organisationId, String name, int minimumGroupSize,
                               String crisisSignposting, Instant createdAt, List<String> departments) {
    public ProgrammeCreated {
        departments = departments == null ? List.of() : List.copyOf(departments);
    }
}
