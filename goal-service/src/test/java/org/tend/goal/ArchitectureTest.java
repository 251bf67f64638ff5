package org.tend.goal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.tend.goal", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsFreeOfInfrastructure = noClasses().that().resideInAPackage("org.tend.goal.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "org.apache.kafka..", "com.mongodb..", "org.bson..",
                    "com.fasterxml.jackson..", "tools.jackson..", "io.cloudevents..", "jakarta.servlet..",
                    "org.tend.plumbing..", "org.tend.goal.web..", "org.tend.goal.messaging..",
                    "org.tend.goal.query..", "org.tend.goal.config..")
            .because("the goal rules are plain Java (Axon annotations only)");

    @ArchTest
    static final ArchRule readModelsDoNotReachIntoTheEdges = noClasses().that().resideInAPackage("org.tend.goal.query..")
            .should().dependOnClassesThat().resideInAnyPackage("org.tend.goal.web..", "org.tend.goal.messaging..");
}
