# The control plane on a Kubernetes cluster, and an edge on each of its nodes (the perimeter-edge chart).
# Managed PostgreSQL and Redis are inputs. terraform.tfvars.example shows the values; docs/terraform.md how to apply.
terraform {
  required_version = ">= 1.5.0"

  required_providers {
    helm = {
      source  = "hashicorp/helm"
      version = "~> 3.0"
    }
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.38"
    }
  }
}

provider "kubernetes" {
  config_path    = var.kubeconfig
  config_context = var.kube_context
}

provider "helm" {
  kubernetes = {
    config_path    = var.kubeconfig
    config_context = var.kube_context
  }
}

module "control_plane" {
  source = "../../modules/control-plane"

  image_repository        = var.cloud_image
  public_url              = var.public_url
  postgres_jdbc_url       = var.postgres_jdbc_url
  postgres_owner_password = var.postgres_owner_password
  redis_uri               = var.redis_uri
  keycloak_url            = var.keycloak_url
  keycloak_jdbc_url       = var.keycloak_jdbc_url
  keycloak_db_password    = var.keycloak_db_password
  deploy_pulsar           = true
  ingress_class_name      = "nginx"
  tls_secret_name         = var.tls_secret_name
}

# One one-time token per node, keyed by node name: the edge's init container enrolls its node with it.
resource "kubernetes_secret" "edge_enrollment" {
  metadata {
    name      = "perimeter-edge-enrollment"
    namespace = module.control_plane.namespace
  }
  data = var.edge_enrollment_tokens
}

resource "helm_release" "edge" {
  name      = "perimeter-edge"
  namespace = module.control_plane.namespace
  chart     = "${path.module}/../../../deploy/helm/perimeter-edge"

  values = [yamlencode({
    image      = { repository = var.edge_image }
    cloud      = { url = module.control_plane.public_url }
    enrollment = { existingSecret = kubernetes_secret.edge_enrollment.metadata[0].name }
  })]
}
