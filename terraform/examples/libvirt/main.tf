# Edge VMs on a libvirt/KVM host: a Debian 12 cloud image, a cloud-init disk from the edge module (installs the
# perimeter-edge package from the air-gapped tarball on an internal server, enrolls the edge, starts the service).
terraform {
  required_version = ">= 1.5.0"

  required_providers {
    libvirt = {
      source  = "dmacvicar/libvirt"
      version = "~> 0.8.0"
    }
  }
}

provider "libvirt" {
  uri = var.libvirt_uri
}

module "edge" {
  source   = "../../modules/edge"
  for_each = toset(var.edge_names)

  cloud_url        = var.cloud_url
  enrollment_token = var.enrollment_tokens[each.key]
  edge_name        = each.key
  install_method   = "tarball"
  package_url      = var.tarball_url
  package_sha256   = var.tarball_sha256
  ports            = var.ports
}

resource "libvirt_volume" "base" {
  name   = "perimeter-edge-base.qcow2"
  pool   = var.pool
  source = var.base_image
  format = "qcow2"
}

resource "libvirt_volume" "edge" {
  for_each = toset(var.edge_names)

  name           = "${each.key}.qcow2"
  pool           = var.pool
  base_volume_id = libvirt_volume.base.id
  size           = var.disk_bytes
}

resource "libvirt_cloudinit_disk" "edge" {
  for_each = toset(var.edge_names)

  name      = "${each.key}-cloudinit.iso"
  pool      = var.pool
  user_data = module.edge[each.key].user_data
  meta_data = yamlencode({ "instance-id" = each.key, "local-hostname" = each.key })
}

resource "libvirt_domain" "edge" {
  for_each = toset(var.edge_names)

  name      = each.key
  memory    = var.memory_mib
  vcpu      = var.vcpus
  cloudinit = libvirt_cloudinit_disk.edge[each.key].id

  network_interface {
    network_name   = var.network_name
    wait_for_lease = true
  }

  disk {
    volume_id = libvirt_volume.edge[each.key].id
  }

  console {
    type        = "pty"
    target_type = "serial"
    target_port = "0"
  }
}
