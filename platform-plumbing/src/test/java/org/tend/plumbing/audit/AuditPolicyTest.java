package org.tend.plumbing.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tend.security.Role;

class AuditPolicyTest {

    @Test
    void practitionersAreRecordedExceptOnReferenceDataHrAndAdminEverywhereParticipantsNowhere() {
        Object[][] rows = {
                // roles, reference data, recorded
                {EnumSet.of(Role.PRACTITIONER), false, true},
                {EnumSet.of(Role.PRACTITIONER), true, false},
                {EnumSet.of(Role.HR), false, true},
                {EnumSet.of(Role.HR), true, true},
                {EnumSet.of(Role.ADMIN), true, true},
                {EnumSet.of(Role.PARTICIPANT), false, false},
                {EnumSet.of(Role.PARTICIPANT, Role.PRACTITIONER), false, true},
                {EnumSet.of(Role.PARTICIPANT, Role.ADMIN), true, true},
                {EnumSet.noneOf(Role.class), false, false},
        };
        for (Object[] row : rows) {
            @SuppressWarnings("unchecked")
            Set<Role> roles = (Set<Role>) row[0];
            boolean recorded = AuditPolicy.records(roles, (Boolean) row[1]);
            assertThat(recorded).as(roles + " reference data " + row[1]).isEqualTo(row[2]);
            if (recorded) {
                assertThat(AuditPolicy.mayRecord(roles)).isTrue();
            }
        }
        assertThat(AuditPolicy.mayRecord(EnumSet.of(Role.PARTICIPANT))).isFalse();
    }
}
