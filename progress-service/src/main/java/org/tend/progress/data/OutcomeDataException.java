package org.tend.progress.data;

import java.util.List;
import org.tend.plumbing.data.DataFileException;

/** The outcome or review data is unusable: names the file and every fault found in it. */
public class OutcomeDataException extends DataFileException {

    public OutcomeDataException(String file, List<String> faults) {
        super(file, faults);
    }

    public OutcomeDataException(String file, String fault) {
        super(file, fault);
    }
}
