package io.chariot.job;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class JobArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.chariot.job");

    @Test
    void theDomainDependsOnNoSpringButAxonsAggregateStereotype() {
        noClasses().that().resideInAPackage("io.chariot.job")
                   .should().dependOnClassesThat(resideInAPackage("org.springframework.."))
                   .orShould().dependOnClassesThat(resideInAPackage("org.axonframework.spring..")
                                                           .and(not(equivalentTo(Aggregate.class))))
                   .check(MAIN);
    }

    @Test
    void theDomainDoesNotKnowItsWebOrSpringWiring() {
        noClasses().that().resideInAPackage("io.chariot.job")
                   .should().dependOnClassesThat().resideInAnyPackage("io.chariot.job.config..",
                                                                      "io.chariot.job.web..", "io.chariot.gateway..")
                   .check(MAIN);
    }
}
