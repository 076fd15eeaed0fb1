package io.perimeter.cloud.findings;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * One step of a finding's triage: a status change ({@code fromStatus} → {@code toStatus}, with the reason in
 * {@code comment}), a comment alone, or a change of assignee ({@code assignee}, null when unassigned).
 */
@MappedEntity("finding_events")
public record FindingEvent(
        @Id @GeneratedValue Long id,
        UUID tenantId,
        UUID findingId,
        Instant at,
        String actor,
        @Nullable String fromStatus,
        @Nullable String toStatus,
        @Nullable String assignee,
        @Nullable String comment) {

    static FindingEvent transition(UUID tenant, UUID finding, Instant at, String actor, FindingStatus from,
                                   FindingStatus to, @Nullable String comment) {
        return new FindingEvent(null, tenant, finding, at, actor, from.id(), to.id(), null, comment);
    }

    static FindingEvent comment(UUID tenant, UUID finding, Instant at, String actor, String comment) {
        return new FindingEvent(null, tenant, finding, at, actor, null, null, null, comment);
    }

    static FindingEvent assignment(UUID tenant, UUID finding, Instant at, String actor, @Nullable String assignee) {
        return new FindingEvent(null, tenant, finding, at, actor, null, null, assignee, null);
    }
}
