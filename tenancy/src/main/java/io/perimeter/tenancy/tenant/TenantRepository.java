package io.perimeter.tenancy.tenant;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Tenants, as row-level security lets the current transaction see them. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TenantRepository extends CrudRepository<Tenant, UUID> {
    Optional<Tenant> findBySlug(String slug);

    List<Tenant> listOrderBySlug();
}
