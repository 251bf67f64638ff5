package org.tend.assessment.web;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;
import org.tend.assessment.domain.DomainRejection;
import org.tend.assessment.domain.instrument.InvalidAnswersException;
import org.tend.plumbing.web.ApiException;
import org.tend.plumbing.web.ConflictException;
import org.tend.plumbing.web.FieldViolation;
import org.tend.plumbing.web.InvalidInputException;
import org.tend.plumbing.web.NotFoundException;
import org.tend.plumbing.web.UnknownReferenceException;

/**
 * Sends commands to the aggregates and turns their refusals into problems at the web edge. A refused command wrote
 * nothing: the aggregate throws before it applies any event.
 */
@Component
class Commands {

    private final CommandGateway gateway;
    private final Clock clock;

    Commands(CommandGateway gateway, Clock clock) {
        this.gateway = gateway;
        this.clock = clock;
    }

    /** The service's "now", at the millisecond precision the read models keep. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * @param notFoundField the request field that names the aggregate, for a 404 when it does not exist
     */
    <R> R send(Object command, String notFoundField) {
        try {
            return gateway.sendAndWait(command);
        } catch (RuntimeException e) {
            throw translate(e, notFoundField);
        }
    }

    static RuntimeException translate(RuntimeException e, String notFoundField) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DomainRejection rejection) {
                return problem(rejection);
            }
            if (t instanceof InvalidAnswersException invalid) {
                return new InvalidInputException(invalid.violations().stream()
                        .map(v -> new FieldViolation("answers." + v.itemId(), v.rule(), v.message())).toList());
            }
            if (t instanceof AggregateNotFoundException) {
                return new NotFoundException(notFoundField, "No such resource");
            }
            if (t instanceof AggregateStreamCreationException || t instanceof ConcurrencyException) {
                return new ConflictException(notFoundField, "concurrent-modification",
                        "Another request changed the same resource at the same moment; nothing was written; retry");
            }
            if (t instanceof ApiException api) {
                return api;
            }
        }
        return e;
    }

    private static ApiException problem(DomainRejection rejection) {
        return switch (rejection.kind()) {
            case INVALID -> new InvalidInputException(List.of(
                    new FieldViolation(rejection.field(), rejection.rule(), rejection.getMessage())));
            case UNKNOWN_REFERENCE -> new UnknownReferenceException(rejection.field(), rejection.getMessage());
            case NOT_FOUND -> new NotFoundException(rejection.field(), rejection.getMessage());
            case CONFLICT -> new ConflictException(rejection.field(), rejection.rule(), rejection.getMessage());
        };
    }
}
