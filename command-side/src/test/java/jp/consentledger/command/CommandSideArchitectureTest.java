package jp.consentledger.command;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

@AnalyzeClasses(packages = "jp.consentledger", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandSideArchitectureTest {
    private static final String COMMAND = "jp.consentledger.command";
    /** Shared leaves every feature may use: the side's settings record and the lookups' processing group. */
    private static final String[] SHARED_LEAVES = {COMMAND + ".config..", COMMAND + ".lookup.."};

    /** Events are the only contract between the sides. */
    @ArchTest
    static final ArchRule neverDependsOnTheQuerySide = noClasses().that().resideInAPackage("jp.consentledger.command..")
            .should().dependOnClassesThat().resideInAPackage("jp.consentledger.query..");

    /** Aggregates decide from what they are told: times and ids come in with the command. */
    @ArchTest
    static final ArchRule aggregatesReadNoClockAndDrawNoRandomness = noClasses().that().areAnnotatedWith(Aggregate.class)
            .should().callMethod(Instant.class, "now")
            .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
            .orShould().dependOnClassesThat().areAssignableTo(Random.class)
            .orShould().dependOnClassesThat().areAssignableTo(SecureRandom.class)
            .orShould().callMethod(UUID.class, "randomUUID");

    /** Each package answers one question; two that need each other are one question, or a third is missing. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching(COMMAND + ".(*)..").should().beFreeOfCycles();

    /**
     * Infrastructure (the event store, deadlines, retries, problem answers, API documents) serves the
     * features and is named by none of them; what features share lives in the shared leaves.
     */
    @ArchTest
    static final ArchRule nothingDependsOnInfrastructure = noClasses().that().resideOutsideOfPackage(COMMAND + ".infrastructure..")
            .should().dependOnClassesThat().resideInAPackage(COMMAND + ".infrastructure..");

    /** The shared leaves depend on no other package of the side, so using them can close no cycle. */
    @ArchTest
    static final ArchRule sharedLeavesStandAlone = noClasses().that().resideInAnyPackage(SHARED_LEAVES)
            .should().dependOnClassesThat(DescribedPredicate.describe("are in another package of the command side",
                    (JavaClass c) -> c.getPackageName().startsWith(COMMAND + ".") && !inSharedLeaf(c)));

    /** The landing page is an entrance only. */
    @ArchTest
    static final ArchRule nothingDependsOnTheLandingPage = noClasses().that().resideOutsideOfPackage(COMMAND + ".landing..")
            .should().dependOnClassesThat().resideInAPackage(COMMAND + ".landing..");

    /** Controllers are entrances only: nothing names a controller but the controller itself and its own nested types. */
    @ArchTest
    static final ArchRule nothingDependsOnAController = classes().that().resideInAPackage(COMMAND + "..")
            .should(new ArchCondition<JavaClass>("depend on no controller but their own") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    JavaClass own = topLevel(origin);
                    origin.getDirectDependenciesFromSelf().stream()
                            .filter(dependency -> dependency.getTargetClass().getPackageName().startsWith(COMMAND)
                                    && isController(dependency.getTargetClass())
                                    && !topLevel(dependency.getTargetClass()).equals(own))
                            .forEach(dependency -> events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription())));
                }
            });

    /** Small rooms: no package of the side holds more than 8 top-level classes. */
    @ArchTest
    static void noPackageHoldsMoreThanEightClasses(JavaClasses classes) {
        Map<String, Long> sizes = classes.stream()
                .filter(c -> c.getPackageName().startsWith(COMMAND) && c.isTopLevelClass())
                .collect(Collectors.groupingBy(JavaClass::getPackageName, Collectors.counting()));
        assertThat(sizes).isNotEmpty().allSatisfy((pkg, count) -> assertThat(count).as(pkg).isLessThanOrEqualTo(8));
    }

    private static boolean inSharedLeaf(JavaClass c) {
        return c.getPackageName().startsWith(COMMAND + ".config") || c.getPackageName().startsWith(COMMAND + ".lookup");
    }

    private static JavaClass topLevel(JavaClass c) {
        JavaClass outer = c;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }

    private static boolean isController(JavaClass c) {
        return c.isAnnotatedWith(RestController.class) || c.isAnnotatedWith(Controller.class);
    }
}
