package org.tend.assessment.domain.programme;

import java.time.Instant;
import java.util.Set;

/** What is known of a programme, as of its latest event. */
public record ProgrammeProfile(String programmeId, String organisationId, String name, int minimumGroupSize,
                               String crisisSignposting, Set<String> practitioners, Instant createdAt) {

    public ProgrammeProfile {
        practitioners = Set.copyOf(practitioners);
    }

    public boolean isServedBy(String practitionerId) {
        return practitioners.contains(practitionerId);
    }
}
