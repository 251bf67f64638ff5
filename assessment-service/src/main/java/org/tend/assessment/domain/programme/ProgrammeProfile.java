package org.tend.assessment.domain.programme;

import java.time.Instant;
import java.util.Set;

/** What is known of a programme, as of its latest event. */
public record ProgrammeProfile(String programmeId, String organisationId, String name, int minimumGroupSize,
                               String crisisSignposting, Set<String> practitioners, Instant createdAt,
                               Set<String> departments) {

    public ProgrammeProfile {
        practitioners = Set.copyOf(practitioners);
        departments = departments == null ? Set.of() : Set.copyOf(departments);
    }

    /**
     * Whether a participant may enrol under this cohort code. Only the programme's own list is allowed, so what
     * reaches the analytics stream is a code an administrator chose, never something a participant typed.
     */
    public boolean allowsDepartment(String department) {
        return department == null || departments.contains(department);
    }

    public boolean isServedBy(String practitionerId) {
        return practitioners.contains(practitionerId);
    }
}
