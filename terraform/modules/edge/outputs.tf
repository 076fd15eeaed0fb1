output "user_data" {
  description = "cloud-init user-data (#cloud-config) that installs, configures, enrolls and starts the edge. It holds the enrollment token."
  value       = local.user_data
  sensitive   = true
}

output "user_data_base64" {
  description = "The same, base64-encoded (vSphere guestinfo, some OpenStack and libvirt set-ups)."
  value       = base64encode(local.user_data)
  sensitive   = true
}

output "edge_conf" {
  description = "The edge.conf the VM gets."
  value       = local.edge_conf
}
