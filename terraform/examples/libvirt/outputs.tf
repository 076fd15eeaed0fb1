output "edge_addresses" {
  description = "Edge name => the addresses its network interface got."
  value       = { for name, vm in libvirt_domain.edge : name => vm.network_interface[0].addresses }
}
