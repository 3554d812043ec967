package io.chariot.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.istio.api.security.v1.PeerAuthentication;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The only kinds the chart may render, each with its typed model (fabric8's Kubernetes and Istio models). Anything
 * else — a kind not listed, another API version, a field a model does not declare — fails the parse.
 */
final class KnownKinds {

    /** What the chart renders. */
    static final Map<String, Class<?>> CHART = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("security.istio.io/v1/PeerAuthentication", PeerAuthentication.class),
            Map.entry("security.istio.io/v1/AuthorizationPolicy", AuthorizationPolicy.class),
            Map.entry("networking.istio.io/v1/DestinationRule", DestinationRule.class),
            Map.entry("networking.istio.io/v1/VirtualService", VirtualService.class),
            Map.entry("networking.istio.io/v1/Gateway", Gateway.class),
            Map.entry("networking.istio.io/v1/ServiceEntry", ServiceEntry.class));

    /** What infra/k8s/argocd holds. */
    static final Map<String, Class<?>> ARGO_CD = Map.of(
            "argoproj.io/v1alpha1/Application", ArgoCd.Application.class,
            "argoproj.io/v1alpha1/AppProject", ArgoCd.AppProject.class);

    private KnownKinds() {
    }

    /** Every document, each read into its kind's model; the first unknown kind or field throws. */
    static List<Object> parse(String yaml, Map<String, Class<?>> models) throws IOException {
        List<Object> objects = new ArrayList<>();
        for (JsonNode document : StrictYaml.documents(yaml)) {
            objects.add(parse(document, models));
        }
        return objects;
    }

    static Object parse(JsonNode document, Map<String, Class<?>> models) throws IOException {
        String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
        Class<?> model = models.get(type);
        if (model == null) {
            throw new IllegalArgumentException("an object of a kind no model is registered for: " + type + " ("
                    + document.path("metadata").path("name").asText() + ")");
        }
        String name = type + " " + document.path("metadata").path("name").asText();
        Object typed;
        try {
            typed = StrictYaml.MAPPER.treeToValue(document, model);
        } catch (IOException e) {
            throw new IOException(name + ": " + e.getMessage(), e);
        }
        // Some models read more leniently than Jackson's settings say: fabric8's Istio one-of wrappers (a StringMatch's
        // exact/prefix/regex) keep no unknown field, and an enum may read an unknown constant as null. Whatever the
        // model did not keep is lost when it is written back: that fails too.
        List<String> lost = new ArrayList<>();
        StrictYaml.lost(document, StrictYaml.MAPPER.valueToTree(typed), "", lost);
        if (!lost.isEmpty()) {
            throw new IOException(name + ": not kept by " + model.getSimpleName() + " (unknown or invalid): " + lost);
        }
        return typed;
    }
}
