package org.tend.assessment.domain.assessment;

import java.util.Optional;
import org.tend.assessment.domain.instrument.InstrumentDefinition;

/** The instrument definitions the service can score (the library loaded at start-up). */
public interface InstrumentCatalogue {

    /** The newest version of an instrument: what a new assessment is taken with. */
    Optional<InstrumentDefinition> current(String instrumentId);

    /** One exact version: an assessment is always scored with the version it was started with. */
    Optional<InstrumentDefinition> version(String instrumentId, String version);
}
