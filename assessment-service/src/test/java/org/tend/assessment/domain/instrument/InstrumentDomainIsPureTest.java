package org.tend.assessment.domain.instrument;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Scoring is a pure function: the instrument domain depends on no framework and not on its own loader. */
class InstrumentDomainIsPureTest {

    private final JavaClasses domain = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.tend.assessment.domain.instrument");

    @Test
    void dependsOnNoFrameworkOrInfrastructure() {
        noClasses().that().resideInAPackage("org.tend.assessment.domain.instrument..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "com.fasterxml.jackson..", "tools.jackson..", "org.apache.kafka..",
                        "com.mongodb..", "org.bson..", "org.axonframework..", "org.tend.plumbing..",
                        "org.tend.assessment.data..", "org.yaml..")
                .check(domain);
    }
}
