package org.tend.catalogue.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.tend.catalogue.data.LoadedCatalogue;
import org.tend.catalogue.domain.recommendation.CatalogueRecommender;
import org.tend.plumbing.data.DataFileException;

/** The service refuses to start on catalogue data it cannot trust, and says which file and what is wrong. */
class CatalogueDataConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(CatalogueDataConfiguration.class);

    @Test
    void theShippedDataLoads() {
        context.run(started -> {
            assertThat(started).hasNotFailed().hasSingleBean(CatalogueRecommender.class);
            assertThat(started.getBean(LoadedCatalogue.class).catalogue().version()).isEqualTo("1.0.0");
        });
    }

    @Test
    void badDataStopsTheStartNamingTheFileAndTheFault() {
        context.withPropertyValues("tend.catalogue.interventions=bad-catalogue/duplicate-id.yaml",
                        "tend.catalogue.stepped-care=bad-catalogue/valid-stepped-care.yaml")
                .run(started -> {
                    assertThat(started).hasFailed();
                    assertThat(started.getStartupFailure()).rootCause()
                            .isInstanceOf(DataFileException.class)
                            .hasMessageContaining("bad-catalogue/duplicate-id.yaml")
                            .hasMessageContaining("duplicate id");
                });
    }

    @Test
    void aMissingFileStopsTheStart() {
        context.withPropertyValues("tend.catalogue.stepped-care=catalogue/stepped-care-v9.yaml")
                .run(started -> assertThat(started.getStartupFailure()).rootCause()
                        .isInstanceOf(DataFileException.class)
                        .hasMessageContaining("catalogue/stepped-care-v9.yaml: not found on the classpath"));
    }
}
