package org.tend.catalogue;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The service's shape: a domain that knows no edge, and no other service's code anywhere. */
class ArchitectureTest {

    private final JavaClasses service = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.tend.catalogue");

    @Test
    void dependsOnNoOtherService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.tend.assessment..", "org.tend.goal..",
                "org.tend.progress..", "org.tend.gateway..").check(service);
    }

    @Test
    void theDomainKnowsNoEdge() {
        noClasses().that().resideInAPackage("org.tend.catalogue.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.tend.catalogue.web..",
                        "org.tend.catalogue.messaging..", "org.tend.catalogue.query..", "org.tend.catalogue.config..",
                        "org.tend.catalogue.seeding..", "org.tend.catalogue.data..")
                .check(service);
    }

    @Test
    void theReadSideDoesNotSendCommands() {
        noClasses().that().resideInAPackage("org.tend.catalogue.query..")
                .should().dependOnClassesThat().resideInAnyPackage("org.axonframework.commandhandling.gateway..",
                        "org.tend.catalogue.web..", "org.tend.catalogue.messaging..")
                .check(service);
    }
}
