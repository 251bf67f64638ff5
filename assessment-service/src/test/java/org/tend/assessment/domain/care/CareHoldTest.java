package org.tend.assessment.domain.care;

import static org.tend.assessment.domain.Rejections.rejected;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tend.kernel.Rejection.Kind;

/** One review releases the person; no concern ever places a hold twice, however late it is seen again. */
class CareHoldTest {

    static final String ALICE = "p_aaaaaaaaaaaaaaaaaaaaaaaaaa";
    static final String PAT = "p_pppppppppppppppppppppppppp";
    static final String HOLD = CareHold.idOf(ALICE);
    static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");

    AggregateTestFixture<CareHold> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CareHold.class);
    }

    @Test
    void aConcernPlacesTheHold() {
        fixture.givenNoPriorActivity()
                .when(new PlaceCareHold(HOLD, ALICE, "c1", T0))
                .expectEvents(new CareHoldPlaced(ALICE, "c1", T0));
    }

    @Test
    void anotherConcernWhileHeldJoinsTheHoldAndPlacesNothingNew() {
        fixture.given(new CareHoldPlaced(ALICE, "c1", T0))
                .when(new PlaceCareHold(HOLD, ALICE, "c2", T0.plusSeconds(60)))
                .expectEvents(new ConcernAddedToHold(ALICE, "c2", T0.plusSeconds(60)));
    }

    @Test
    void aConcernSeenAgainAfterTheReleaseDoesNotHoldAgain() {
        fixture.given(new CareHoldPlaced(ALICE, "c1", T0), new ConcernAddedToHold(ALICE, "c2", T0.plusSeconds(60)),
                        new CareHoldReleased(ALICE, PAT, T0.plusSeconds(3600)))
                .when(new PlaceCareHold(HOLD, ALICE, "c2", T0.plusSeconds(7200)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aNewConcernAfterTheReleaseHoldsAgain() {
        fixture.given(new CareHoldPlaced(ALICE, "c1", T0), new CareHoldReleased(ALICE, PAT, T0.plusSeconds(3600)))
                .when(new PlaceCareHold(HOLD, ALICE, "c3", T0.plusSeconds(7200)))
                .expectEvents(new CareHoldPlaced(ALICE, "c3", T0.plusSeconds(7200)));
    }

    @Test
    void releasingRecordsWhoAndWhenAndOnlyWhileHeld() {
        fixture.given(new CareHoldPlaced(ALICE, "c1", T0))
                .when(new ReleaseCareHold(HOLD, ALICE, PAT, T0.plusSeconds(60)))
                .expectEvents(new CareHoldReleased(ALICE, PAT, T0.plusSeconds(60)));
        fixture.given(new CareHoldPlaced(ALICE, "c1", T0), new CareHoldReleased(ALICE, PAT, T0.plusSeconds(60)))
                .when(new ReleaseCareHold(HOLD, ALICE, PAT, T0.plusSeconds(120)))
                .expectNoEvents()
                .expectException(rejected(Kind.CONFLICT, "participantId", "not-held"));
    }
}
