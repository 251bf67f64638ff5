package org.tend.catalogue.domain;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One catalogue entry (clinical basis §9). Sets keep their enum order, so iteration is deterministic.
 *
 * @param id                 stable slug published as interventionId, e.g. {@code cbt}, {@code art-therapy}
 * @param approach           the short factual description
 * @param typicalDuration    text from the clinical basis
 * @param targets            slugs from the catalogue's target vocabulary, in data order
 * @param suitableLevels     the stepped-care levels it fits; never {@link SteppedCareLevel#SAFETY}
 * @param snomed             SNOMED CT concept, or {@code null} when the clinical basis gives none
 */
public record Intervention(
        String id,
        String name,
        String approach,
        Set<Format> formats,
        String typicalDuration,
        String evidenceNote,
        List<String> targets,
        Set<SteppedCareLevel> suitableLevels,
        Intensity intensity,
        EvidenceStrength evidenceStrength,
        SnomedConcept snomed) {

    /** Lowercase words joined by single hyphens. */
    public static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public Intervention {
        Require.text(id, "intervention id");
        if (!SLUG.matcher(id).matches()) {
            throw new IllegalArgumentException("intervention id must be a slug: " + id);
        }
        Require.text(name, "name of " + id);
        Require.text(approach, "approach of " + id);
        formats = Collections.unmodifiableSet(EnumSet.copyOf(Require.notEmpty(formats, "formats of " + id)));
        Require.text(typicalDuration, "typicalDuration of " + id);
        Require.text(evidenceNote, "evidenceNote of " + id);
        targets = List.copyOf(Require.notEmpty(targets, "targets of " + id));
        suitableLevels = Collections.unmodifiableSet(
                EnumSet.copyOf(Require.notEmpty(suitableLevels, "suitableLevels of " + id)));
        if (suitableLevels.contains(SteppedCareLevel.SAFETY)) {
            throw new IllegalArgumentException("nothing is suitable on the safety pathway: " + id);
        }
        Require.present(intensity, "intensity of " + id);
        Require.present(evidenceStrength, "evidenceStrength of " + id);
    }

    public boolean isSuitableAt(SteppedCareLevel level) {
        return suitableLevels.contains(level);
    }

    public Optional<SnomedConcept> snomedConcept() {
        return Optional.ofNullable(snomed);
    }
}
