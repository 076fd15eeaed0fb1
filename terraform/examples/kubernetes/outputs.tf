output "cloud_url" {
  description = "Where the console and the API are."
  value       = module.control_plane.public_url
}

output "keycloak_admin_password" {
  description = "Keycloak's bootstrap admin password (terraform output -raw keycloak_admin_password)."
  value       = module.control_plane.keycloak_admin_password
  sensitive   = true
}
