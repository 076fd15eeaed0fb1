locals {
  chart_path    = var.chart_path != "" ? var.chart_path : "${path.module}/../../../deploy/helm/perimeter-cloud"
  namespace     = var.create_namespace ? kubernetes_namespace.perimeter[0].metadata[0].name : var.namespace
  secret_name   = "${var.release_name}-secrets"
  public_host   = regex("^https://([^/:]+)", var.public_url)[0]
  keycloak_host = regex("^https?://([^/:]+)", var.keycloak_url)[0]

  # The Apache Pulsar chart names its broker Service <release>-broker; the release is called "pulsar".
  pulsar_service_url = var.deploy_pulsar ? "pulsar://pulsar-broker.${local.namespace}.svc.cluster.local:6650" : var.pulsar_service_url
  pulsar_admin_url   = var.deploy_pulsar ? "http://pulsar-broker.${local.namespace}.svc.cluster.local:8080" : var.pulsar_admin_url

  secrets = merge(
    {
      "db-owner-password"     = var.postgres_owner_password
      "db-app-password"       = coalesce(var.postgres_app_password, random_password.app_role.result)
      "console-client-secret" = coalesce(var.console_client_secret, random_password.console_client.result)
      "api-client-secret"     = coalesce(var.api_client_secret, random_password.api_client.result)
    },
    var.redis_uri != null ? { "redis-uri" = var.redis_uri } : {},
    var.deploy_keycloak ? {
      "keycloak-admin-password" = random_password.keycloak_admin.result
      "keycloak-db-password"    = var.keycloak_db_password
    } : {},
  )
}

resource "kubernetes_namespace" "perimeter" {
  count = var.create_namespace ? 1 : 0

  metadata {
    name = var.namespace
    labels = {
      "app.kubernetes.io/part-of" = "perimeter"
    }
  }
}

resource "random_password" "app_role" {
  length  = 32
  special = false
}

resource "random_password" "console_client" {
  length  = 40
  special = false
}

resource "random_password" "api_client" {
  length  = 40
  special = false
}

resource "random_password" "keycloak_admin" {
  length  = 24
  special = false
}

# Every secret the cloud and Keycloak read, in one Secret the chart refers to by name (never in Helm values, which
# Helm keeps in its release history).
resource "kubernetes_secret" "perimeter" {
  metadata {
    name      = local.secret_name
    namespace = local.namespace
  }
  data = local.secrets

  lifecycle {
    precondition {
      condition     = !var.deploy_keycloak || (var.keycloak_jdbc_url != "" && var.keycloak_db_password != null)
      error_message = "deploy_keycloak needs keycloak_jdbc_url and keycloak_db_password."
    }
    precondition {
      condition     = var.replicas == 1 || var.redis_uri != null
      error_message = "More than one replica needs redis_uri: rate limits and ingest de-duplication are shared through Redis."
    }
  }
}

resource "helm_release" "pulsar" {
  count = var.deploy_pulsar ? 1 : 0

  name       = "pulsar"
  namespace  = local.namespace
  repository = "https://pulsar.apache.org/charts"
  chart      = "pulsar"
  version    = var.pulsar_chart_version
  values     = var.pulsar_values
  timeout    = 1200
}

resource "helm_release" "cloud" {
  name      = var.release_name
  namespace = local.namespace
  chart     = local.chart_path

  values = [yamlencode({
    image          = { repository = var.image_repository, tag = var.image_tag }
    replicas       = var.replicas
    publicUrl      = var.public_url
    existingSecret = kubernetes_secret.perimeter.metadata[0].name
    database = {
      url              = var.postgres_jdbc_url
      ownerUser        = var.postgres_owner_user
      appUser          = var.postgres_app_user
      provisionAppRole = var.provision_app_role
    }
    redis  = { enabled = nonsensitive(var.redis_uri != null) }
    pulsar = { serviceUrl = local.pulsar_service_url, adminUrl = local.pulsar_admin_url, cluster = var.pulsar_cluster }
    keycloak = {
      deploy    = var.deploy_keycloak
      url       = var.keycloak_url
      publicUrl = var.keycloak_url
      realm     = var.keycloak_realm
      database  = { url = var.keycloak_jdbc_url, user = var.keycloak_db_user }
    }
    ingress = {
      enabled      = var.ingress_enabled
      className    = var.ingress_class_name
      annotations  = var.ingress_annotations
      host         = local.public_host
      keycloakHost = var.deploy_keycloak ? local.keycloak_host : ""
      tlsSecretName = var.tls_secret_name
    }
  })]

  depends_on = [helm_release.pulsar]
}
