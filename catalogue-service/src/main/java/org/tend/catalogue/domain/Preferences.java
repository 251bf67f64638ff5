package org.tend.catalogue.domain;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** A participant's preferences: the delivery formats they would rather have (possibly none). */
public record Preferences(Set<Format> preferredFormats) {

    public Preferences {
        EnumSet<Format> copy = EnumSet.noneOf(Format.class);
        if (preferredFormats != null) {
            copy.addAll(preferredFormats);
        }
        preferredFormats = Collections.unmodifiableSet(copy);
    }

    public static Preferences none() {
        return new Preferences(Set.of());
    }

    public static Preferences formats(Format... formats) {
        return new Preferences(Set.of(formats));
    }

    public static Preferences formats(Collection<Format> formats) {
        return new Preferences(Set.copyOf(formats));
    }

    public boolean isEmpty() {
        return preferredFormats.isEmpty();
    }

    /** Whether the intervention is offered in at least one preferred format. */
    public boolean matches(Intervention intervention) {
        return intervention.formats().stream().anyMatch(preferredFormats::contains);
    }

    /** The preferred formats the intervention is offered in, as codes: "digital, self-guided". */
    String matchingFormatsInWords(Intervention intervention) {
        return intervention.formats().stream().filter(preferredFormats::contains).map(Format::code)
                .collect(Collectors.joining(", "));
    }
}
