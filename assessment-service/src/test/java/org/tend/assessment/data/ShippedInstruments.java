package org.tend.assessment.data;

import org.tend.assessment.domain.instrument.InstrumentDefinition;

/** The library as shipped in src/main/resources/instruments, loaded once for all tests. */
final class ShippedInstruments {

    static final InstrumentLibrary LIBRARY = InstrumentLibrary.loadFromClasspath("instruments/");

    private ShippedInstruments() {}

    static InstrumentDefinition get(String id) {
        return LIBRARY.find(id).orElseThrow(() -> new AssertionError(id + " is not shipped"));
    }
}
