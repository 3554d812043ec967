package io.chariot.account.apikey;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ApiKeyArchitectureTest {

    @Test
    void theApiKeyDomainDependsOnNoSpringButAxonsAggregateStereotype() {
        noClasses().that().resideInAPackage("io.chariot.account.apikey")
                   .should().dependOnClassesThat(resideInAPackage("org.springframework.."))
                   .orShould().dependOnClassesThat(resideInAPackage("org.axonframework.spring..")
                                                           .and(not(equivalentTo(Aggregate.class))))
                   .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                                                 .importPackages("io.chariot.account.apikey"));
    }
}
