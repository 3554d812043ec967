package io.chariot.k8s;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.ObjectMeta;

import java.util.List;
import java.util.Map;

/**
 * The part of Argo CD's {@code argoproj.io/v1alpha1} model that infra/k8s/argocd uses, with Argo CD's field names
 * (no typed Argo CD model is published to Maven Central). Read strictly: a field not declared here fails, so a
 * misspelt field cannot pass for a setting.
 */
final class ArgoCd {

    private ArgoCd() {
    }

    record Application(String apiVersion, String kind, ObjectMeta metadata, ApplicationSpec spec) {
    }

    record ApplicationSpec(String project, Source source, Destination destination, SyncPolicy syncPolicy,
                           Integer revisionHistoryLimit) {
    }

    record Source(@JsonProperty("repoURL") String repoUrl, String path, String targetRevision, Helm helm) {
    }

    record Helm(String releaseName, List<String> valueFiles, Map<String, Object> valuesObject) {
    }

    record Destination(String server, String name, String namespace) {
    }

    record SyncPolicy(Automated automated, List<String> syncOptions, Retry retry) {
    }

    record Automated(Boolean prune, Boolean selfHeal, Boolean allowEmpty) {
    }

    record Retry(Integer limit, Backoff backoff) {
    }

    record Backoff(String duration, Integer factor, String maxDuration) {
    }

    record AppProject(String apiVersion, String kind, ObjectMeta metadata, AppProjectSpec spec) {
    }

    record AppProjectSpec(String description, List<String> sourceRepos, List<Destination> destinations,
                          List<GroupKind> clusterResourceWhitelist, List<GroupKind> namespaceResourceWhitelist) {
    }

    record GroupKind(String group, String kind) {
    }
}
