package org.tend.plumbing.data;

import java.util.List;

/**
 * A versioned data file (instruments, catalogue, outcome measures, …) is unusable: names the file and every fault
 * found in it, so that a service refusing to start says exactly what a reviewer must mend.
 */
public class DataFileException extends RuntimeException {

    private final String file;
    private final List<String> faults;

    public DataFileException(String file, List<String> faults) {
        super(message(file, faults));
        this.file = file;
        this.faults = List.copyOf(faults);
    }

    public DataFileException(String file, String fault) {
        this(file, List.of(fault));
    }

    private static String message(String file, List<String> faults) {
        if (faults.size() == 1) {
            return file + ": " + faults.get(0);
        }
        return file + ": " + faults.size() + " faults: " + String.join("; ", faults);
    }

    /** The resource or path of the offending file, e.g. {@code catalogue/interventions-v1.yaml}. */
    public String file() {
        return file;
    }

    public List<String> faults() {
        return faults;
    }
}
