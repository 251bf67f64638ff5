package org.tend.progress.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tend.progress.domain.JourneyAccess.Decision.ASSIGNED_PRACTITIONER;
import static org.tend.progress.domain.JourneyAccess.Decision.FORBIDDEN;
import static org.tend.progress.domain.JourneyAccess.Decision.OWN_JOURNEY;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JourneyAccessTest {

    static final String ALICE = "p_aaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String BOB = "p_bbbbbbbbbbbbbbbbbbbbbbbbbb";
    static final String PAT = "p_pppppppppppppppppppppppppp";
    static final String P1 = "programme-1";
    static final String P2 = "programme-2";
    static final Map<String, Set<String>> PAT_ON_P1 = Map.of(P1, Set.of(PAT), P2, Set.of());

    static Viewer participant(String id) {
        return new Viewer(id, true, false);
    }

    static Viewer practitioner(String id) {
        return new Viewer(id, false, true);
    }

    /** viewer, participant read, participant's programmes, practitioners per programme, decision. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a participant reads their own journey", participant(ALICE), ALICE, Set.of(P1), PAT_ON_P1,
                        OWN_JOURNEY),
                Arguments.of("... even before any programme is known", participant(ALICE), ALICE, Set.of(), Map.of(),
                        OWN_JOURNEY),
                Arguments.of("a participant may not read another's", participant(ALICE), BOB, Set.of(P1), PAT_ON_P1,
                        FORBIDDEN),
                Arguments.of("an assigned practitioner reads it", practitioner(PAT), ALICE, Set.of(P1), PAT_ON_P1,
                        ASSIGNED_PRACTITIONER),
                Arguments.of("... if any of the participant's programmes is theirs", practitioner(PAT), ALICE,
                        Set.of(P2, P1), PAT_ON_P1, ASSIGNED_PRACTITIONER),
                Arguments.of("a practitioner of another programme may not", practitioner(PAT), BOB, Set.of(P2),
                        PAT_ON_P1, FORBIDDEN),
                Arguments.of("nor of an unknown participant", practitioner(PAT), BOB, Set.of(), PAT_ON_P1, FORBIDDEN),
                Arguments.of("nor before the programme's assignments are known", practitioner(PAT), ALICE, Set.of(P1),
                        Map.of(), FORBIDDEN),
                Arguments.of("being listed grants nothing without the practitioner role", participant(PAT), ALICE,
                        Set.of(P1), PAT_ON_P1, FORBIDDEN),
                Arguments.of("hr or admin (no granting role) may not, even their own id", new Viewer(ALICE, false,
                        false), ALICE, Set.of(P1), PAT_ON_P1, FORBIDDEN),
                Arguments.of("a participant who is also a practitioner reads their own", new Viewer(ALICE, true, true),
                        ALICE, Set.of(P2), PAT_ON_P1, OWN_JOURNEY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String name, Viewer viewer, String participantId, Set<String> programmes,
                 Map<String, Set<String>> practitioners, JourneyAccess.Decision expected) {
        assertThat(JourneyAccess.decide(viewer, participantId, programmes, practitioners)).isEqualTo(expected);
    }
}
