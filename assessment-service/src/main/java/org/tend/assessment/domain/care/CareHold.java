package org.tend.assessment.domain.care;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.tend.kernel.Rejection;

/**
 * "Safety overrides everything": from the moment a participant's answers raise a safety concern until a
 * practitioner of their programme has reviewed them, no automated recommendation is shown to them. One per
 * participant ({@link #idOf}); placed again by any later concern once released.
 */
public class CareHold {

    @AggregateIdentifier
    private String holdId;
    private String participantId;
    private boolean held;
    /** Every concern that has placed a hold: a concern placed again (by the safety net) changes nothing. */
    private final java.util.Set<String> concerns = new java.util.HashSet<>();
    private CareHoldPlaced placed;
    private CareHoldReleased released;

    protected CareHold() {
    }

    /** The hold's id for a participant: its own id space, apart from the enrolment stream under the pseudonym. */
    public static String idOf(String participantId) {
        return "care-hold:" + participantId;
    }

    /**
     * A concern while already held changes nothing: one review releases the person, not each concern. Nor does a
     * concern that has placed a hold before, even once released: the request that raised it and the safety net
     * that follows the event store may both place it.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(PlaceCareHold command) {
        if (concerns.contains(command.concernId())) {
            return;
        }
        if (held) {
            apply(new ConcernAddedToHold(command.participantId(), command.concernId(), command.placedAt()));
        } else {
            apply(new CareHoldPlaced(command.participantId(), command.concernId(), command.placedAt()));
        }
    }

    @CommandHandler
    public CareHoldState handle(ReleaseCareHold command) {
        if (!held) {
            throw Rejection.conflict("participantId", "not-held", "The participant's recommendations are not held");
        }
        apply(new CareHoldReleased(participantId, command.releasedBy(), command.releasedAt()));
        return state();
    }

    public CareHoldState state() {
        return new CareHoldState(participantId, held, placed == null ? null : placed.placedAt(),
                held || released == null ? null : released.releasedAt(),
                held || released == null ? null : released.releasedBy());
    }

    @EventSourcingHandler
    void on(CareHoldPlaced event) {
        holdId = idOf(event.participantId());
        participantId = event.participantId();
        held = true;
        placed = event;
        concerns.add(event.concernId());
    }

    @EventSourcingHandler
    void on(ConcernAddedToHold event) {
        concerns.add(event.concernId());
    }

    @EventSourcingHandler
    void on(CareHoldReleased event) {
        held = false;
        released = event;
    }
}
