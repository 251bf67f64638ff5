package org.tend.catalogue.config;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tend.catalogue.data.CatalogueLoader;
import org.tend.catalogue.data.LoadedCatalogue;
import org.tend.catalogue.domain.recommendation.CatalogueRecommender;

/**
 * The catalogue and stepped-care data, loaded and checked while the context starts: a
 * {@link org.tend.plumbing.data.DataFileException} (naming the file and every fault) stops the service before
 * it accepts a request or a record.
 */
@Configuration(proxyBeanMethods = false)
public class CatalogueDataConfiguration {

    @Bean
    LoadedCatalogue loadedCatalogue(
            @Value("${tend.catalogue.interventions:" + CatalogueLoader.INTERVENTIONS + "}") String interventions,
            @Value("${tend.catalogue.stepped-care:" + CatalogueLoader.STEPPED_CARE + "}") String steppedCare) {
        return new CatalogueLoader().load(interventions, steppedCare);
    }

    /** Injected by Axon into the recommendation aggregate's command handlers. */
    @Bean
    CatalogueRecommender catalogueRecommender(LoadedCatalogue loaded) {
        return new CatalogueRecommender(loaded.catalogue(), loaded.steppedCare());
    }
}
