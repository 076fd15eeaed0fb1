output "edge_addresses" {
  description = "Edge name => its default IP address, as VMware Tools report it."
  value       = { for name, vm in vsphere_virtual_machine.edge : name => vm.default_ip_address }
}
