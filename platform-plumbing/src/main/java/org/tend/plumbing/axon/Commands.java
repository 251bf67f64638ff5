package org.tend.plumbing.axon;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.tend.plumbing.web.ConflictException;
import org.tend.plumbing.web.NotFoundException;

/**
 * Sends a command from the web edge and waits for its result. What the domain refuses ({@link
 * org.tend.kernel.Rejection}) reaches the client as a problem through the plumbing's problem handlers; what only the
 * infrastructure knows is named here after the request field that identifies the aggregate: no such aggregate is a
 * 404, another request changing it at the same moment a 409 (nothing was written; the client may retry).
 */
public class Commands {

    private final CommandGateway gateway;
    private final Clock clock;

    public Commands(CommandGateway gateway, Clock clock) {
        this.gateway = gateway;
        this.clock = clock;
    }

    /** The service's "now", at the millisecond precision the read models and the published events keep. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** @param aggregateField the request field that names the aggregate the command is for */
    public <R> R send(Object command, String aggregateField) {
        try {
            return gateway.sendAndWait(command);
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            // No such aggregate, or the id names an aggregate of another kind.
            throw new NotFoundException(aggregateField, "No such resource");
        } catch (AggregateStreamCreationException | ConcurrencyException e) {
            throw new ConflictException(aggregateField, "concurrent-modification",
                    "Another request changed the same resource at the same moment; nothing was written; retry");
        }
    }
}
