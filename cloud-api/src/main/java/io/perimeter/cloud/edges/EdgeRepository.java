package io.perimeter.cloud.edges;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Edges of the current transaction's tenant (or the one edge a {@code Lookup.EDGE} opens). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EdgeRepository extends CrudRepository<Edge, UUID> {

    @Query("SELECT * FROM edges WHERE tenant_id = :tenantId ORDER BY enrolled_at DESC, id")
    List<Edge> listInTenant(UUID tenantId);

    @Query("UPDATE edges SET revoked_at = :at, revoked_by = :by WHERE id = :id AND revoked_at IS NULL")
    int revoke(UUID id, Instant at, String by);

    @Query("UPDATE edges SET credential_hash = :hash, credential_issued_at = :at WHERE id = :id AND revoked_at IS NULL")
    int replaceCredential(UUID id, byte[] hash, Instant at);

    @Query("UPDATE edges SET last_seen_at = greatest(coalesce(last_seen_at, :at), :at), "
            + "version = coalesce(:version, version), counters = CAST(:counters AS jsonb) WHERE id = :id")
    void seen(UUID id, Instant at, String version, String counters);
}
