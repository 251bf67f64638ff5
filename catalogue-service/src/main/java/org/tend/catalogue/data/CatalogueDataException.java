package org.tend.catalogue.data;

import java.util.List;
import org.tend.plumbing.data.DataFileException;

/** The catalogue data is unusable: names the file and every fault found in it. */
public class CatalogueDataException extends DataFileException {

    public CatalogueDataException(String file, List<String> faults) {
        super(file, faults);
    }

    public CatalogueDataException(String file, String fault) {
        super(file, fault);
    }
}
