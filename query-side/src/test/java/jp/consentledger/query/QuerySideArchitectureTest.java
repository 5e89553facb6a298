package jp.consentledger.query;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static org.assertj.core.api.Assertions.assertThat;

@AnalyzeClasses(packages = "jp.consentledger", importOptions = ImportOption.DoNotIncludeTests.class)
class QuerySideArchitectureTest {

    /** Events are the only contract between the sides. */
    @ArchTest
    static final ArchRule neverDependsOnTheCommandSide = noClasses().that().resideInAPackage("jp.consentledger.query..")
            .should().dependOnClassesThat().resideInAPackage("jp.consentledger.command..");

    /** A projection records when the event happened (@Timestamp or the event's own times), never when it was replayed. */
    @ArchTest
    static final ArchRule projectionsReadNoClock = noMethods().that().areAnnotatedWith(EventHandler.class)
            .should(callInstantNow());

    /** The audit's wings answer one question each and lean on one another in one direction only. */
    @ArchTest
    static final ArchRule auditWingsHaveNoCycles = slices().matching("jp.consentledger.query.audit.(*)..")
            .should().beFreeOfCycles();

    /**
     * Evidence may use "as of", integrity and the index; "as of" and integrity use the index only; the index uses
     * none of them. Other packages (the console, replay) may use any wing.
     */
    @ArchTest
    static final ArchRule auditWingsInOrder = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("index").definedBy("jp.consentledger.query.audit.index..")
            .layer("asof").definedBy("jp.consentledger.query.audit.asof..")
            .layer("integrity").definedBy("jp.consentledger.query.audit.integrity..")
            .layer("evidence").definedBy("jp.consentledger.query.audit.evidence..")
            .whereLayer("evidence").mayNotBeAccessedByAnyLayer()
            .whereLayer("asof").mayOnlyBeAccessedByLayers("evidence")
            .whereLayer("integrity").mayOnlyBeAccessedByLayers("evidence")
            .whereLayer("index").mayOnlyBeAccessedByLayers("asof", "integrity", "evidence");

    /** A replay rebuilds and compares read models; it asks no controller (only its own answers the HTTP call). */
    @ArchTest
    static final ArchRule replayUsesNoControllers = noClasses().that().resideInAPackage("jp.consentledger.query.replay..")
            .and().areNotAnnotatedWith(RestController.class)
            .should().dependOnClassesThat().areAnnotatedWith(RestController.class)
            .orShould().dependOnClassesThat().areAnnotatedWith(Controller.class);

    /** Small rooms: no package of the query side holds more than eight classes at its top level. */
    @ArchTest
    static void noPackageHoldsMoreThanEightClasses(JavaClasses classes) {
        Map<String, Long> sizes = classes.stream()
                .filter(c -> c.getPackageName().startsWith("jp.consentledger.query") && c.isTopLevelClass())
                .collect(Collectors.groupingBy(JavaClass::getPackageName, Collectors.counting()));
        assertThat(sizes).allSatisfy((name, size) -> assertThat(size).as(name).isLessThanOrEqualTo(8));
    }

    private static ArchCondition<JavaMethod> callInstantNow() {
        return new ArchCondition<>("call Instant.now()") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                method.getMethodCallsFromSelf().stream()
                        .filter(call -> call.getTargetOwner().isEquivalentTo(Instant.class) && call.getName().equals("now"))
                        .forEach(call -> events.add(SimpleConditionEvent.satisfied(call, call.getDescription())));
            }
        };
    }
}
