package org.tend.assessment.domain.programme;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What is known of a programme, as of its latest event.
 *
 * @param practitioners     the pseudonyms of the practitioners serving it (for access checks; never shown to
 *                          administrators)
 * @param assignments       the same assignments as administrators see them
 * @param enrolmentCodeHash the hash of the code participants enrol with; null while there is none
 */
public record ProgrammeProfile(String programmeId, String organisationId, String name, int minimumGroupSize,
                               String crisisSignposting, Set<String> practitioners, Instant createdAt,
                               Set<String> departments, List<Assignment> assignments, String enrolmentCodeHash,
                               Instant closedAt, String retention, Instant eraseAfter) {

    public ProgrammeProfile {
        practitioners = Set.copyOf(practitioners);
        departments = departments == null ? Set.of() : Set.copyOf(departments);
        assignments = assignments == null ? List.of() : List.copyOf(assignments);
    }

    /**
     * Whether a participant may enrol under this cohort code. Only the programme's own list is allowed, so what
     * reaches the analytics stream is a code an administrator chose, never something a participant typed.
     */
    public boolean allowsDepartment(String department) {
        return department == null || departments.contains(department);
    }

    /** Whether a participant holding a code with this hash may enrol: only the programme's current code admits. */
    public boolean admits(String codeHash) {
        return enrolmentCodeHash != null && enrolmentCodeHash.equals(codeHash);
    }

    /** Whether the programme was closed (no one enrols any more; its data is erased at {@code eraseAfter}). */
    public boolean isClosed() {
        return closedAt != null;
    }

    public boolean isServedBy(String practitionerId) {
        return practitioners.contains(practitionerId);
    }
}
