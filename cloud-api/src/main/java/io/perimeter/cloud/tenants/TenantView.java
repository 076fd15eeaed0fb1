package io.perimeter.cloud.tenants;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A tenant as the platform operator sees it: no data of the tenant's own.
 *
 * @param resources what the tenant owns outside PostgreSQL (its Pulsar namespace, its Keycloak organization)
 */
@Serdeable
public record TenantView(UUID id, String slug, String name, Instant createdAt, List<String> resources) {
}
