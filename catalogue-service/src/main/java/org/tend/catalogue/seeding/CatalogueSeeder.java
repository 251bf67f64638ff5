package org.tend.catalogue.seeding;

import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tend.catalogue.domain.Catalogue;
import org.tend.catalogue.domain.Intervention;
import org.tend.catalogue.domain.entry.InterventionContent;
import org.tend.catalogue.domain.entry.PublishIntervention;
import org.tend.catalogue.domain.entry.ReviseIntervention;

/**
 * Makes the event store say what the data file says. An entry the store does not have is published; an entry whose
 * content differs is revised; an unchanged entry gets no event, so a restart changes nothing. Several instances may
 * seed at once: the look-up only chooses which command to try, the store's unique (aggregate, sequence) index
 * decides. The loser of a creation race gets a conflict, ignores it and compares against the winner's entry.
 */
@Component
public class CatalogueSeeder {

    private static final Logger log = LoggerFactory.getLogger(CatalogueSeeder.class);
    private static final int ATTEMPTS = 5;

    public enum Outcome { PUBLISHED, REVISED, UNCHANGED }

    public record Report(int published, int revised, int unchanged) {
    }

    private final CommandGateway commands;
    private final EventStore events;
    private final Clock clock;

    public CatalogueSeeder(CommandGateway commands, EventStore events, Clock clock) {
        this.commands = commands;
        this.events = events;
        this.clock = clock;
    }

    public Report seed(Catalogue catalogue) {
        int published = 0;
        int revised = 0;
        int unchanged = 0;
        for (Intervention intervention : catalogue.interventions()) {
            switch (seed(intervention, catalogue.version())) {
                case PUBLISHED -> published++;
                case REVISED -> revised++;
                case UNCHANGED -> unchanged++;
            }
        }
        Report report = new Report(published, revised, unchanged);
        log.info("catalogue {} seeded: {} published, {} revised, {} unchanged", catalogue.version(),
                report.published(), report.revised(), report.unchanged());
        return report;
    }

    public Outcome seed(Intervention intervention, String catalogueVersion) {
        InterventionContent content = InterventionContent.of(intervention);
        boolean stored = events.lastSequenceNumberFor(intervention.id()).isPresent();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            if (!stored) {
                try {
                    commands.sendAndWait(new PublishIntervention(intervention.id(), catalogueVersion, content, now));
                    return Outcome.PUBLISHED;
                } catch (AggregateStreamCreationException | ConcurrencyException anotherInstanceWon) {
                    log.debug("{} was published by another instance; comparing with theirs", intervention.id());
                    stored = true;
                }
            }
            try {
                Boolean changed = commands.sendAndWait(
                        new ReviseIntervention(intervention.id(), catalogueVersion, content, now));
                return Boolean.TRUE.equals(changed) ? Outcome.REVISED : Outcome.UNCHANGED;
            } catch (ConcurrencyException anotherInstanceRevised) {
                log.debug("{} was revised by another instance; comparing again", intervention.id());
            } catch (AggregateNotFoundException notStoredAfterAll) {
                stored = false;
            }
        }
        throw new IllegalStateException("could not seed " + intervention.id() + " after " + ATTEMPTS
                + " conflicting attempts");
    }
}
