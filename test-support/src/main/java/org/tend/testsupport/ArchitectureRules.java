package org.tend.testsupport;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The architecture every Tend service is held to, one set of rules for all of them:
 * <ul>
 *   <li>the domain is plain Java: it depends only on the JDK, its own domain, the kernel and Axon's modelling
 *       annotations (no Spring, Kafka, MongoDB, Jackson, CloudEvents, servlet, no Spring stereotype of Axon's);</li>
 *   <li>the read side sends no commands (reads do not change anything);</li>
 *   <li>the two edges, HTTP ({@code web}) and Kafka ({@code messaging}), do not reach into each other;</li>
 *   <li>no service depends on another service's code: they talk only through the events of the contracts;</li>
 *   <li>every list and map of a request record ({@code web..*Request}) has an upper bound ({@code @Size(max)}), and
 *       every text in one (a {@code String}, or a list's element or map's value that is one) is either a pattern
 *       ({@code @Pattern}) or free text kept free of control characters ({@code @NoControlCharacters}).</li>
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
                noOtherService(service), requestCollectionsAreBounded(service), requestTextIsChecked(service));
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
                        base(service) + ".domain..", "org.tend.kernel..", "org.tend.insights.privacy..",
                        "org.axonframework.modelling.command..", "org.axonframework.commandhandling",
                        "org.axonframework.eventsourcing")
                .because("the domain is plain Java: scoring, routing and classifying are pure and testable"
                        + " without infrastructure, and aggregates carry Axon's modelling annotations only (the"
                        + " privacy rules of insights are a plain-Java module too)");
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

    private static final String SIZE = "jakarta.validation.constraints.Size";
    private static final Set<String> TEXT_CHECKS = Set.of("jakarta.validation.constraints.Pattern",
            "org.tend.plumbing.web.NoControlCharacters");

    public static ArchRule requestCollectionsAreBounded(String service) {
        return fields().that().areDeclaredInClassesThat().resideInAPackage(base(service) + ".web..")
                .and().areDeclaredInClassesThat().haveSimpleNameEndingWith("Request")
                .and().areNotStatic()
                .and().haveRawType(assignableTo(Collection.class).or(assignableTo(Map.class)))
                .should(new ArchCondition<>("be bounded by @Size(max = …)") {
                    @Override
                    public void check(JavaField field, ConditionEvents events) {
                        boolean bounded = field.tryGetAnnotationOfType(SIZE)
                                .flatMap(size -> size.get("max"))
                                .map(max -> (Integer) max < Integer.MAX_VALUE).orElse(false);
                        events.add(new SimpleConditionEvent(field, bounded,
                                field.getFullName() + (bounded ? " is" : " is not") + " bounded by @Size(max = …)"));
                    }
                })
                .because("a client must not make a service hold, check and echo back an unbounded number of entries")
                .allowEmptyShould(true);
    }

    public static ArchRule requestTextIsChecked(String service) {
        return fields().that().areDeclaredInClassesThat().resideInAPackage(base(service) + ".web..")
                .and().areDeclaredInClassesThat().haveSimpleNameEndingWith("Request")
                .and().areNotStatic()
                .should(new ArchCondition<>("be a pattern or free text without control characters") {
                    @Override
                    public void check(JavaField field, ConditionEvents events) {
                        AnnotatedType type = field.reflect().getAnnotatedType();
                        List<AnnotatedType> texts = new ArrayList<>();
                        if (type.getType() == String.class) {
                            texts.add(type);
                        } else if (type instanceof AnnotatedParameterizedType parameterized) {
                            AnnotatedType[] arguments = parameterized.getAnnotatedActualTypeArguments();
                            AnnotatedType element = arguments[arguments.length - 1]; // a list's element, a map's value
                            if (element.getType() == String.class) {
                                texts.add(element);
                            }
                        }
                        for (AnnotatedType text : texts) {
                            boolean checked = checked(text.getAnnotations())
                                    || (text == type && checked(field.reflect().getAnnotations()));
                            events.add(new SimpleConditionEvent(field, checked, field.getFullName()
                                    + (text == type ? "" : "'s elements") + (checked ? " are" : " are not")
                                    + " checked by @Pattern or @NoControlCharacters"));
                        }
                    }
                })
                .because("text from a request ends up in logs, screens and exports: it is either of a known form or"
                        + " free text without control characters")
                .allowEmptyShould(true);
    }

    private static boolean checked(Annotation[] annotations) {
        return Arrays.stream(annotations).anyMatch(a -> TEXT_CHECKS.contains(a.annotationType().getName()));
    }

    private static String base(String service) {
        return "org.tend." + service;
    }
}
