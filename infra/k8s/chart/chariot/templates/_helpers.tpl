{{/* The release's name prefix of every object: the release name, or <release>-chariot when it does not say chariot. */}}
{{- define "chariot.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* A service's objects' name: chariot-asset, … (dict "root" $ "name" "asset") */}}
{{- define "chariot.serviceName" -}}
{{- printf "%s-%s" (include "chariot.fullname" .root) .name -}}
{{- end -}}

{{/* "true" when the component (a service's name or "shared") is rendered by this release (values: only). */}}
{{- define "chariot.selected" -}}
{{- $only := .root.Values.only | default list -}}
{{- if or (empty $only) (has .name $only) -}}true{{- end -}}
{{- end -}}

{{/* A service's settings: defaults, then its own block over them, as YAML (dict "root" $ "name" "asset"). */}}
{{- define "chariot.settings" -}}
{{- $own := index .root.Values.services .name -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.defaults) (deepCopy $own)) -}}
{{- end -}}

{{- define "chariot.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: chariot
{{ include "chariot.selectorLabels" . }}
{{- end -}}

{{/* Selects one service's pods (dict "root" $ "name" "asset"); name "shared" for the release-wide objects. */}}
{{- define "chariot.selectorLabels" -}}
app.kubernetes.io/name: chariot
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/* The SPIFFE principal of a caller: another service of this release, or the ingress gateway. */}}
{{- define "chariot.principal" -}}
{{- if eq .caller "ingress-gateway" -}}
{{- .root.Values.istio.ingressGateway.principal -}}
{{- else if hasKey .root.Values.services .caller -}}
{{- printf "%s/ns/%s/sa/%s" .root.Values.istio.trustDomain .root.Release.Namespace (include "chariot.serviceName" (dict "root" .root "name" .caller)) -}}
{{- else -}}
{{- fail (printf "services.%s.callers: %q is neither a service of this chart nor ingress-gateway" .name .caller) -}}
{{- end -}}
{{- end -}}

{{- define "chariot.image" -}}
{{- $s := .settings -}}
{{- $registry := .root.Values.global.imageRegistry -}}
{{- $tag := $s.image.tag | default .root.Values.global.imageTag | default .root.Chart.AppVersion -}}
{{- if $registry -}}
{{- printf "%s/%s:%s" $registry $s.image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" $s.image.repository $tag -}}
{{- end -}}
{{- end -}}
