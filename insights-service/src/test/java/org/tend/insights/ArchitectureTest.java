package org.tend.insights;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tend.testsupport.ArchitectureRules;

/** The rules every Tend service is held to: a plain-Java domain, a read side that sends no commands, no other service. */
class ArchitectureTest {

    @TestFactory
    Stream<DynamicTest> followsTheSharedArchitectureRules() {
        return ArchitectureRules.testsFor("insights");
    }
}
