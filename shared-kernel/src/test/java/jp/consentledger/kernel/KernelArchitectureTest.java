package jp.consentledger.kernel;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.serialization.Revision;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The kernel is the contract between the sides: ids, commands, events and the hash chain's byte layout, in
 * plain Java with no framework that owns a runtime. What is built on the contract lives elsewhere: the
 * validity rule (consent-validity), the stored form and the clock (serialization-and-clock), the append
 * (command side), HTTP answers (web-support).
 */
@AnalyzeClasses(packages = "jp.consentledger.kernel", importOptions = ImportOption.DoNotIncludeTests.class)
class KernelArchitectureTest {

    @ArchTest
    static final ArchRule noSpringNoJpa = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "jakarta.persistence..", "javax.persistence..", "org.hibernate..");

    @ArchTest
    static final ArchRule neverDependsOnEitherSide = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("jp.consentledger.command..", "jp.consentledger.query..");

    /** The modules built on the contract depend on it, never the other way round. */
    @ArchTest
    static final ArchRule neverDependsOnWhatIsBuiltOnIt = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("jp.consentledger.validity..", "jp.consentledger.serialization..",
                    "jp.consentledger.web..", "jp.consentledger.verifier..", "jp.consentledger.store..");

    /** How events are stored and appended is the sides' business: the kernel says only what the bytes are. */
    @ArchTest
    static final ArchRule noEventStorageNoJdbc = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.axonframework.eventsourcing..", "org.axonframework.eventhandling..",
                    "org.axonframework.common.jdbc..", "org.axonframework.common.transaction..",
                    "org.axonframework.axonserver..", "org.axonframework.config..", "java.sql..", "javax.sql..");

    /** Saying what is wrong with a request is the web's work (web-support's problem answers). */
    @ArchTest
    static final ArchRule noHttpProse = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("jakarta.servlet..", "javax.servlet..", "java.net.http..",
                    "com.fasterxml.jackson.databind.exc..");

    @ArchTest
    static final ArchRule eventsAreVersionedRecords = classes().that().haveSimpleNameEndingWith("Event")
            .and().areNotInterfaces()
            .should().beAnnotatedWith(Revision.class).andShould().beRecords();

    /** The verb is a past participle, optionally followed by where it happened (LinkageRevokedAtBankEvent). */
    @ArchTest
    static final ArchRule eventsAreInThePastTense = classes().that().areAnnotatedWith(Revision.class)
            .should().haveNameMatching(".*\\.[A-Za-z]+ed(At[A-Z][a-z]+)?Event");
}
