package io.perimeter.cloud.edges;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EnrollmentTokenRepository extends CrudRepository<EnrollmentToken, UUID> {

    /** Marks the token used, unless it was used meanwhile: 1 for the one caller that wins a race, 0 otherwise. */
    @Query("UPDATE enrollment_tokens SET used_at = :at, edge_id = :edgeId WHERE id = :id AND used_at IS NULL")
    int markUsed(UUID id, Instant at, UUID edgeId);
}
