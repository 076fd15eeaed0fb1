package io.perimeter.tenancy.audit;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The audit trail of a tenant. Entries are written in the transaction of the change they record, so a change and its
 * entry are committed together or not at all. Details name objects and outcomes, never secrets.
 */
@Singleton
public final class AuditLog {
    private final AuditRepository repository;
    private final JsonMapper json;

    AuditLog(AuditRepository repository, JsonMapper json) {
        this.repository = repository;
        this.json = json;
    }

    /** Records an action; call inside the tenant's transaction. */
    public void record(UUID tenant, String actor, String action, String targetType, String targetId,
                       Map<String, ?> detail) {
        try {
            repository.insert(tenant, actor, action, targetType, targetId, json.writeValueAsString(detail));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The most recent entries, newest first, before entry id {@code before} (exclusive) when it is positive. */
    public List<AuditEntry> recent(UUID tenant, long before, int limit) {
        return repository.recent(tenant, before <= 0 ? Long.MAX_VALUE : before, limit);
    }
}
