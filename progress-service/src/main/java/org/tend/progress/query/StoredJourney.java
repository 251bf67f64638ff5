package org.tend.progress.query;

import java.util.List;
import org.tend.progress.domain.Fact;

/** A participant's document of the served generation, decoded. */
public record StoredJourney(String participantId, String programmeId, List<Fact> facts) {
}
