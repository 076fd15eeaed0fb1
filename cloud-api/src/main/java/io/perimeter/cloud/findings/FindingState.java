package io.perimeter.cloud.findings;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** The part of a finding that triage changes: its status and assignee. Edges' reports change the rest. */
@MappedEntity("findings")
record FindingState(@Id UUID id, UUID tenantId, String status, Instant statusAt, @Nullable String assignee) {

    FindingStatus statusValue() {
        return FindingStatus.of(status).orElseThrow();
    }
}
