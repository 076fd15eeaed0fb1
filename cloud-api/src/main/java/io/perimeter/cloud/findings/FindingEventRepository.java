package io.perimeter.cloud.findings;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.UUID;

/** The triage history of the current transaction's tenant. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface FindingEventRepository extends CrudRepository<FindingEvent, Long> {

    List<FindingEvent> findByTenantIdAndFindingIdOrderById(UUID tenantId, UUID findingId);
}
