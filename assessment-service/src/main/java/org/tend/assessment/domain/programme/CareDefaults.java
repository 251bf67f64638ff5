package org.tend.assessment.domain.programme;

import java.util.Set;

/**
 * What a programme's care settings are when it is created (and for a programme created before programmes had
 * settings), from the service's clinical data ({@code care/default-settings.yaml}), and what a schedule may measure.
 *
 * @param knownMeasures the instruments' ids and {@value CareSettings#GOAL_RATING}
 */
public record CareDefaults(CareSettings settings, Set<String> knownMeasures) {

    public CareDefaults {
        knownMeasures = Set.copyOf(knownMeasures);
    }
}
