package org.tend.progress;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.tend.progress", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsPlainJava = noClasses().that().resideInAPackage("..progress.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                    "com.mongodb..", "org.bson..", "com.fasterxml.jackson..", "tools.jackson..", "org.axonframework..",
                    "org.tend.plumbing..", "io.cloudevents..");

    @ArchTest
    static final ArchRule domainDependsOnNothingOfTheService = noClasses().that()
            .resideInAPackage("..progress.domain..").should().dependOnClassesThat()
            .resideInAnyPackage("..progress.web..", "..progress.messaging..", "..progress.query..",
                    "..progress.rebuild..", "..progress.config..", "..progress.data..");

    @ArchTest
    static final ArchRule rebuildNeedsNoSpring = noClasses().that().resideInAnyPackage("..progress.rebuild..",
                    "..progress.query..", "..progress.messaging..", "..progress.data..")
            .and().doNotHaveSimpleName("JourneyProjectionListener")
            .and().doNotHaveSimpleName("RebuildService")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..");
}
