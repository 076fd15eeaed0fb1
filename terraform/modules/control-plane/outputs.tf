output "namespace" {
  description = "The control plane's namespace."
  value       = local.namespace
}

output "public_url" {
  description = "The cloud's URL: edges enroll with it (perimeter-edge enroll --cloud)."
  value       = var.public_url
}

output "release_name" {
  description = "The Helm release of the cloud."
  value       = helm_release.cloud.name
}

output "secret_name" {
  description = "The Kubernetes Secret holding the control plane's passwords and client secrets."
  value       = kubernetes_secret.perimeter.metadata[0].name
}

output "keycloak_admin_password" {
  description = "With deploy_keycloak: the password of Keycloak's bootstrap admin (user admin). Sensitive."
  value       = var.deploy_keycloak ? random_password.keycloak_admin.result : null
  sensitive   = true
}

output "pulsar_service_url" {
  description = "The Pulsar the cloud ingests through (empty: inline ingest)."
  value       = local.pulsar_service_url
}
