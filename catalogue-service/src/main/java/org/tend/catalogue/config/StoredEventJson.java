package org.tend.catalogue.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.tend.catalogue.domain.entry.InterventionContent;

/**
 * The JSON Axon stores the catalogue's events in. A field keeps the name it was first stored under when its Java
 * name changes, so that an event store written before the rename still replays.
 */
final class StoredEventJson {

    private StoredEventJson() {
    }

    /** Axon's own default mapper, with the stored names. */
    static ObjectMapper mapper() {
        return new ObjectMapper().findAndRegisterModules()
                .addMixIn(InterventionContent.class, InterventionContentNames.class);
    }

    /** InterventionContent's suitableLevels were stored as suitableSeverities. */
    abstract static class InterventionContentNames {
        @JsonProperty("suitableSeverities")
        abstract List<String> suitableLevels();
    }
}
