# Edge VMs on OpenStack: each boots Debian 12 with the module's cloud-init, which installs the perimeter-edge package
# from an internal mirror, enrolls the edge with its own one-time token and starts the service.
terraform {
  required_version = ">= 1.5.0"

  required_providers {
    openstack = {
      source  = "terraform-provider-openstack/openstack"
      version = "~> 3.0"
    }
  }
}

# Credentials from the usual OS_* environment variables (an OpenStack RC file or clouds.yaml with OS_CLOUD).
provider "openstack" {}

module "edge" {
  source   = "../../modules/edge"
  for_each = toset(var.edge_names)

  cloud_url        = var.cloud_url
  enrollment_token = var.enrollment_tokens[each.key]
  edge_name        = each.key
  install_method   = "deb"
  package_url      = var.package_url
  package_sha256   = var.package_sha256
  internal_domains = var.internal_domains
}

resource "openstack_compute_instance_v2" "edge" {
  for_each = toset(var.edge_names)

  name            = each.key
  image_name      = var.image_name
  flavor_name     = var.flavor_name
  key_pair        = var.key_pair
  security_groups = var.security_groups
  user_data       = module.edge[each.key].user_data

  network {
    name = var.network_name
  }

  metadata = {
    "perimeter-role" = "edge"
  }
}
