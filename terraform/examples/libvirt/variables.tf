variable "libvirt_uri" {
  description = "The libvirt connection, e.g. qemu:///system or qemu+ssh://root@kvm1.example.internal/system."
  type        = string
  default     = "qemu:///system"
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

variable "tarball_url" {
  description = "Where the VMs download perimeter-edge-<version>-linux-amd64.tar.gz (an internal server)."
  type        = string
}

variable "tarball_sha256" {
  description = "The tarball's SHA-256."
  type        = string
}

variable "ports" {
  description = "Only calls on these ports (empty: every port)."
  type        = list(number)
  default     = []
}

variable "base_image" {
  description = "Path or URL of a Debian 12 genericcloud qcow2 image."
  type        = string
  default     = "/var/lib/libvirt/images/debian-12-genericcloud-amd64.qcow2"
}

variable "pool" {
  description = "The storage pool of the volumes."
  type        = string
  default     = "default"
}

variable "network_name" {
  description = "The libvirt network (it must reach the cloud over https)."
  type        = string
  default     = "default"
}

variable "disk_bytes" {
  description = "Disk size of each VM."
  type        = number
  default     = 10737418240
}

variable "memory_mib" {
  description = "Memory of each VM."
  type        = number
  default     = 2048
}

variable "vcpus" {
  description = "vCPUs of each VM."
  type        = number
  default     = 2
}
