package org.tend.catalogue.messaging;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Sends a command for a record that is good, trying again when another command changed the same participant at the
 * same moment (an assessment outcome, a preference change, a care hold): the aggregate remembers what it applied, so
 * trying again is safe. Only a persistent race is left to the listener's own retries.
 */
final class Races {

    private static final int ATTEMPTS = 5;

    private Races() {
    }

    static void send(CommandGateway commands, Object command) {
        for (int attempt = 1; ; attempt++) {
            try {
                commands.sendAndWait(command);
                return;
            } catch (ConcurrencyException | AggregateStreamCreationException raced) {
                if (attempt == ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }
}
