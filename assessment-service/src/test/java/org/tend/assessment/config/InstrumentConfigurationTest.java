package org.tend.assessment.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.tend.assessment.domain.assessment.InstrumentCatalogue;
import org.tend.plumbing.data.DataFileException;

/** The service refuses to start on an instrument definition that does not pass its checks. */
class InstrumentConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(InstrumentConfiguration.class);

    @Test
    void theShippedLibraryLoadsAtStartUp() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(InstrumentCatalogue.class).current("phq-9")).isPresent();
            assertThat(context.getBean(InstrumentCatalogue.class).version("phq-9", "1.0.0")).isPresent();
        });
    }

    @Test
    void aFaultyDefinitionStopsTheStartNamingTheFileAndTheFault() {
        runner.withPropertyValues("tend.assessment.instruments-location=bad-instruments/overlapping-bands/")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable cause = context.getStartupFailure();
                    while (cause.getCause() != null && !(cause instanceof DataFileException)) {
                        cause = cause.getCause();
                    }
                    assertThat(cause).isInstanceOf(DataFileException.class)
                            .hasMessageContaining("bad-instruments/overlapping-bands/gad-2/1.0.0.yaml")
                            .hasMessageContaining("overlaps");
                });
    }

    @Test
    void aMissingLibraryStopsTheStart() {
        runner.withPropertyValues("tend.assessment.instruments-location=no-such-folder/")
                .run(context -> assertThat(context).hasFailed());
    }
}
