package io.perimeter.tenancy.audit;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One line of a tenant's audit trail: who did what to which object. {@code detail} is a JSON object. */
@Serdeable
@Introspected
public record AuditEntry(long id, Instant at, String actor, String action, String targetType, String targetId,
                         String detail) {
}
