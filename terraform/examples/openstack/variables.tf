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

variable "package_url" {
  description = "Where the VMs download perimeter-edge_<version>_amd64.deb (an internal mirror)."
  type        = string
}

variable "package_sha256" {
  description = "The .deb's SHA-256."
  type        = string
}

variable "internal_domains" {
  description = "Your own domains, for the third-party findings rule."
  type        = list(string)
  default     = []
}

variable "image_name" {
  description = "A Debian 12 (or Ubuntu 24.04) cloud image with cloud-init; its kernel needs BTF (>= 5.8)."
  type        = string
  default     = "debian-12-genericcloud-amd64"
}

variable "flavor_name" {
  description = "The VMs' flavor (2 vCPU and 2 GiB are plenty for one edge)."
  type        = string
  default     = "m1.small"
}

variable "key_pair" {
  description = "The Nova key pair for SSH."
  type        = string
}

variable "network_name" {
  description = "The network the VMs join (it must reach the cloud over https)."
  type        = string
}

variable "security_groups" {
  description = "Security groups of the VMs (the edge needs no inbound port)."
  type        = list(string)
  default     = ["default"]
}
