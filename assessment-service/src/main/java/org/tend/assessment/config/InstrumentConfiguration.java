package org.tend.assessment.config;

import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tend.assessment.data.CareDefaultsFile;
import org.tend.assessment.data.InstrumentLibrary;
import org.tend.assessment.domain.assessment.InstrumentCatalogue;
import org.tend.assessment.domain.instrument.InstrumentDefinition;
import org.tend.assessment.domain.programme.CareDefaults;

/**
 * The clinical data, loaded once at start-up: the instrument library and the domain's view of it, and the care
 * settings programmes start with (whose schedule may name only the library's instruments).
 */
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

    /**
     * The care settings a new programme starts with, checked at start-up by the same rules as an administrator's
     * change: a faulty file throws a {@code DataFileException} naming the file and each fault.
     */
    @Bean
    CareDefaults careDefaults(@Value("${tend.assessment.care-defaults:" + CareDefaultsFile.FILE + "}") String file,
                              InstrumentLibrary library) {
        return CareDefaultsFile.load(file, library);
    }
}
