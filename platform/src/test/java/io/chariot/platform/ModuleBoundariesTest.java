package io.chariot.platform;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module boundaries of ARCHITECTURE.md as build gates. */
class ModuleBoundariesTest {

    private static final JavaClasses CHARIOT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.chariot");

    @Test
    void boundedContextsNeverImportEachOther() {
        ArchRule rule = noClasses()
            .that().resideInAPackage("io.chariot.asset..")
            .should().dependOnClassesThat().resideInAPackage("io.chariot.account..");
        rule.check(CHARIOT);
    }

    @Test
    void theAccountContextNeverImportsTheAssetContext() {
        ArchRule rule = noClasses()
            .that().resideInAPackage("io.chariot.account..")
            .should().dependOnClassesThat().resideInAPackage("io.chariot.asset..");
        rule.check(CHARIOT);
    }

    @Test
    void theRiskContextNeverImportsAnotherContextNorDoOthersImportIt() {
        noClasses()
            .that().resideInAPackage("io.chariot.risk..")
            .should().dependOnClassesThat().resideInAnyPackage("io.chariot.asset..", "io.chariot.account..")
            .check(CHARIOT);
        noClasses()
            .that().resideInAnyPackage("io.chariot.asset..", "io.chariot.account..")
            .should().dependOnClassesThat().resideInAPackage("io.chariot.risk..")
            .check(CHARIOT);
    }

    @Test
    void theJobContextDependsOnThePublishedLanguageOnlyNorDoOthersImportIt() {
        noClasses()
            .that().resideInAPackage("io.chariot.job..")
            .should().dependOnClassesThat().resideInAnyPackage("io.chariot.asset..", "io.chariot.account..",
                    "io.chariot.risk..")
            .check(CHARIOT);
        noClasses()
            .that().resideInAnyPackage("io.chariot.asset..", "io.chariot.account..", "io.chariot.risk..")
            .should().dependOnClassesThat().resideInAPackage("io.chariot.job..")
            .check(CHARIOT);
    }

    @Test
    void theFileContextDependsOnThePublishedLanguageOnlyNorDoOthersImportIt() {
        noClasses()
            .that().resideInAPackage("io.chariot.file..")
            .should().dependOnClassesThat().resideInAnyPackage("io.chariot.asset..", "io.chariot.account..",
                    "io.chariot.risk..", "io.chariot.job..", "io.chariot.query..", "io.chariot.projections..",
                    "io.chariot.sagas..")
            .check(CHARIOT);
        noClasses()
            .that().resideInAnyPackage("io.chariot.asset..", "io.chariot.account..", "io.chariot.risk..",
                    "io.chariot.job..", "io.chariot.projections..", "io.chariot.query..", "io.chariot.sagas..")
            .should().dependOnClassesThat().resideInAPackage("io.chariot.file..")
            .check(CHARIOT);
    }

    @Test
    void sagasSpeakThePublishedLanguageOnlyAndNoContextImportsThem() {
        noClasses()
            .that().resideInAPackage("io.chariot.sagas..")
            .should().dependOnClassesThat().resideInAnyPackage("io.chariot.asset..", "io.chariot.account..",
                    "io.chariot.risk..", "io.chariot.job..", "io.chariot.projections..", "io.chariot.query..",
                    "io.chariot.gateway..", "io.chariot.file..")
            .check(CHARIOT);
        noClasses()
            .that().resideInAnyPackage("io.chariot.asset..", "io.chariot.account..", "io.chariot.risk..",
                    "io.chariot.job..", "io.chariot.projections..", "io.chariot.query..", "io.chariot.file..")
            .should().dependOnClassesThat().resideInAPackage("io.chariot.sagas..")
            .check(CHARIOT);
    }

    /** Axon 5 has no sagas: the workflows use the project's ports; only the adapter and the thin shells know Axon's. */
    @Test
    void onlyTheAxonAdapterAndTheSagaShellsTouchAxonsSagaAndDeadlineApi() {
        noClasses()
            .that().resideInAnyPackage("io.chariot.sagas.runtime..", "io.chariot.sagas.job..",
                    "io.chariot.sagas.remediation..")
            .and().areNotAnnotatedWith(org.axonframework.spring.stereotype.Saga.class)
            .should().dependOnClassesThat().resideInAnyPackage("org.axonframework.modelling.saga..",
                    "org.axonframework.deadline..")
            .check(CHARIOT);
    }

    @Test
    void theCommandSideNeverImportsTheQuerySideOrTheProjections() {
        ArchRule rule = noClasses()
            .that().resideInAnyPackage("io.chariot.asset..", "io.chariot.account..", "io.chariot.risk..",
                    "io.chariot.job..")
            .should().dependOnClassesThat().resideInAnyPackage("io.chariot.query..", "io.chariot.projections..");
        rule.check(CHARIOT);
    }

    @Test
    void projectionsNeverImportCommandServicesOrTheQueryApi() {
        ArchRule rule = noClasses()
            .that().resideInAPackage("io.chariot.projections..")
            .should().dependOnClassesThat().resideInAnyPackage("io.chariot.asset..", "io.chariot.account..",
                    "io.chariot.risk..", "io.chariot.job..", "io.chariot.query..", "io.chariot.gateway..");
        rule.check(CHARIOT);
    }

    @Test
    void thePublishedLanguageDependsOnNothingOfOurs() {
        ArchRule rule = noClasses()
            .that().resideInAPackage("io.chariot.api..")
            .should().dependOnClassesThat().resideInAnyPackage("io.chariot.asset..", "io.chariot.account..",
                    "io.chariot.projections..", "io.chariot.query..", "io.chariot.gateway..",
                    "io.chariot.platform..", "org.springframework..");
        rule.check(CHARIOT);
    }

    /** Each context's domain package: aggregates and their rules, nothing of Spring or of the web around them. */
    @ParameterizedTest
    @ValueSource(strings = {"io.chariot.asset", "io.chariot.risk", "io.chariot.job", "io.chariot.file",
            "io.chariot.account.apikey", "io.chariot.account.link", "io.chariot.account.setting",
            "io.chariot.account.integration"})
    void domainCodeDependsOnNoSpringButAxonsAggregateStereotypeNorOnItsWebOrWiring(String domain) {
        String context = domain.startsWith("io.chariot.account") ? "io.chariot.account" : domain;
        noClasses().that().resideInAPackage(domain)
            .should().dependOnClassesThat(resideInAPackage("org.springframework.."))
            .orShould().dependOnClassesThat(resideInAPackage("org.axonframework.spring..")
                    .and(not(equivalentTo(Aggregate.class))))
            .orShould().dependOnClassesThat(resideInAnyPackage(context + ".config..", context + ".web..",
                    "io.chariot.gateway.."))
            .check(CHARIOT);
    }

    @Test
    void theQueryApiNeverSendsCommands() {
        ArchRule rule = noClasses()
            .that().resideInAPackage("io.chariot.query..")
            .should().dependOnClassesThat().resideInAPackage("org.axonframework.commandhandling..");
        rule.check(CHARIOT);
    }
}
