package io.chariot.account;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The account links and settings, like API keys, are plain Axon aggregates: no Spring but the stereotype. */
class AccountDomainArchitectureTest {

    @Test
    void theLinkAndSettingDomainsDependOnNoSpringButAxonsAggregateStereotype() {
        noClasses().that().resideInAnyPackage("io.chariot.account.link", "io.chariot.account.setting")
                   .should().dependOnClassesThat(resideInAPackage("org.springframework.."))
                   .orShould().dependOnClassesThat(resideInAPackage("org.axonframework.spring..")
                                                           .and(not(equivalentTo(Aggregate.class))))
                   .orShould().dependOnClassesThat(resideInAPackage("io.chariot.account.web.."))
                   .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                                                 .importPackages("io.chariot.account.link", "io.chariot.account.setting"));
    }
}
