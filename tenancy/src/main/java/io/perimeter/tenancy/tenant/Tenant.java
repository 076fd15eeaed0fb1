package io.perimeter.tenancy.tenant;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A customer of the platform. {@code slug} names it everywhere outside the database: the Keycloak organization's
 * alias and the Pulsar tenant.
 */
@Serdeable
@MappedEntity("tenants")
public record Tenant(@Id UUID id, String slug, String name, Instant createdAt) {
    /** Lower-case letters, digits and inner dashes, 3 to 32 characters: valid as an alias and a Pulsar tenant. */
    public static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9-]{1,30}[a-z0-9]");
}
