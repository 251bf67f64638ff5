package org.tend.catalogue.data;

import org.tend.catalogue.domain.Catalogue;
import org.tend.catalogue.domain.Recommender;
import org.tend.catalogue.domain.SteppedCarePolicy;

/** The validated catalogue and stepped-care rules, loaded together. */
public record LoadedCatalogue(Catalogue catalogue, SteppedCarePolicy steppedCare) {

    public Recommender recommender() {
        return new Recommender(steppedCare);
    }
}
