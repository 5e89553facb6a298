package jp.consentledger.kernel;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.serialization.Revision;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The kernel is the contract between the sides: plain Java, no framework that owns a runtime. */
@AnalyzeClasses(packages = "jp.consentledger.kernel", importOptions = ImportOption.DoNotIncludeTests.class)
class KernelArchitectureTest {

    @ArchTest
    static final ArchRule noSpringNoJpa = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "jakarta.persistence..", "javax.persistence..", "org.hibernate..");

    @ArchTest
    static final ArchRule neverDependsOnEitherSide = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("jp.consentledger.command..", "jp.consentledger.query..");

    @ArchTest
    static final ArchRule eventsAreVersionedRecords = classes().that().haveSimpleNameEndingWith("Event")
            .and().areNotInterfaces()
            .should().beAnnotatedWith(Revision.class).andShould().beRecords();

    /** The verb is a past participle, optionally followed by where it happened (LinkageRevokedAtBankEvent). */
    @ArchTest
    static final ArchRule eventsAreInThePastTense = classes().that().areAnnotatedWith(Revision.class)
            .should().haveNameMatching(".*\\.[A-Za-z]+ed(At[A-Z][a-z]+)?Event");
}
