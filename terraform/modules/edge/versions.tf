terraform {
  # No provider to install: the module renders cloud-init user-data, which the caller gives to its VMs
  # (terraform_data, for the plan-time checks, is built in).
  required_version = ">= 1.5.0"
}
