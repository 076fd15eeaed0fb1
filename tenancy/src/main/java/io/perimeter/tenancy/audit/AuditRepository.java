package io.perimeter.tenancy.audit;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AuditRepository extends GenericRepository<AuditEntry, Long> {

    @Query("INSERT INTO audit_log (tenant_id, actor, action, target_type, target_id, detail) "
            + "VALUES (:tenant, :actor, :action, :targetType, :targetId, CAST(:detail AS jsonb))")
    void insert(UUID tenant, String actor, String action, String targetType, String targetId, String detail);

    @Query("SELECT id, at, actor, action, target_type, target_id, detail::text AS detail FROM audit_log "
            + "WHERE tenant_id = :tenant AND id < :before ORDER BY id DESC LIMIT :limit")
    List<AuditEntry> recent(UUID tenant, long before, int limit);
}
