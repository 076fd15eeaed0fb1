package io.perimeter.tenancy.tenant;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Members of the current transaction's tenant, and a person's memberships under {@code Lookup.MEMBER}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MemberRepository extends GenericRepository<Member, Member.Key> {

    @Query("SELECT * FROM members WHERE tenant_id = :tenantId ORDER BY username")
    List<Member> listInTenant(UUID tenantId);

    @Query("SELECT * FROM members WHERE tenant_id = :tenantId AND username = :username")
    Optional<Member> find(UUID tenantId, String username);

    @Query("SELECT t.id, t.slug, t.name, m.role FROM members m JOIN tenants t ON t.id = m.tenant_id "
            + "WHERE m.username = :username ORDER BY t.slug")
    List<Membership> memberships(String username);

    @Query("INSERT INTO members (tenant_id, username, role, created_at) VALUES (:tenantId, :username, :role, now()) "
            + "ON CONFLICT (tenant_id, username) DO UPDATE SET role = EXCLUDED.role")
    void upsert(UUID tenantId, String username, String role);

    @Query("DELETE FROM members WHERE tenant_id = :tenantId AND username = :username")
    int delete(UUID tenantId, String username);

    @Query("SELECT count(*) FROM members WHERE tenant_id = :tenantId AND role = 'owner'")
    long countOwners(UUID tenantId);
}
