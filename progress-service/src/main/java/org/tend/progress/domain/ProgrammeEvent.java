package org.tend.progress.domain;

import java.time.Instant;
import java.util.Objects;

/** What the progress service learns about programmes: enough to know which practitioners serve which programme. */
public sealed interface ProgrammeEvent {

    String programmeId();

    record ProgrammeCreated(String programmeId, String organisationId, int minimumGroupSize, Instant createdAt)
            implements ProgrammeEvent {
        public ProgrammeCreated {
            Objects.requireNonNull(programmeId, "programmeId");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    record PractitionerAssigned(String programmeId, String practitionerId, Instant assignedAt)
            implements ProgrammeEvent {
        public PractitionerAssigned {
            Objects.requireNonNull(programmeId, "programmeId");
            Objects.requireNonNull(practitionerId, "practitionerId");
            Objects.requireNonNull(assignedAt, "assignedAt");
        }
    }

    record PractitionerUnassigned(String programmeId, String practitionerId, Instant unassignedAt)
            implements ProgrammeEvent {
        public PractitionerUnassigned {
            Objects.requireNonNull(programmeId, "programmeId");
            Objects.requireNonNull(practitionerId, "practitionerId");
            Objects.requireNonNull(unassignedAt, "unassignedAt");
        }
    }
}
