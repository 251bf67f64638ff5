package org.tend.catalogue.query;

import java.time.Instant;
import java.util.List;

/** A catalogue entry as the query side holds it: its latest content and where that came from. */
public record InterventionView(
        String interventionId,
        String name,
        String approach,
        List<String> formats,
        String typicalDuration,
        String evidenceNote,
        List<String> targets,
        List<String> suitableSeverities,
        String intensity,
        String evidenceStrength,
        Snomed snomed,
        String catalogueVersion,
        Instant publishedAt,
        Instant revisedAt) {

    /** A SNOMED CT concept classifying the intervention. */
    public record Snomed(String code, String display) {
    }
}
