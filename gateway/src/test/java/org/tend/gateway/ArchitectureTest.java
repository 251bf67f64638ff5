package org.tend.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import org.tend.testsupport.ArchitectureRules;

/** The gateway holds no service's code and none of the services' servlet plumbing: it routes and checks tokens. */
class ArchitectureTest {

    private final JavaClasses gateway = ArchitectureRules.mainClassesOf("gateway");

    @Test
    void dependsOnNoService() {
        ArchitectureRules.noOtherService("gateway").check(gateway);
    }

    @Test
    void sharesOnlyTheTokenRulesWithTheServices() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.tend.plumbing..", "org.tend.contracts..",
                        "org.tend.kernel..")
                .because("the gateway applies the same token rules as the services (org.tend.security) and "
                        + "nothing else of theirs: no event, no domain, no servlet plumbing")
                .check(gateway);
    }
}
