package org.tend.catalogue.domain.entry;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * One intervention of the catalogue (id = its slug, e.g. {@code cbt}), event-sourced so that every version a
 * participant may have been recommended stays on record. The data file is the source; this aggregate records what
 * the file said and when it changed.
 */
public class CatalogueEntry {

    @AggregateIdentifier
    private String interventionId;
    private String catalogueVersion;
    private InterventionContent content;

    protected CatalogueEntry() {
        // rebuilt from its events
    }

    @CommandHandler
    public CatalogueEntry(PublishIntervention command) {
        requireValid(command.interventionId(), command.catalogueVersion(), command.content());
        apply(new InterventionPublished(command.interventionId(), command.catalogueVersion(), command.content(),
                command.publishedAt()));
    }

    /** @return whether the entry was revised (false: nothing to change) */
    @CommandHandler
    public boolean handle(ReviseIntervention command) {
        requireValid(command.interventionId(), command.catalogueVersion(), command.content());
        if (command.content().equals(content)
                || CatalogueVersions.compare(command.catalogueVersion(), catalogueVersion) < 0) {
            return false;
        }
        apply(new InterventionRevised(interventionId, command.catalogueVersion(), command.content(),
                command.revisedAt()));
        return true;
    }

    @EventSourcingHandler
    void on(InterventionPublished event) {
        interventionId = event.interventionId();
        catalogueVersion = event.catalogueVersion();
        content = event.content();
    }

    @EventSourcingHandler
    void on(InterventionRevised event) {
        catalogueVersion = event.catalogueVersion();
        content = event.content();
    }

    private static void requireValid(String id, String version, InterventionContent content) {
        if (id == null || id.isBlank() || version == null || version.isBlank() || content == null) {
            throw new IllegalArgumentException("an entry needs an id, a catalogue version and content");
        }
        CatalogueVersions.compare(version, version); // numeric, or IllegalArgumentException
        if (!InterventionContent.knownCodes(content)) {
            throw new IllegalArgumentException("entry " + id + " uses unknown codes");
        }
    }
}
