package org.tend.assessment.config;

import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tend.assessment.data.InstrumentLibrary;
import org.tend.assessment.domain.assessment.InstrumentCatalogue;
import org.tend.assessment.domain.instrument.InstrumentDefinition;

/** The instrument library, loaded once at start-up, and the domain's view of it. */
@Configuration(proxyBeanMethods = false)
public class InstrumentConfiguration {

    /**
     * Every instrument definition, loaded and validated at start-up: a faulty file throws a
     * {@code DataFileException} naming the file and the fault, and the service does not start. Nobody should be
     * scored by a definition nobody can vouch for.
     */
    @Bean
    InstrumentLibrary instrumentLibrary(@Value("${tend.assessment.instruments-location:instruments/}") String root) {
        return InstrumentLibrary.loadFromClasspath(root);
    }

    @Bean
    InstrumentCatalogue instrumentCatalogue(InstrumentLibrary library) {
        return new InstrumentCatalogue() {
            @Override
            public Optional<InstrumentDefinition> current(String instrumentId) {
                return library.find(instrumentId);
            }

            @Override
            public Optional<InstrumentDefinition> version(String instrumentId, String version) {
                return library.find(instrumentId, version);
            }
        };
    }
}
