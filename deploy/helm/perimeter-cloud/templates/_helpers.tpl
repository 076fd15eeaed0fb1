{{/* Names and labels shared by the chart's objects. */}}

{{- define "perimeter-cloud.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "perimeter-cloud.keycloakName" -}}
{{- printf "%s-keycloak" (include "perimeter-cloud.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "perimeter-cloud.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "perimeter-cloud.labels" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: perimeter
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "perimeter-cloud.secret" -}}
{{- required "existingSecret is required: a Secret with the keys listed in values.yaml" .Values.existingSecret -}}
{{- end -}}

{{/* The Keycloak URL the API checks tokens against: the one deployed here (in-cluster), or the given one. */}}
{{- define "perimeter-cloud.keycloakUrl" -}}
{{- if .Values.keycloak.deploy -}}
{{- required "keycloak.publicUrl is required with keycloak.deploy: the URL people reach Keycloak at" .Values.keycloak.publicUrl -}}
{{- else -}}
{{- required "keycloak.url is required (or keycloak.deploy: true)" .Values.keycloak.url -}}
{{- end -}}
{{- end -}}

{{- define "perimeter-cloud.securityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}
