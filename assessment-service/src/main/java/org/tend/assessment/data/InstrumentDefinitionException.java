package org.tend.assessment.data;

import java.util.List;

/**
 * The instrument library cannot be loaded. The message names each faulty file and each fault, one per line, so
 * that the service refuses to start with a message a reviewer can act on.
 */
public class InstrumentDefinitionException extends RuntimeException {

    private final transient List<String> faults;

    public InstrumentDefinitionException(List<String> faults) {
        super("instrument library is invalid:\n  " + String.join("\n  ", faults));
        this.faults = List.copyOf(faults);
    }

    /** Each fault, prefixed by the file it was found in ({@code instruments/phq-9/1.0.0.yaml: …}). */
    public List<String> faults() {
        return faults;
    }
}
