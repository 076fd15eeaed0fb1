locals {
  # /etc/perimeter-edge/edge.conf (docs/analyzer.md, "Configuration").
  settings = merge(
    {
      cloud            = var.cloud_url
      state            = "/var/lib/perimeter-edge"
      "batch-interval" = var.batch_interval
    },
    length(var.ports) > 0 ? { port = join(",", [for p in var.ports : tostring(p)]) } : {},
    length(var.internal_domains) > 0 ? { "internal-domain" = join(",", var.internal_domains) } : {},
    var.extra_settings,
  )
  edge_conf = join("", [for key in sort(keys(local.settings)) : "${key} = ${local.settings[key]}\n"])

  needs_download = contains(["deb", "tarball"], var.install_method)

  # runcmd's list form: cloud-init runs it without a shell, so no value is ever parsed by one.
  bootstrap_command = concat(
    ["/usr/local/sbin/perimeter-edge-bootstrap", "--method", var.install_method,
    "--token-file", "/run/perimeter-edge/enrollment-token"],
    local.needs_download ? ["--url", var.package_url, "--sha256", var.package_sha256] : [],
    var.edge_name != "" ? ["--hostname", var.edge_name] : [],
  )

  user_data = templatefile("${path.module}/templates/user-data.yaml.tftpl", {
    apt_source        = var.install_method == "apt" ? var.apt_source : ""
    apt_signing_key   = var.apt_signing_key
    edge_conf         = local.edge_conf
    enrollment_token  = var.enrollment_token
    bootstrap_script  = file("${path.module}/files/perimeter-edge-bootstrap.sh")
    bootstrap_command = local.bootstrap_command
  })
}

# Refused at plan time rather than on the VM at first boot.
resource "terraform_data" "package_source" {
  input = var.install_method

  lifecycle {
    precondition {
      condition     = !local.needs_download || (var.package_url != "" && var.package_sha256 != "")
      error_message = "install_method deb and tarball need package_url and package_sha256."
    }
    precondition {
      condition     = var.install_method != "apt" || (var.apt_source != "" && var.apt_signing_key != "")
      error_message = "install_method apt needs apt_source and apt_signing_key."
    }
  }
}
