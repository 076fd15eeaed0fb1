package io.perimeter.cloud.playbooks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A run of a playbook on a finding: the playbook as it was, each action as rendered, and every delivery attempt.
 *
 * @param status previewed (a dry run), awaiting_approval, running, succeeded, failed or rejected
 */
@Serdeable
public record RunView(UUID id, UUID findingId, String playbookId, Playbook playbook, boolean dryRun, String status,
                      boolean needsApproval, String requestedBy, Instant requestedAt, @Nullable String decidedBy,
                      @Nullable Instant decidedAt, @Nullable Instant finishedAt, List<RenderedAction> actions,
                      List<Attempt> attempts) {

    /** One delivery attempt of one action. */
    @Serdeable
    public record Attempt(int action, @Nullable UUID destinationId, int attempt, Instant at,
                          @Nullable Integer httpStatus, String outcome, @Nullable String error) {
    }
}
