package org.tend.assessment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The domain core stays free of infrastructure, and of the service's own edges. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.tend.assessment");

    @Test
    void the_domain_depends_on_no_spring_kafka_mongo_or_jackson() {
        noClasses().that().resideInAPackage("org.tend.assessment.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.apache.kafka..", "com.mongodb..", "org.bson..",
                        "com.fasterxml.jackson..", "tools.jackson..", "org.tend.plumbing..", "io.cloudevents..")
                .check(classes);
    }

    @Test
    void the_domain_does_not_know_the_web_the_read_models_the_kafka_edge_or_the_loader() {
        noClasses().that().resideInAPackage("org.tend.assessment.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.tend.assessment.web..",
                        "org.tend.assessment.query..", "org.tend.assessment.messaging..",
                        "org.tend.assessment.config..", "org.tend.assessment.data..")
                .check(classes);
    }

    @Test
    void read_models_and_the_kafka_edge_do_not_reach_into_the_web_layer() {
        noClasses().that().resideInAnyPackage("org.tend.assessment.query..", "org.tend.assessment.messaging..")
                .should().dependOnClassesThat().resideInAPackage("org.tend.assessment.web..")
                .check(classes);
    }
}
