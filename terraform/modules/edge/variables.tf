variable "cloud_url" {
  description = "The Perimeter cloud's URL the edge enrolls with and ships to (https)."
  type        = string

  validation {
    condition     = can(regex("^https://[^\\s/]+", var.cloud_url))
    error_message = "cloud_url must be an https URL, e.g. https://perimeter.example.com."
  }
}

variable "enrollment_token" {
  description = "One-time enrollment token for this edge (console: Edges > Enroll, or POST /api/v1/edges/enrollment-tokens). It works once and expires (60 minutes by default): make one per VM, shortly before the VM boots."
  type        = string
  sensitive   = true
}

variable "edge_name" {
  description = "How the console lists this edge. Empty: the VM's hostname."
  type        = string
  default     = ""
}

variable "install_method" {
  description = "Where the VM gets the perimeter-edge package: \"apt\" (a Debian repository: apt_source, apt_signing_key), \"deb\" (package_url of the .deb) or \"tarball\" (package_url of the air-gapped perimeter-edge-<version>-linux-amd64.tar.gz)."
  type        = string
  default     = "deb"

  validation {
    condition     = contains(["apt", "deb", "tarball"], var.install_method)
    error_message = "install_method must be \"apt\", \"deb\" or \"tarball\"."
  }
}

variable "package_url" {
  description = "With install_method deb or tarball: an https (or file://) URL the VM downloads the package from, e.g. an internal mirror."
  type        = string
  default     = ""
}

variable "package_sha256" {
  description = "With install_method deb or tarball: the package's SHA-256; the VM refuses a download with another digest."
  type        = string
  default     = ""

  validation {
    condition     = var.package_sha256 == "" || can(regex("^[0-9a-f]{64}$", var.package_sha256))
    error_message = "package_sha256 must be 64 lower-case hex digits."
  }
}

variable "apt_source" {
  description = "With install_method apt: the sources.list line, e.g. \"deb [signed-by=$KEY_FILE] https://apt.example.com/perimeter bookworm main\" ($KEY_FILE is cloud-init's placeholder for the key below)."
  type        = string
  default     = ""
}

variable "apt_signing_key" {
  description = "With install_method apt: the repository's ASCII-armoured OpenPGP public key."
  type        = string
  default     = ""
}

variable "batch_interval" {
  description = "How often the edge closes a window into a batch (edge.conf batch-interval)."
  type        = string
  default     = "60s"
}

variable "ports" {
  description = "Only calls with one of these ports on either side (edge.conf port). Empty: every port."
  type        = list(number)
  default     = []
}

variable "internal_domains" {
  description = "Your own domains, for the third-party findings rule (edge.conf internal-domain)."
  type        = list(string)
  default     = []
}

variable "extra_settings" {
  description = "More edge.conf keys: the long options of `perimeter-edge run` and `enroll` without dashes. An unknown key stops the edge at start, naming it."
  type        = map(string)
  default     = {}
}
