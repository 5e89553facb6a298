package jp.consentledger.command;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.spring.stereotype.Aggregate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "jp.consentledger", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandSideArchitectureTest {

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
}
