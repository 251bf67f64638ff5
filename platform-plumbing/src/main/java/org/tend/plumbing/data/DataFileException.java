package org.tend.plumbing.data;

import java.util.List;
import java.util.function.Supplier;

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

    /**
     * Builds a domain object of one entry, or records why it is refused: a domain constructor's
     * {@link IllegalArgumentException} becomes a fault of {@code where}, so the loader can go on collecting faults.
     *
     * @return the object, or null when it was refused
     */
    public static <T> T buildOrRecord(List<String> faults, String where, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            faults.add(where + ": " + e.getMessage());
            return null;
        }
    }

    /** Builds a domain object of a whole file; its refusal is the file's fault. */
    public static <T> T build(String file, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw new DataFileException(file, e.getMessage());
        }
    }

    /** Throws every fault collected for the file, if there is any. */
    public static void failIfAny(String file, List<String> faults) {
        if (!faults.isEmpty()) {
            throw new DataFileException(file, faults);
        }
    }
}
