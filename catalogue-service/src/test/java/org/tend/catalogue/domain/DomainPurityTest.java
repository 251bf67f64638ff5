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
        // The core (stepped care, recommender, catalogue) is plain Java: no framework at all.
        noClasses().that().resideInAPackage("org.tend.catalogue.domain")
                .should().dependOnClassesThat().resideOutsideOfPackages("org.tend.catalogue.domain..", "java..")
                .check(domain);
    }

    @Test
    void aggregatesKnowAxonsModellingAnnotationsAndNothingElse() {
        // Registered in config, not with Axon's Spring stereotype: no Spring annotation reaches the domain. The one
        // outside marker is the kernel's @PersonalData, which says what is sealed with the participant's key.
        noClasses().that().resideInAnyPackage("org.tend.catalogue.domain.entry..",
                        "org.tend.catalogue.domain.recommendation..")
                .should().dependOnClassesThat().resideOutsideOfPackages("org.tend.catalogue.domain..", "java..",
                        "org.axonframework.commandhandling", "org.axonframework.eventsourcing",
                        "org.axonframework.modelling.command", "org.tend.kernel")
                .check(domain);
    }
}
