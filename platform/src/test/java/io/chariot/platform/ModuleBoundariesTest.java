package io.chariot.platform;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.conditions.ArchConditions.be;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module boundaries of docs/architecture.md as build gates. The rules find the modules by pattern, not by list:
 * a bounded context is any top-level package {@code io.chariot.<context>} that holds an Axon aggregate, so a new
 * command service is covered the day it is added, and a new top-level package fails
 * {@link #everyPackageOfOursHasAPlaceInTheArchitecture} until it is given one.
 */
class ModuleBoundariesTest {

    private static final JavaClasses CHARIOT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.chariot");

    private static final String PUBLISHED_LANGUAGE = "io.chariot.api..";
    private static final String WEB_SUPPORT = "io.chariot.websupport..";
    private static final String CONSISTENCY = "io.chariot.consistency..";
    /** Commands across processes (ADR 0025): plumbing on Axon's command bus, knowing nothing else of ours. */
    private static final String COMMAND_ROUTING = "io.chariot.routing..";
    private static final String PROJECTIONS = "io.chariot.projections..";
    private static final String QUERY_API = "io.chariot.query..";
    private static final String SAGAS = "io.chariot.sagas..";
    /**
     * What every deployable runs besides its contexts (the service-runtime module): event store, Kafka publishing,
     * health, observability, the projection and saga operations, and the bridges of a context's port onto the read
     * side.
     */
    private static final String RUNTIME = "io.chariot.runtime..";
    /** The deployables: the all-in-one platform and the service applications (ADR 0024). */
    private static final String[] ASSEMBLY = {"io.chariot.platform..", "io.chariot.services.."};
    /** Crypto-shredding: the tenants' data keys and the personal-field cipher the serializers and the explorer use. */
    private static final String PERSONAL_DATA = "io.chariot.personal..";
    /** The command-line clients of the platform's HTTP APIs (the cli module): they know nothing else of ours. */
    private static final String CLI = "io.chariot.cli..";
    /**
     * Separate processes and test infrastructure: the migration replayer, the reference worker, the local servers,
     * the CLIs, the client suite's runner (client-compat). The benchmarks and fault suite (infra/load, infra/faults)
     * are not on this module's classpath and not checked.
     */
    private static final String[] TOOLS = {"io.chariot.migration..", "io.chariot.worker..", "io.chariot.infra..",
            "io.chariot.compat..", CLI};

    /** The bounded contexts: every top-level package that holds an aggregate. */
    private static final Set<String> CONTEXTS = CHARIOT.stream()
            .filter(type -> type.isAnnotatedWith(Aggregate.class))
            .map(ModuleBoundariesTest::moduleOf)
            .collect(Collectors.toCollection(TreeSet::new));

    /** The packages that hold an aggregate: a context's domain code. */
    private static final Set<String> DOMAIN_PACKAGES = CHARIOT.stream()
            .filter(type -> type.isAnnotatedWith(Aggregate.class))
            .map(JavaClass::getPackageName)
            .collect(Collectors.toCollection(TreeSet::new));

    private static final DescribedPredicate<JavaClass> IN_A_BOUNDED_CONTEXT =
            describe("reside in a bounded context", type -> CONTEXTS.contains(moduleOf(type)));

    /** Guards every rule below against passing vacuously because the discovery found nothing. */
    @Test
    void theBoundedContextsAreFoundByTheirAggregates() {
        assertThat(CONTEXTS).contains("asset", "account", "risk", "job", "file")
                .doesNotContain("api", "websupport", "projections", "query", "sagas", "runtime", "platform");
        assertThat(DOMAIN_PACKAGES).contains("io.chariot.asset", "io.chariot.account.apikey", "io.chariot.job");
    }

    @Test
    void boundedContextsNeverImportEachOther() {
        slices().matching("io.chariot.(*)..")
            .that(describe("are bounded contexts", slice -> CONTEXTS.contains(slice.getNamePart(1))))
            .should().notDependOnEachOther()
            .check(CHARIOT);
    }

    /**
     * Who may use whom. Each context, the sagas and the projections speak only the published language (and the shared
     * libraries); only the assembly that starts them all in one process knows them.
     */
    @Test
    void everyModuleUsesOnlyTheModulesBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Published language").definedBy(PUBLISHED_LANGUAGE)
            .layer("Web support").definedBy(WEB_SUPPORT)
            .layer("Consistency").definedBy(CONSISTENCY)
            .layer("Command routing").definedBy(COMMAND_ROUTING)
            .layer("Personal data").definedBy(PERSONAL_DATA)
            .layer("Bounded contexts").definedBy(IN_A_BOUNDED_CONTEXT)
            .layer("Sagas").definedBy(SAGAS)
            .layer("Projections").definedBy(PROJECTIONS)
            .layer("Query API").definedBy(QUERY_API)
            .layer("Runtime").definedBy(RUNTIME)
            .layer("Assembly").definedBy(ASSEMBLY)
            .layer("Tools").definedBy(TOOLS)
            .whereLayer("Published language").mayNotAccessAnyLayer()
            .whereLayer("Consistency").mayNotAccessAnyLayer()
            .whereLayer("Command routing").mayNotAccessAnyLayer()
            .whereLayer("Personal data").mayOnlyAccessLayers("Published language")
            .whereLayer("Web support").mayOnlyAccessLayers("Published language")
            .whereLayer("Bounded contexts").mayOnlyAccessLayers("Published language", "Web support")
            .whereLayer("Sagas").mayOnlyAccessLayers("Published language", "Consistency")
            .whereLayer("Projections").mayOnlyAccessLayers("Published language", "Consistency")
            .whereLayer("Query API").mayOnlyAccessLayers("Published language", "Web support", "Consistency",
                    "Projections", "Personal data")
            .whereLayer("Tools").mayOnlyAccessLayers("Published language", "Personal data")
            .whereLayer("Runtime").mayOnlyBeAccessedByLayers("Assembly")
            .whereLayer("Assembly").mayNotBeAccessedByAnyLayer()
            .check(CHARIOT);
    }

    /** Keeps the layered rule complete: a module outside every layer would escape it. */
    @Test
    void everyPackageOfOursHasAPlaceInTheArchitecture() {
        classes().should(be(resideInAnyPackage(PUBLISHED_LANGUAGE, WEB_SUPPORT, CONSISTENCY, COMMAND_ROUTING,
                        PERSONAL_DATA, PROJECTIONS, QUERY_API, SAGAS, RUNTIME).or(resideInAnyPackage(ASSEMBLY))
                        .or(resideInAnyPackage(TOOLS)).or(IN_A_BOUNDED_CONTEXT)
                        .as("in a layer of ModuleBoundariesTest")))
            .check(CHARIOT);
    }

    /**
     * The runtime is shared by every deployable, whichever contexts it holds: only its bridges (a context's port
     * implemented on the read side, each present where both sides are) know a context, and only its ports.
     */
    @Test
    void onlyTheRuntimesBridgesKnowABoundedContextAndOnlyItsPorts() {
        noClasses().that().resideInAPackage(RUNTIME).and().resideOutsideOfPackage("io.chariot.runtime.bridges..")
            .should().dependOnClassesThat(IN_A_BOUNDED_CONTEXT)
            .check(CHARIOT);
        noClasses().that().resideInAPackage("io.chariot.runtime.bridges..")
            .should().dependOnClassesThat(IN_A_BOUNDED_CONTEXT.and(describe("outside a context's web package",
                    type -> !type.getPackageName().endsWith(".web"))))
            .check(CHARIOT);
    }

    /** Aggregates and command handlers know their own context's domain and the published language, nothing else of ours. */
    @Test
    void aggregatesAndCommandHandlersUseOnlyTheirDomainAndThePublishedLanguage() {
        classes().that(describe("are aggregates or command handlers or share their package",
                        type -> DOMAIN_PACKAGES.contains(type.getPackageName()) || handlesCommands(type)))
            .should(onlyDependOnTheirOwnDomainOrThePublishedLanguage())
            .check(CHARIOT);
    }

    /** Each context's domain package: aggregates and their rules, nothing of Spring or of the web around them. */
    @Test
    void domainCodeDependsOnNoSpringButAxonsAggregateStereotype() {
        noClasses().that(describe("reside in a package that holds an aggregate",
                        type -> DOMAIN_PACKAGES.contains(type.getPackageName())))
            .should().dependOnClassesThat(resideInAPackage("org.springframework.."))
            .orShould().dependOnClassesThat(resideInAPackage("org.axonframework.spring..")
                    .and(not(equivalentTo(Aggregate.class))))
            .check(CHARIOT);
    }

    /**
     * Controllers may use the projections' operational surface (the read-model registry, rebuilds, store availability),
     * never a store's rows, keys or writers.
     */
    @Test
    void controllersNeverReachIntoProjectionInternals() {
        noClasses().that().areMetaAnnotatedWith(Controller.class)
            .should().dependOnClassesThat(resideInAPackage(PROJECTIONS).and(not(resideInAnyPackage(
                    "io.chariot.projections", "io.chariot.projections.rebuild",
                    "io.chariot.projections.availability"))))
            .check(CHARIOT);
    }

    /** The CLIs talk to the platform over HTTP only: not even the published language, so they stay a small classpath. */
    @Test
    void theCliDependsOnNothingOfOursButItself() {
        noClasses().that().resideInAPackage(CLI)
            .should().dependOnClassesThat(resideInAPackage("io.chariot..").and(not(resideInAPackage(CLI))))
            .check(CHARIOT);
    }

    /** The published language is shared by every process, whatever it runs on; what of ours it may use is the layers' rule. */
    @Test
    void thePublishedLanguageDependsOnNoSpring() {
        noClasses().that().resideInAPackage(PUBLISHED_LANGUAGE)
            .should().dependOnClassesThat().resideInAPackage("org.springframework..")
            .check(CHARIOT);
    }

    /**
     * Axon 5 has no sagas: the workflows (every subpackage of the sagas module) use the project's ports; only the Axon
     * adapter, the thin shells and the module's wiring in its root package know Axon's.
     */
    @Test
    void onlyTheAxonAdapterAndTheSagaShellsTouchAxonsSagaAndDeadlineApi() {
        noClasses()
            .that().resideInAPackage("io.chariot.sagas.*..").and().resideOutsideOfPackage("io.chariot.sagas.axon..")
            .and().areNotAnnotatedWith(org.axonframework.spring.stereotype.Saga.class)
            .should().dependOnClassesThat().resideInAnyPackage("org.axonframework.modelling.saga..",
                    "org.axonframework.deadline..")
            .check(CHARIOT);
    }

    @Test
    void theQueryApiNeverSendsCommands() {
        noClasses()
            .that().resideInAPackage(QUERY_API)
            .should().dependOnClassesThat().resideInAPackage("org.axonframework.commandhandling..")
            .check(CHARIOT);
    }

    private static String moduleOf(JavaClass type) {
        String[] parts = type.getPackageName().split("\\.");
        return parts.length > 2 && parts[0].equals("io") && parts[1].equals("chariot") ? parts[2] : "";
    }

    private static boolean within(String packageName, String root) {
        return packageName.equals(root) || packageName.startsWith(root + ".");
    }

    private static boolean handlesCommands(JavaClass type) {
        return type.getMethods().stream().anyMatch(method -> method.isAnnotatedWith(CommandHandler.class))
                || type.getConstructors().stream().anyMatch(constructor -> constructor.isAnnotatedWith(CommandHandler.class));
    }

    private static ArchCondition<JavaClass> onlyDependOnTheirOwnDomainOrThePublishedLanguage() {
        return new ArchCondition<>("depend on nothing of ours but their own context's domain and the published language") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String context = "io.chariot." + moduleOf(origin);
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    String targetPackage = target.getPackageName();
                    boolean ours = within(targetPackage, "io.chariot");
                    boolean allowed = within(targetPackage, "io.chariot.api") || (within(targetPackage, context)
                            && !within(targetPackage, context + ".web") && !within(targetPackage, context + ".config"));
                    if (ours && !allowed) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** One read path: projections only write; every read of a read model, a context's query too, is the query side's. */
    @Test
    void readModelsAreReadOnlyOnTheQuerySideEvenForAnotherContextsQuery() {
        methods().that().areAnnotatedWith(QueryHandler.class)
                .should().beDeclaredInClassesThat().resideInAPackage("io.chariot.query..")
                .check(CHARIOT);
    }
}
