package org.tend.assessment.domain.programme;

import java.time.Instant;
import java.util.List;

/**
 * A programme was set up. Its name and signposting text stay inside this service, as do its enrolment code's hash
 * and the administrator who created it. {@code departments} (the cohort codes participants may enrol under) is absent
 * from events stored before it existed: read as none; so are {@code enrolmentCodeHash} (no code yet: the
 * administrator sets one) and {@code createdBy}.
 */
public record ProgrammeCreated(String programmeId, String organisationId, String name, int minimumGroupSize,
                               String crisisSignposting, Instant createdAt, List<String> departments,
                               String enrolmentCodeHash, String createdBy) {
    public ProgrammeCreated {
        departments = departments == null ? List.of() : List.copyOf(departments);
    }
}
