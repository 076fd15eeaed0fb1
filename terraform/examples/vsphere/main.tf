# Edge VMs on vSphere, cloned from a Debian 12 template with cloud-init's VMware datasource; the edge module's user-data
# goes in through guestinfo and installs the perimeter-edge package from an APT repository, enrolls and starts the edge.
terraform {
  required_version = ">= 1.5.0"

  required_providers {
    vsphere = {
      source  = "hashicorp/vsphere"
      version = "~> 2.10"
    }
  }
}

# The password from VSPHERE_PASSWORD in the environment.
provider "vsphere" {
  vsphere_server = var.vsphere_server
  user           = var.vsphere_user
}

data "vsphere_datacenter" "dc" {
  name = var.datacenter
}

data "vsphere_compute_cluster" "cluster" {
  name          = var.cluster
  datacenter_id = data.vsphere_datacenter.dc.id
}

data "vsphere_datastore" "datastore" {
  name          = var.datastore
  datacenter_id = data.vsphere_datacenter.dc.id
}

data "vsphere_network" "network" {
  name          = var.network
  datacenter_id = data.vsphere_datacenter.dc.id
}

data "vsphere_virtual_machine" "template" {
  name          = var.template
  datacenter_id = data.vsphere_datacenter.dc.id
}

module "edge" {
  source   = "../../modules/edge"
  for_each = toset(var.edge_names)

  cloud_url        = var.cloud_url
  enrollment_token = var.enrollment_tokens[each.key]
  edge_name        = each.key
  install_method   = "apt"
  apt_source       = var.apt_source
  apt_signing_key  = var.apt_signing_key
}

resource "vsphere_virtual_machine" "edge" {
  for_each = toset(var.edge_names)

  name             = each.key
  resource_pool_id = data.vsphere_compute_cluster.cluster.resource_pool_id
  datastore_id     = data.vsphere_datastore.datastore.id
  num_cpus         = 2
  memory           = 2048
  guest_id         = data.vsphere_virtual_machine.template.guest_id
  firmware         = data.vsphere_virtual_machine.template.firmware

  network_interface {
    network_id = data.vsphere_network.network.id
  }

  disk {
    label            = "disk0"
    size             = data.vsphere_virtual_machine.template.disks[0].size
    thin_provisioned = true
  }

  clone {
    template_uuid = data.vsphere_virtual_machine.template.id
  }

  extra_config = {
    "guestinfo.metadata"          = base64encode(yamlencode({ "local-hostname" = each.key, "instance-id" = each.key }))
    "guestinfo.metadata.encoding" = "base64"
    "guestinfo.userdata"          = module.edge[each.key].user_data_base64
    "guestinfo.userdata.encoding" = "base64"
  }
}
