variable "kubeconfig" {
  description = "Path of the kubeconfig file."
  type        = string
  default     = "~/.kube/config"
}

variable "kube_context" {
  description = "The kubeconfig context of the cluster."
  type        = string
}

variable "cloud_image" {
  description = "The cloud image (deploy/images/cloud/Dockerfile) in your registry."
  type        = string
}

variable "edge_image" {
  description = "The edge image (deploy/images/edge/Dockerfile) in your registry."
  type        = string
}

variable "public_url" {
  description = "The cloud's https URL."
  type        = string
}

variable "keycloak_url" {
  description = "Keycloak's https URL."
  type        = string
}

variable "tls_secret_name" {
  description = "Secret with the certificate of both hosts."
  type        = string
  default     = ""
}

variable "postgres_jdbc_url" {
  description = "JDBC URL of the cloud's database (managed PostgreSQL)."
  type        = string
}

variable "postgres_owner_password" {
  description = "Password of the database's owner role."
  type        = string
  sensitive   = true
}

variable "keycloak_jdbc_url" {
  description = "JDBC URL of Keycloak's database."
  type        = string
}

variable "keycloak_db_password" {
  description = "Password of Keycloak's database role."
  type        = string
  sensitive   = true
}

variable "redis_uri" {
  description = "Managed Redis: rediss://:password@host:6380."
  type        = string
  sensitive   = true
}

variable "edge_enrollment_tokens" {
  description = "Node name => one-time enrollment token, for the nodes not enrolled yet."
  type        = map(string)
  sensitive   = true
  default     = {}
}
