variable "vsphere_server" {
  description = "The vCenter's host name."
  type        = string
}

variable "vsphere_user" {
  description = "The vCenter user (its password from VSPHERE_PASSWORD)."
  type        = string
}

variable "datacenter" {
  description = "The datacenter."
  type        = string
}

variable "cluster" {
  description = "The compute cluster."
  type        = string
}

variable "datastore" {
  description = "The datastore of the VMs' disks."
  type        = string
}

variable "network" {
  description = "The port group the VMs join (it must reach the cloud over https)."
  type        = string
}

variable "template" {
  description = "A Debian 12 template with cloud-init (VMware guestinfo datasource) and open-vm-tools."
  type        = string
}

variable "edge_names" {
  description = "One VM per name; each is an edge of that name in the console."
  type        = list(string)
}

variable "enrollment_tokens" {
  description = "Edge name => one-time enrollment token (console: Edges > Enroll). Made shortly before apply: they expire."
  type        = map(string)
  sensitive   = true
}

variable "cloud_url" {
  description = "The Perimeter cloud's https URL."
  type        = string
}

variable "apt_source" {
  description = "The sources.list line of the repository that serves perimeter-edge, with signed-by=$KEY_FILE."
  type        = string
}

variable "apt_signing_key" {
  description = "The repository's ASCII-armoured public key."
  type        = string
}
