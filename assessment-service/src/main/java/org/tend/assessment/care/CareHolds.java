package org.tend.assessment.care;

import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;
import org.tend.assessment.domain.care.CareHold;
import org.tend.assessment.domain.care.CareHoldState;
import org.tend.assessment.domain.care.PlaceCareHold;
import org.tend.assessment.domain.safety.SafetyConcernRaised;
import org.tend.plumbing.axon.AggregateStates;
import org.tend.plumbing.axon.Commands;

/**
 * Places a participant's care hold the moment their answers raise a safety concern, and reads it back.
 *
 * <p>Placed twice over, on purpose: by the request that completed the assessment, before the participant's reply
 * (so the hold exists, and is on its way to the catalogue, by the time the participant can ask for
 * recommendations), and by this tracking processor over the event store as a safety net for a request that
 * stopped in between. The hold remembers each concern, so the second placement changes nothing.
 */
@Component
@ProcessingGroup(CareHolds.PROCESSING_GROUP)
public class CareHolds {

    public static final String PROCESSING_GROUP = "care-holds";

    private final Commands commands;
    private final AggregateStates states;

    public CareHolds(Commands commands, AggregateStates states) {
        this.commands = commands;
        this.states = states;
    }

    @EventHandler
    void on(SafetyConcernRaised event) {
        place(event.participantId(), event.concernId(), event.raisedAt());
    }

    public void place(String participantId, String concernId, java.time.Instant at) {
        commands.send(new PlaceCareHold(CareHold.idOf(participantId), participantId, concernId, at), "participantId");
    }

    /** The participant's hold; empty when none was ever placed. */
    public Optional<CareHoldState> of(String participantId) {
        return states.read(CareHold.class, CareHold.idOf(participantId), CareHold::state);
    }
}
