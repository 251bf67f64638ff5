package org.tend.assessment;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

import org.junit.jupiter.api.TestFactory;
import org.tend.testsupport.ArchitectureRules;

/** The rules every Tend service is held to: a plain-Java domain, a read side that sends no commands, no other service. */
class ArchitectureTest {

    static final String SERVICE = "assessment";

    @TestFactory
    Stream<DynamicTest> followsTheSharedArchitectureRules() {
        JavaClasses classes = ArchitectureRules.mainClassesOf(SERVICE);
        return ArchitectureRules.all(SERVICE).stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(classes)));
    }
}
