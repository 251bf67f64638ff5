package org.tend.plumbing.audit;

import java.util.Set;
import org.tend.security.Role;

/**
 * Whose requests the trail records: every request of HR and of administrators (they see no individual data, so
 * every query they make is worth a line), and every request of a practitioner except to reference data
 * ({@link ReferenceData}). A participant reaching their own data is not recorded. Pure.
 */
public final class AuditPolicy {

    private AuditPolicy() {
    }

    /** Whether a request by a caller of these roles may need recording (before its route is known). */
    public static boolean mayRecord(Set<Role> roles) {
        return roles.contains(Role.HR) || roles.contains(Role.ADMIN) || roles.contains(Role.PRACTITIONER);
    }

    /** Whether a request by a caller of these roles to a route that is (or is not) reference data is recorded. */
    public static boolean records(Set<Role> roles, boolean referenceData) {
        if (roles.contains(Role.HR) || roles.contains(Role.ADMIN)) {
            return true;
        }
        return roles.contains(Role.PRACTITIONER) && !referenceData;
    }
}
