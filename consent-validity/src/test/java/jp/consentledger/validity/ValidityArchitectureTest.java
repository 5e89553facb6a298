package jp.consentledger.validity;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The rule reads the kernel's events and nothing else: the offline verifier ships it without Axon, Spring or a
 * database, and the live check runs it on every API call.
 */
@AnalyzeClasses(packages = "jp.consentledger.validity", importOptions = ImportOption.DoNotIncludeTests.class)
class ValidityArchitectureTest {

    @ArchTest
    static final ArchRule plainJavaOverTheKernel = classes().should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "jp.consentledger.kernel..", "jp.consentledger.validity..");
}
