package io.perimeter.cloud.findings;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Triage state of the current transaction's tenant's findings. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface FindingStateRepository extends GenericRepository<FindingState, UUID> {

    /** The finding's state, locked until the transaction ends, so that two triage steps cannot interleave. */
    @Query("SELECT id, tenant_id, status, status_at, assignee FROM findings WHERE tenant_id = :tenantId AND id = :id "
            + "FOR UPDATE")
    Optional<FindingState> lock(UUID tenantId, UUID id);

    @Query("UPDATE findings SET status = :status, status_at = :at WHERE tenant_id = :tenantId AND id = :id")
    void changeStatus(UUID tenantId, UUID id, String status, Instant at);

    @Query("UPDATE findings SET assignee = :assignee WHERE tenant_id = :tenantId AND id = :id")
    void assign(UUID tenantId, UUID id, @Nullable String assignee);
}
