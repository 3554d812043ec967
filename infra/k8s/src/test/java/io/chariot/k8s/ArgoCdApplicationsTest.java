package io.chariot.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** infra/k8s/argocd: one automated Application per component, each rendering exactly its part of the chart. */
class ArgoCdApplicationsTest {

    private static final Path DIRECTORY = Path.of("argocd");
    private static final List<ArgoCd.Application> applications = new ArrayList<>();
    private static ArgoCd.Application root;
    private static ArgoCd.AppProject project;

    @BeforeAll
    static void readEveryFile() throws IOException {
        try (Stream<Path> files = Files.list(DIRECTORY.resolve("apps"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                applications.add(read(file, ArgoCd.Application.class));
            }
        }
        root = read(DIRECTORY.resolve("root.yaml"), ArgoCd.Application.class);
        project = read(DIRECTORY.resolve("project.yaml"), ArgoCd.AppProject.class);
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("apps", "root.yaml", "project.yaml");
        }
    }

    private static <T> T read(Path file, Class<T> kind) throws IOException {
        List<Object> objects = KnownKinds.parse(Files.readString(file), KnownKinds.ARGO_CD);
        assertThat(objects).as(file.toString()).singleElement().isInstanceOf(kind);
        return kind.cast(objects.get(0));
    }

    private static List<String> only(ArgoCd.Application application) {
        @SuppressWarnings("unchecked")
        List<String> only = (List<String>) application.spec().source().helm().valuesObject().get("only");
        return only;
    }

    @Test
    void thereIsOneApplicationPerServiceAndOneForTheSharedObjects() {
        List<String> components = new ArrayList<>(Chart.SERVICES);
        components.add("shared");
        assertThat(applications).extracting(a -> a.metadata().getName())
                .containsExactlyInAnyOrderElementsOf(components.stream().map(c -> "chariot-" + c).toList());
        assertThat(applications).allSatisfy(a -> assertThat(only(a))
                .containsExactly(a.metadata().getName().substring("chariot-".length())));
    }

    @Test
    void theRootApplicationKeepsThePerServiceApplicationsAsGitHasThem() {
        assertThat(root.metadata().getName()).isEqualTo("chariot");
        assertThat(root.spec().source().path()).isEqualTo("infra/k8s/argocd/apps");
        assertThat(Path.of(System.getProperty("chariot.root")).resolve(root.spec().source().path()).normalize())
                .isEqualTo(DIRECTORY.resolve("apps").toAbsolutePath().normalize());
        assertThat(root.spec().destination().namespace()).isEqualTo("argocd");
        assertThat(root.spec().syncPolicy().automated().prune()).isTrue();
        assertThat(root.spec().syncPolicy().automated().selfHeal()).isTrue();
        assertThat(applications).allSatisfy(a -> assertThat(a.metadata().getNamespace()).isEqualTo("argocd"));
    }

    @Test
    void theApplicationsSyncInWavesSharedThenAccountThenTheServicesThenTheEdge() {
        Map<String, Integer> waves = applications.stream().collect(Collectors.toMap(a -> a.metadata().getName(),
                a -> Integer.parseInt(a.metadata().getAnnotations().get("argocd.argoproj.io/sync-wave"))));
        assertThat(waves.get("chariot-shared")).isLessThan(waves.get("chariot-account"));
        waves.forEach((name, wave) -> {
            if (!List.of("chariot-shared", "chariot-account", "chariot-edge").contains(name)) {
                assertThat(wave).as(name).isGreaterThan(waves.get("chariot-account"))
                        .isLessThan(waves.get("chariot-edge"));
            }
        });
    }

    @Test
    void everyApplicationSyncsAutomaticallyPrunesAndHealsDrift() {
        assertThat(applications).allSatisfy(a -> {
            assertThat(a.spec().project()).isEqualTo("chariot");
            assertThat(a.spec().syncPolicy().automated().prune()).isTrue();
            assertThat(a.spec().syncPolicy().automated().selfHeal()).isTrue();
            assertThat(a.spec().syncPolicy().automated().allowEmpty()).isFalse();
            assertThat(a.spec().revisionHistoryLimit()).isPositive();
        });
    }

    @Test
    void everyApplicationDeploysThisChartWithTheProductionValuesFilesThatExist() {
        assertThat(applications).allSatisfy(a -> {
            Path chart = Path.of(System.getProperty("chariot.root")).resolve(a.spec().source().path());
            assertThat(chart.normalize()).isEqualTo(Chart.DIRECTORY.toAbsolutePath().normalize());
            assertThat(a.spec().source().helm().valueFiles()).containsExactly("values.yaml", "values-production.yaml");
            a.spec().source().helm().valueFiles().forEach(f -> assertThat(chart.resolve(f)).isRegularFile());
            assertThat(a.spec().destination().namespace()).isEqualTo(Chart.NAMESPACE);
        });
    }

    @Test
    void theApplicationsTogetherRenderEachObjectOfTheWholeChartExactlyOnce() throws IOException {
        Set<String> whole = names(Chart.renderProduction().objects());
        List<String> byApplication = new ArrayList<>();
        for (ArgoCd.Application application : applications) {
            // As Argo CD renders it: the value files, then valuesObject over them.
            Path valuesObject = Files.createTempFile("chariot-values-object-", ".yaml");
            StrictYaml.MAPPER.writeValue(valuesObject.toFile(), application.spec().source().helm().valuesObject());
            Chart.Rendering part;
            try {
                part = Chart.render(Map.of(), Chart.PRODUCTION_VALUES, valuesObject);
            } finally {
                Files.delete(valuesObject);
            }
            assertThat(part.objects()).as(application.metadata().getName()).isNotEmpty();
            byApplication.addAll(names(part.objects()));
        }
        assertThat(byApplication).doesNotHaveDuplicates();
        assertThat(new HashSet<>(byApplication)).isEqualTo(whole);
    }

    private static Set<String> names(List<Object> objects) {
        return objects.stream().map(HasMetadata.class::cast)
                .map(o -> o.getKind() + "/" + o.getMetadata().getName()).collect(Collectors.toSet());
    }

    @Test
    void theProjectAdmitsExactlyTheKindsTheChartRendersInOneNamespace() {
        Set<String> rendered = Chart.renderProduction().objects().stream().map(HasMetadata.class::cast)
                .map(o -> o.getApiVersion().contains("/") ? o.getApiVersion().substring(0,
                        o.getApiVersion().indexOf('/')) + "/" + o.getKind() : "/" + o.getKind())
                .collect(Collectors.toSet());
        assertThat(project.spec().namespaceResourceWhitelist()).extracting(k -> k.group() + "/" + k.kind())
                .containsExactlyInAnyOrderElementsOf(rendered);
        assertThat(project.spec().clusterResourceWhitelist()).isEmpty();
        assertThat(project.spec().destinations()).singleElement()
                .satisfies(d -> assertThat(d.namespace()).isEqualTo(Chart.NAMESPACE));
        assertThat(applications).allSatisfy(a -> assertThat(project.spec().sourceRepos())
                .contains(a.spec().source().repoUrl()));
    }
}
