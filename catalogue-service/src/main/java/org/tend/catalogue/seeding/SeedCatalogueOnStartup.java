package org.tend.catalogue.seeding;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.tend.catalogue.data.LoadedCatalogue;

/**
 * Seeds the catalogue once the application (and Axon) has started and before it reports ready. A failure stops
 * the start: an instance must not serve a catalogue its store does not hold.
 */
@Component
class SeedCatalogueOnStartup implements ApplicationRunner {

    private final CatalogueSeeder seeder;
    private final LoadedCatalogue loaded;

    SeedCatalogueOnStartup(CatalogueSeeder seeder, LoadedCatalogue loaded) {
        this.seeder = seeder;
        this.loaded = loaded;
    }

    @Override
    public void run(ApplicationArguments args) {
        seeder.seed(loaded.catalogue());
    }
}
