{{- define "todo.labels" -}}
app.kubernetes.io/part-of: todo
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end }}

{{- define "todo.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag }}
{{- end }}

{{/* The secrets of a pod without a sidecar: the database URL, the JWT secret, the brokers. */}}
{{- define "todo.secretsEnv" -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef: { name: {{ .Values.postgres.secretName }}, key: {{ .Values.postgres.secretKey }} }
- name: JWT_SECRET
  valueFrom:
    secretKeyRef: { name: {{ .Values.jwt.secretName }}, key: {{ .Values.jwt.secretKey }} }
- name: KAFKA_BROKERS
  value: {{ .Values.kafka.brokers | quote }}
{{- end }}

{{/*
  A pod with a sidecar reads the same three from the Dapr secret store (todo-postgres/url,
  todo-jwt/secret, todo-kafka/brokers: platform/src/secrets), by the store's name in dapr/.
*/}}
{{- define "todo.secretsFromDapr" -}}
- name: DAPR_SECRET_STORE
  value: {{ (.Files.Get "dapr/components/secretstore-kubernetes.yaml" | fromYaml).metadata.name | quote }}
{{- end }}

{{/* Environment every service gets besides its secrets: Kafka's topic, logging, the port. */}}
{{- define "todo.env" -}}
- name: KAFKA_TOPIC
  value: {{ .Values.kafka.topic | quote }}
- name: KAFKA_PARTITIONS
  value: {{ .Values.kafka.partitions | quote }}
- name: KAFKA_REPLICATION_FACTOR
  value: {{ .Values.kafka.replicationFactor | quote }}
- name: KAFKA_MIN_INSYNC_REPLICAS
  value: {{ .Values.kafka.minInsyncReplicas | quote }}
- name: LOG_LEVEL
  value: {{ .Values.logLevel | quote }}
- name: TRUST_PROXY
  value: {{ .Values.trustProxy | quote }}
- name: HOST
  value: 0.0.0.0
- name: PORT
  value: '8080'
- name: INSTANCE_ID
  valueFrom:
    fieldRef: { fieldPath: metadata.name }
{{- if .Values.email.enabled }}
- name: PUBLIC_URL
  value: {{ .Values.email.publicUrl | quote }}
- name: MAIL_FROM
  value: {{ .Values.email.mailFrom | quote }}
{{- if .Values.dapr.enabled }}
- name: EMAIL_BINDING
  value: reminder-mail
{{- else }}
- name: SMTP_URL
  valueFrom:
    secretKeyRef: { name: {{ .Values.email.secretName }}, key: url }
{{- end }}
{{- end }}
{{- end }}

{{/*
  The Dapr files (dapr/) name the Secrets todo-postgres and todo-jwt (the components'
  secretKeyRef, the Configuration's allowed secrets): with Dapr the values must agree.
*/}}
{{- define "todo.daprSecretNames" -}}
{{- if ne .Values.postgres.secretName "todo-postgres" }}
{{- fail "with dapr.enabled the PostgreSQL Secret must be named todo-postgres (the Dapr files in dapr/ name it)" }}
{{- end }}
{{- if ne .Values.jwt.secretName "todo-jwt" }}
{{- fail "with dapr.enabled the JWT Secret must be named todo-jwt (the Dapr files in dapr/ name it)" }}
{{- end }}
{{- if or (ne .Values.postgres.secretKey "url") (ne .Values.jwt.secretKey "secret") }}
{{- fail "with dapr.enabled the Secrets' keys must be todo-postgres/url and todo-jwt/secret (the services read those names from the Dapr secret store)" }}
{{- end }}
{{- if ne .Values.email.secretName "todo-smtp" }}
{{- fail "with dapr.enabled the SMTP Secret must be named todo-smtp (the Dapr files in dapr/ name it)" }}
{{- end }}
{{- end }}

{{/* The sidecar configuration's name, from the file the chart renders. */}}
{{- define "todo.daprConfig" -}}
{{ (.Files.Get "dapr/configuration.yaml" | fromYaml).metadata.name }}
{{- end }}
