package org.tend.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The architecture every Tend service is held to, one set of rules for all of them:
 * <ul>
 *   <li>the domain is plain Java: it depends only on the JDK, its own domain, the kernel and Axon's modelling
 *       annotations (no Spring, Kafka, MongoDB, Jackson, CloudEvents, servlet, no Spring stereotype of Axon's);</li>
 *   <li>the read side sends no commands (reads do not change anything);</li>
 *   <li>the two edges, HTTP ({@code web}) and Kafka ({@code messaging}), do not reach into each other;</li>
 *   <li>no service depends on another service's code: they talk only through the events of the contracts.</li>
 * </ul>
 */
public final class ArchitectureRules {

    /** Every Tend service (and the gateway), by the name of its base package {@code org.tend.<name>}. */
    public static final List<String> SERVICES =
            List.of("assessment", "catalogue", "goal", "progress", "insights", "gateway");

    private ArchitectureRules() {
    }

    /** The main classes of a service ({@code org.tend.<service>}). */
    public static JavaClasses mainClassesOf(String service) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.tend." + service);
    }

    /** Every rule of this class, for one service. */
    public static List<ArchRule> all(String service) {
        return List.of(domainIsPlainJava(service), readSideSendsNoCommands(service), edgesAreSeparate(service),
                noOtherService(service));
    }

    /** Every rule as a test of its own, checked against the service's main classes. */
    public static Stream<DynamicTest> testsFor(String service) {
        JavaClasses classes = mainClassesOf(service);
        return all(service).stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(classes)));
    }

    public static ArchRule domainIsPlainJava(String service) {
        return classes().that().resideInAPackage(base(service) + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..",
                        base(service) + ".domain..", "org.tend.kernel..",
                        "org.axonframework.modelling.command..", "org.axonframework.commandhandling",
                        "org.axonframework.eventsourcing")
                .because("the domain is plain Java: scoring, routing and classifying are pure and testable"
                        + " without infrastructure, and aggregates carry Axon's modelling annotations only");
    }

    public static ArchRule readSideSendsNoCommands(String service) {
        return noClasses().that().resideInAPackage(base(service) + ".query..")
                .should().dependOnClassesThat().resideInAnyPackage("org.axonframework.commandhandling..",
                        base(service) + ".web..", base(service) + ".messaging..")
                .because("reads change nothing: a read model answers questions, it does not send commands");
    }

    public static ArchRule edgesAreSeparate(String service) {
        return noClasses().that().resideInAPackage(base(service) + ".messaging..")
                .should().dependOnClassesThat().resideInAPackage(base(service) + ".web..")
                .orShould().dependOnClassesThat().resideInAPackage("org.springframework.web..")
                .because("what arrives from Kafka is handled the same whether or not any request is in flight: the "
                        + "inbound edge shares the domain and the read models with the web edge, nothing else")
                .allowEmptyShould(true);
    }

    public static ArchRule noOtherService(String service) {
        List<String> others = new ArrayList<>();
        for (String other : SERVICES) {
            if (!other.equals(service)) {
                others.add(base(other) + "..");
            }
        }
        return noClasses().should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
                .because("services talk only through the published events, never through each other's code");
    }

    private static String base(String service) {
        return "org.tend." + service;
    }
}
