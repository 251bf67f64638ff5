package org.tend.progress;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.tend.testsupport.ArchitectureRules;

/** The rules every Tend service is held to: a plain-Java domain, a read side that sends no commands, no other service. */
class ArchitectureTest {

    static final String SERVICE = "progress";

    @TestFactory
    Stream<DynamicTest> followsTheSharedArchitectureRules() {
        return ArchitectureRules.testsFor(SERVICE);
    }

    /** Progress keeps no aggregate: its domain folds facts from the log and carries no Axon at all. */
    @Test
    void domainHasNoAxon() {
        noClasses().that().resideInAPackage("..progress.domain..")
                .should().dependOnClassesThat().resideInAPackage("org.axonframework..")
                .check(ArchitectureRules.mainClassesOf(SERVICE));
    }

    /** The projection and its rebuild run outside Spring too (the benchmark drives them directly). */
    @Test
    void rebuildNeedsNoSpring() {
        noClasses().that().resideInAnyPackage("..progress.rebuild..", "..progress.query..", "..progress.messaging..",
                        "..progress.data..")
                .and().doNotHaveSimpleName("JourneyProjectionListener")
                .and().doNotHaveSimpleName("RebuildService")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .check(ArchitectureRules.mainClassesOf(SERVICE));
    }
}
