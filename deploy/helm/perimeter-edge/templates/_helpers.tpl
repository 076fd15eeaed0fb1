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

{{/* The paths inside the container and the package's user: the edge's Debian package installs them
     (edge-package/src/main/package; deploy/check compares them with it). */}}
{{- define "perimeter-edge.stateDir" -}}/var/lib/perimeter-edge{{- end -}}
{{- define "perimeter-edge.configFile" -}}/etc/perimeter-edge/edge.conf{{- end -}}
{{- define "perimeter-edge.tokenDir" -}}/etc/perimeter-edge/enrollment{{- end -}}
{{- define "perimeter-edge.user" -}}perimeter-edge{{- end -}}

{{/* The capabilities of live capture (docs/install-edge.md, "Privileges"): the package unit's five, or the plain-HTTP
     profile's three when no TLS library is probed, unless securityContext.capabilities lists others. */}}
{{- define "perimeter-edge.captureCapabilities" -}}
{{- if .Values.securityContext.capabilities -}}
{{- toYaml .Values.securityContext.capabilities -}}
{{- else if .Values.edge.noTls -}}
{{- toYaml (list "BPF" "PERFMON" "DAC_READ_SEARCH") -}}
{{- else -}}
{{- toYaml (list "BPF" "PERFMON" "DAC_READ_SEARCH" "SYS_PTRACE" "SYS_ADMIN") -}}
{{- end -}}
{{- end -}}

{{/* What the package's perimeter-edge command needs, started by root, to become the perimeter-edge user through
     setpriv (uid, gid and groups; SETPCAP narrows the bounding set to the capture capabilities, as the unit does).
     The edge itself never holds them: setpriv drops them before the JVM starts. */}}
{{- define "perimeter-edge.dropCapabilities" -}}
{{- toYaml (list "SETUID" "SETGID" "SETPCAP") -}}
{{- end -}}

{{/* The edge container's securityContext: docs/install-kubernetes.md explains each line. */}}
{{- define "perimeter-edge.containerSecurityContext" -}}
{{- $sc := .Values.securityContext -}}
# Root only until the package's perimeter-edge command, started by root, becomes the perimeter-edge
# user with the capture capabilities alone, as ambient ones (as the package's unit runs it).
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
    {{- include "perimeter-edge.captureCapabilities" . | nindent 4 }}
    {{- include "perimeter-edge.dropCapabilities" . | nindent 4 }}
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
