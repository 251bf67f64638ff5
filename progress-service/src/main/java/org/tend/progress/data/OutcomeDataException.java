package org.tend.progress.data;

import java.util.List;

/** The outcome or review data is unusable: names the file and every fault found in it. */
public class OutcomeDataException extends RuntimeException {

    private final String file;
    private final List<String> faults;

    public OutcomeDataException(String file, List<String> faults) {
        super(message(file, faults));
        this.file = file;
        this.faults = List.copyOf(faults);
    }

    public OutcomeDataException(String file, String fault) {
        this(file, List.of(fault));
    }

    private static String message(String file, List<String> faults) {
        if (faults.size() == 1) {
            return file + ": " + faults.get(0);
        }
        return file + ": " + faults.size() + " faults: " + String.join("; ", faults);
    }

    /** The resource of the offending file, e.g. {@code outcomes/outcome-measures-v1.yaml}. */
    public String file() {
        return file;
    }

    public List<String> faults() {
        return faults;
    }
}
