package org.tend.plumbing.caseload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tend.plumbing.caseload.Caseload.Access.ASSIGNED_PRACTITIONER;
import static org.tend.plumbing.caseload.Caseload.Access.NONE;
import static org.tend.plumbing.caseload.Caseload.Access.OWN;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tend.plumbing.security.Caller;
import org.tend.security.Role;

class CaseloadTest {

    static final String ALICE = "p_aaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String BOB = "p_bbbbbbbbbbbbbbbbbbbbbbbbbb";
    static final String PAT = "p_pppppppppppppppppppppppppp";
    static final String P1 = "programme-1";
    static final String P2 = "programme-2";
    static final Map<String, Set<String>> PAT_ON_P1 = Map.of(P1, Set.of(PAT), P2, Set.of());

    static Caller caller(String pseudonym, Role... roles) {
        return new Caller("subject-" + pseudonym, pseudonym,
                roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(roles[0], roles));
    }

    /** caller, participant read, participant's programmes, practitioners per programme, decision. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a participant reads their own data", caller(ALICE, Role.PARTICIPANT), ALICE,
                        Set.of(P1), PAT_ON_P1, OWN),
                Arguments.of("... even before any programme is known", caller(ALICE, Role.PARTICIPANT), ALICE,
                        Set.of(), Map.of(), OWN),
                Arguments.of("a participant may not read another's", caller(ALICE, Role.PARTICIPANT), BOB,
                        Set.of(P1), PAT_ON_P1, NONE),
                Arguments.of("an assigned practitioner reads it", caller(PAT, Role.PRACTITIONER), ALICE, Set.of(P1),
                        PAT_ON_P1, ASSIGNED_PRACTITIONER),
                Arguments.of("... if any of the participant's programmes is theirs", caller(PAT, Role.PRACTITIONER),
                        ALICE, Set.of(P2, P1), PAT_ON_P1, ASSIGNED_PRACTITIONER),
                Arguments.of("a practitioner of another programme may not", caller(PAT, Role.PRACTITIONER), BOB,
                        Set.of(P2), PAT_ON_P1, NONE),
                Arguments.of("nor of an unknown participant", caller(PAT, Role.PRACTITIONER), BOB, Set.of(),
                        PAT_ON_P1, NONE),
                Arguments.of("nor before the programme's assignments are known", caller(PAT, Role.PRACTITIONER),
                        ALICE, Set.of(P1), Map.of(), NONE),
                Arguments.of("being listed grants nothing without the practitioner role",
                        caller(PAT, Role.PARTICIPANT), ALICE, Set.of(P1), PAT_ON_P1, NONE),
                Arguments.of("hr or admin may not, even for their own id", caller(ALICE, Role.HR, Role.ADMIN), ALICE,
                        Set.of(P1), PAT_ON_P1, NONE),
                Arguments.of("a participant who is also a practitioner reads their own",
                        caller(ALICE, Role.PARTICIPANT, Role.PRACTITIONER), ALICE, Set.of(P2), PAT_ON_P1, OWN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String name, Caller caller, String participantId, Set<String> programmes,
                 Map<String, Set<String>> practitioners, Caseload.Access expected) {
        Set<String> served = practitioners.entrySet().stream()
                .filter(entry -> entry.getValue().contains(caller.pseudonym())).map(Map.Entry::getKey)
                .collect(Collectors.toSet());

        assertThat(Caseload.access(caller, participantId, programmes, served)).isEqualTo(expected);
    }
}
