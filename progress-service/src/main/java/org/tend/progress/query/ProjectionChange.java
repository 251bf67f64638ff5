package org.tend.progress.query;

import java.util.Objects;
import org.tend.progress.domain.CatalogueEntry;
import org.tend.progress.domain.JourneyEvent;
import org.tend.progress.domain.ProgrammeEvent;

/** One inbound event, translated into what it changes in the projection. */
public sealed interface ProjectionChange {

    /** An event of a participant's journey. */
    record ToJourney(String participantId, JourneyEvent event) implements ProjectionChange {
        public ToJourney {
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(event, "event");
        }
    }

    /** A published catalogue entry (names interventions at read time). */
    record ToIntervention(CatalogueEntry entry) implements ProjectionChange {
        public ToIntervention {
            Objects.requireNonNull(entry, "entry");
        }
    }

    /** A programme fact (which practitioners serve it: used for authorisation). */
    record ToProgramme(ProgrammeEvent event) implements ProjectionChange {
        public ToProgramme {
            Objects.requireNonNull(event, "event");
        }
    }
}
