variable "namespace" {
  description = "Kubernetes namespace of the control plane."
  type        = string
  default     = "perimeter"
}

variable "create_namespace" {
  description = "Create the namespace (false: it exists)."
  type        = bool
  default     = true
}

variable "release_name" {
  description = "Helm release name of the cloud (API and console)."
  type        = string
  default     = "perimeter"
}

variable "chart_path" {
  description = "Path of the perimeter-cloud chart. Empty: deploy/helm/perimeter-cloud of this checkout."
  type        = string
  default     = ""
}

variable "image_repository" {
  description = "The cloud image (deploy/images/cloud/Dockerfile), in a registry the cluster pulls from."
  type        = string
}

variable "image_tag" {
  description = "The cloud image's tag. Empty: the chart's appVersion."
  type        = string
  default     = ""
}

variable "replicas" {
  description = "Replicas of the cloud. More than one needs redis_uri (shared rate limits and ingest de-duplication)."
  type        = number
  default     = 2
}

variable "public_url" {
  description = "The https URL people and edges reach the cloud at."
  type        = string

  validation {
    condition     = can(regex("^https://", var.public_url))
    error_message = "public_url must be an https URL."
  }
}

# PostgreSQL: a managed service or one of your own. The cloud runs its migrations as the owner role at start.
variable "postgres_jdbc_url" {
  description = "JDBC URL of the cloud's database, e.g. jdbc:postgresql://db.internal:5432/perimeter?sslmode=verify-full."
  type        = string
}

variable "postgres_owner_user" {
  description = "The role that owns the schema (needs CREATEROLE unless provision_app_role is false)."
  type        = string
  default     = "perimeter"
}

variable "postgres_owner_password" {
  description = "The owner role's password."
  type        = string
  sensitive   = true
}

variable "postgres_app_user" {
  description = "The role of the application's pool (row-level security applies to it)."
  type        = string
  default     = "perimeter_app"
}

variable "postgres_app_password" {
  description = "The application role's password. Null: a random one (the owner gives it to the role at start, when provision_app_role is true)."
  type        = string
  sensitive   = true
  default     = null
}

variable "provision_app_role" {
  description = "The owner creates the application role, or sets its password, at start. false: a DBA made it."
  type        = bool
  default     = true
}

variable "redis_uri" {
  description = "Redis for rate limits, caches and ingest de-duplication: redis://[:password@]host:port or rediss://. Null: none (one replica only)."
  type        = string
  sensitive   = true
  default     = null
}

# Pulsar: an existing cluster (its URLs), one installed here with the upstream chart, or none (batches applied inline).
variable "pulsar_service_url" {
  description = "An existing Pulsar's service URL (pulsar:// or pulsar+ssl://). Ignored with deploy_pulsar."
  type        = string
  default     = ""
}

variable "pulsar_admin_url" {
  description = "An existing Pulsar's admin URL (http:// or https://). Ignored with deploy_pulsar."
  type        = string
  default     = ""
}

variable "pulsar_cluster" {
  description = "The Pulsar cluster name tenants' namespaces are allowed on."
  type        = string
  default     = "pulsar"
}

variable "deploy_pulsar" {
  description = "Install Pulsar in the namespace with the Apache Pulsar Helm chart."
  type        = bool
  default     = false
}

variable "pulsar_chart_version" {
  description = "Version of the Apache Pulsar chart (https://pulsar.apache.org/charts)."
  type        = string
  default     = "4.0.1"
}

variable "pulsar_values" {
  description = "Values for the Apache Pulsar chart, as YAML documents (sizing, storage classes, TLS)."
  type        = list(string)
  default     = []
}

# Keycloak: an existing one with the perimeter realm imported, or one installed by the perimeter-cloud chart.
variable "deploy_keycloak" {
  description = "Run Keycloak in the release with the perimeter realm imported (its data in keycloak_jdbc_url)."
  type        = bool
  default     = true
}

variable "keycloak_url" {
  description = "The URL people reach Keycloak at (its tokens' issuer), e.g. https://sso.example.com."
  type        = string
}

variable "keycloak_realm" {
  description = "The realm whose tokens the cloud accepts."
  type        = string
  default     = "perimeter"
}

variable "keycloak_jdbc_url" {
  description = "With deploy_keycloak: JDBC URL of Keycloak's own database."
  type        = string
  default     = ""
}

variable "keycloak_db_user" {
  description = "With deploy_keycloak: Keycloak's database role."
  type        = string
  default     = "keycloak"
}

variable "keycloak_db_password" {
  description = "With deploy_keycloak: the password of Keycloak's database role."
  type        = string
  sensitive   = true
  default     = null
}

variable "console_client_secret" {
  description = "Secret of the realm's perimeter-console client. Null: a random one (with deploy_keycloak the realm is imported with it; with an existing Keycloak, give the client's secret)."
  type        = string
  sensitive   = true
  default     = null
}

variable "api_client_secret" {
  description = "Secret of the realm's perimeter-api client (its service account provisions tenants' organizations). Null: a random one, as above."
  type        = string
  sensitive   = true
  default     = null
}

variable "ingress_enabled" {
  description = "Make an Ingress for the cloud (and Keycloak, with deploy_keycloak)."
  type        = bool
  default     = true
}

variable "ingress_class_name" {
  description = "The Ingress class. Empty: the cluster's default."
  type        = string
  default     = ""
}

variable "ingress_annotations" {
  description = "Annotations of the Ingress (e.g. cert-manager's cluster-issuer)."
  type        = map(string)
  default     = {}
}

variable "tls_secret_name" {
  description = "Secret with the TLS certificate of the cloud's (and Keycloak's) host. Empty: TLS ends before the Ingress."
  type        = string
  default     = ""
}
