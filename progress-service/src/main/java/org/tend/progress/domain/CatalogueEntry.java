package org.tend.progress.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One published version of a catalogue intervention, as far as journeys need it: its display name. Several versions
 * of one intervention may be kept; the latest published one names it.
 */
public record CatalogueEntry(String eventId, InterventionPublished published) {

    /** progress-service's copy of {@code intervention-published}: what names an intervention, and when. */
    public record InterventionPublished(String interventionId, String name, String catalogueVersion,
                                        Instant publishedAt) {
        public InterventionPublished {
            Objects.requireNonNull(interventionId, "interventionId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(publishedAt, "publishedAt");
        }
    }

    private static final Comparator<CatalogueEntry> PUBLICATION_ORDER =
            Comparator.comparing((CatalogueEntry entry) -> entry.published().publishedAt())
                    .thenComparing(CatalogueEntry::eventId);

    public CatalogueEntry {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(published, "published");
    }

    /** The version that names the intervention: the latest published (ties broken by event id, so always the same). */
    public static Optional<CatalogueEntry> current(Collection<CatalogueEntry> versions) {
        return versions.stream().max(PUBLICATION_ORDER);
    }
}
