package io.perimeter.tenancy.database;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * How the cloud reaches its PostgreSQL. The application's pool ({@code datasources.default}) connects as
 * {@code appRole}, which owns nothing; migrations run as {@code ownerUsername}, which owns the schema.
 *
 * @param ownerUsername     the role that owns the schema and runs migrations
 * @param ownerPassword     its password
 * @param appRole           the role the application's pool connects as
 * @param appPassword       its password
 * @param provisionAppRole  whether the owner creates {@code appRole} (or sets its password) before migrating; off
 *                          where a database administrator manages roles
 * @param migrate           whether to migrate the schema at start-up
 */
@ConfigurationProperties("perimeter.database")
public record DatabaseSettings(
        String ownerUsername,
        String ownerPassword,
        @Bindable(defaultValue = "perimeter_app") String appRole,
        String appPassword,
        @Bindable(defaultValue = "true") boolean provisionAppRole,
        @Bindable(defaultValue = "true") boolean migrate) {
}
