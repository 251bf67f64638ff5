package org.tend.catalogue.domain.recommendation;

import java.time.Instant;
import java.util.List;
import org.tend.kernel.PersonalData;

/** @param formats the preferred delivery format codes, e.g. {@code group}; empty = no preference */
public record PreferencesChanged(String participantId, @PersonalData List<String> formats, Instant changedAt) {

    public PreferencesChanged {
        formats = List.copyOf(formats);
    }
}
