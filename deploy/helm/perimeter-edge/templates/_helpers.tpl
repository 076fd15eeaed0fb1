{{/* Names and labels shared by the chart's objects. */}}

{{- define "perimeter-edge.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "perimeter-edge.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "perimeter-edge.selectorLabels" -}}
app.kubernetes.io/name: {{ include "perimeter-edge.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "perimeter-edge.labels" -}}
{{ include "perimeter-edge.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: edge
app.kubernetes.io/part-of: perimeter
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "perimeter-edge.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "perimeter-edge.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "perimeter-edge.image" -}}
{{- $repository := required "image.repository is required: build the edge image (deploy/images/edge/Dockerfile) and push it to your registry" .Values.image.repository -}}
{{- printf "%s:%s" $repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* The paths inside the container; the package installs the edge with these. */}}
{{- define "perimeter-edge.stateDir" -}}/var/lib/perimeter-edge{{- end -}}
{{- define "perimeter-edge.configFile" -}}/etc/perimeter-edge/edge.conf{{- end -}}
{{- define "perimeter-edge.tokenDir" -}}/etc/perimeter-edge/enrollment{{- end -}}

{{/* The edge container's securityContext: docs/install-kubernetes.md explains each line. */}}
{{- define "perimeter-edge.containerSecurityContext" -}}
{{- $sc := .Values.securityContext -}}
# Root in the container: the state directory is root's, and the sensor reads every process's /proc entries.
runAsUser: 0
runAsNonRoot: false
readOnlyRootFilesystem: true
{{- if $sc.privileged }}
privileged: true
{{- else }}
privileged: false
allowPrivilegeEscalation: false
capabilities:
  drop: [ALL]
  add:
    {{- toYaml $sc.capabilities | nindent 4 }}
{{- end }}
{{- with $sc.seccompProfile }}
seccompProfile:
  type: {{ . }}
{{- end }}
{{- if and $sc.appArmorProfile (semverCompare ">=1.30-0" .Capabilities.KubeVersion.Version) }}
appArmorProfile:
  type: {{ $sc.appArmorProfile }}
{{- end }}
{{- end }}
