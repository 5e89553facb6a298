package jp.consentledger.query;

import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.axonframework.eventhandling.EventHandler;

import java.time.Instant;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

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
