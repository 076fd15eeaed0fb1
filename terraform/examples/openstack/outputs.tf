output "edge_addresses" {
  description = "Edge name => its first IPv4 address."
  value       = { for name, vm in openstack_compute_instance_v2.edge : name => vm.access_ip_v4 }
}
