package org.tend.catalogue.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The catalogue's domain stays plain Java: clinical logic is testable without any framework. */
class DomainPurityTest {

    private final JavaClasses domain = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.tend.catalogue.domain");

    @Test
    void dependsOnNoFrameworkOrInfrastructure() {
        noClasses().that().resideInAPackage("org.tend.catalogue.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.apache.kafka..", "com.mongodb..", "org.bson..",
                        "com.fasterxml.jackson..", "tools.jackson..", "io.cloudevents..", "org.tend.plumbing..")
                .check(domain);
    }

    @Test
    void doesNotKnowHowItIsLoaded() {
        noClasses().that().resideInAPackage("org.tend.catalogue.domain..")
                .should().dependOnClassesThat().resideOutsideOfPackages("org.tend.catalogue.domain..", "java..")
                .check(domain);
    }
}
