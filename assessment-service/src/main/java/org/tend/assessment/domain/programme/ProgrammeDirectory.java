package org.tend.assessment.domain.programme;

import java.util.Optional;

/**
 * Looks a programme up as of its latest stored event (read-your-writes, so a programme can be enrolled in the
 * moment it exists).
 */
public interface ProgrammeDirectory {

    Optional<ProgrammeProfile> find(String programmeId);
}
