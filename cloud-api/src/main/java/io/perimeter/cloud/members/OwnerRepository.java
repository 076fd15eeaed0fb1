package io.perimeter.cloud.members;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.perimeter.tenancy.tenant.Member;
import java.util.List;
import java.util.UUID;

/** The owners of the current transaction's tenant. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface OwnerRepository extends GenericRepository<Member, Member.Key> {

    /**
     * The owners, locked until the transaction ends: two changes that would each leave one owner (two owners demoting
     * each other) run one after the other, and the second sees that it would leave none.
     */
    @Query("SELECT * FROM members WHERE tenant_id = :tenantId AND role = 'owner' ORDER BY username FOR UPDATE")
    List<Member> lockOwners(UUID tenantId);
}
