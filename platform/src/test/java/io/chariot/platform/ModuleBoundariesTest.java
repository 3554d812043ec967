package io.chariot.platform;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module boundaries of ARCHITECTURE.md as build gates. */
@AnalyzeClasses(packages = "io.chariot", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    @ArchTest
    static final ArchRule boundedContextsNeverImportEachOther = noClasses()
            .that().resideInAPackage("io.chariot.asset..")
            .should().dependOnClassesThat().resideInAPackage("io.chariot.account..")
            .andShould().dependOnClassesThat().resideInAPackage("io.chariot.account..");

    @ArchTest
    static final ArchRule theAccountContextNeverImportsTheAssetContext = noClasses()
            .that().resideInAPackage("io.chariot.account..")
            .should().dependOnClassesThat().resideInAPackage("io.chariot.asset..");

    @ArchTest
    static final ArchRule theCommandSideNeverImportsTheQuerySideOrTheProjections = noClasses()
            .that().resideInAnyPackage("io.chariot.asset..", "io.chariot.account..")
            .should().dependOnClassesThat().resideInAnyPackage("io.chariot.query..", "io.chariot.projections..");

    @ArchTest
    static final ArchRule projectionsNeverImportCommandServicesOrTheQueryApi = noClasses()
            .that().resideInAPackage("io.chariot.projections..")
            .should().dependOnClassesThat().resideInAnyPackage("io.chariot.asset..", "io.chariot.account..",
                    "io.chariot.query..", "io.chariot.gateway..");

    @ArchTest
    static final ArchRule thePublishedLanguageDependsOnNothingOfOurs = noClasses()
            .that().resideInAPackage("io.chariot.api..")
            .should().dependOnClassesThat().resideInAnyPackage("io.chariot.asset..", "io.chariot.account..",
                    "io.chariot.projections..", "io.chariot.query..", "io.chariot.gateway..",
                    "io.chariot.platform..", "org.springframework..");

    @ArchTest
    static final ArchRule domainCodeHasNoSpring = noClasses()
            .that().resideInAnyPackage("io.chariot.asset", "io.chariot.account.apikey")
            .should().dependOnClassesThat().resideInAPackage("org.springframework..");

    @ArchTest
    static final ArchRule theQueryApiNeverSendsCommands = noClasses()
            .that().resideInAPackage("io.chariot.query..")
            .should().dependOnClassesThat().resideInAPackage("org.axonframework.commandhandling..");
}
