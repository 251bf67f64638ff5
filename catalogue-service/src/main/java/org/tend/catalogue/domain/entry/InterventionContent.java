package org.tend.catalogue.domain.entry;

import java.util.List;
import org.tend.catalogue.domain.EvidenceStrength;
import org.tend.catalogue.domain.Format;
import org.tend.catalogue.domain.Intensity;
import org.tend.catalogue.domain.Intervention;
import org.tend.catalogue.domain.SteppedCareLevel;

/**
 * What a catalogue entry says, as stored in its events: codes rather than enum names, so a renamed Java constant
 * never breaks the replay of an event written years ago. Lists keep the data order, so two readings of the same
 * file give equal content and a revision is recorded only when the file really changed.
 *
 * @param snomedCode    SNOMED CT code, or {@code null} when the entry has none
 * @param snomedDisplay its preferred term, or {@code null}
 */
public record InterventionContent(
        String name,
        String approach,
        List<String> formats,
        String typicalDuration,
        String evidenceNote,
        List<String> targets,
        List<String> suitableLevels,
        String intensity,
        String evidenceStrength,
        String snomedCode,
        String snomedDisplay) {

    public InterventionContent {
        formats = List.copyOf(formats);
        targets = List.copyOf(targets);
        suitableLevels = List.copyOf(suitableLevels);
    }

    public static InterventionContent of(Intervention intervention) {
        return new InterventionContent(
                intervention.name(),
                intervention.approach(),
                intervention.formats().stream().map(Format::code).toList(),
                intervention.typicalDuration(),
                intervention.evidenceNote(),
                intervention.targets(),
                intervention.suitableLevels().stream().map(SteppedCareLevel::code).toList(),
                intervention.intensity().code(),
                intervention.evidenceStrength().code(),
                intervention.snomedConcept().map(s -> s.code()).orElse(null),
                intervention.snomedConcept().map(s -> s.display()).orElse(null));
    }

    /** Whether every code is one this service knows (always true for content built by {@link #of}). */
    static boolean knownCodes(InterventionContent content) {
        return content.formats().stream().allMatch(f -> Format.fromCode(f).isPresent())
                && content.suitableLevels().stream().allMatch(l -> SteppedCareLevel.fromCode(l).isPresent())
                && Intensity.fromCode(content.intensity()).isPresent()
                && EvidenceStrength.fromCode(content.evidenceStrength()).isPresent();
    }
}
