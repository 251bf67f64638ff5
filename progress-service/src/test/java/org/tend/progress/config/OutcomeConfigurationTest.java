package org.tend.progress.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.tend.plumbing.data.DataFileException;
import org.tend.progress.data.OutcomeData;

/** The service refuses to start on outcome data it cannot trust, and says which file and what is wrong. */
class OutcomeConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(OutcomeConfiguration.class);

    @Test
    void theShippedDataLoads() {
        context.run(started -> {
            assertThat(started).hasNotFailed().hasSingleBean(OutcomeData.class);
            assertThat(started.getBean(OutcomeData.class).measures().version()).isEqualTo("1.1.0");
        });
    }

    @Test
    void aMalformedFileStopsTheStartNamingTheFileAndTheFault() {
        context.withPropertyValues("tend.progress.outcome-measures=bad-outcomes/malformed-measures.yaml")
                .run(started -> {
                    assertThat(started).hasFailed();
                    assertThat(started.getStartupFailure()).rootCause()
                            .isInstanceOf(DataFileException.class)
                            .hasMessageStartingWith("bad-outcomes/malformed-measures.yaml: ")
                            .hasMessageContaining("instruments[0].methods[0].reliableChange");
                });
    }

    @Test
    void aMissingRulesFileStopsTheStart() {
        context.withPropertyValues("tend.progress.review-rules=outcomes/review-rules-v9.yaml")
                .run(started -> assertThat(started.getStartupFailure()).rootCause()
                        .isInstanceOf(DataFileException.class)
                        .hasMessage("outcomes/review-rules-v9.yaml: not found on the classpath"));
    }
}
