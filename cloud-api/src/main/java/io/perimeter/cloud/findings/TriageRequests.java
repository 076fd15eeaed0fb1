package io.perimeter.cloud.findings;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The bodies of triage requests. */
public final class TriageRequests {
    private TriageRequests() {}

    /** Move a finding to {@code status}; {@code comment} says why (required to dismiss it). */
    @Serdeable
    public record Transition(@NotBlank String status, @Nullable @Size(max = 4000) String comment) {
    }

    @Serdeable
    public record Comment(@NotBlank @Size(max = 4000) String comment) {
    }

    /** Assign the finding to a member of the tenant, or unassign it with null. */
    @Serdeable
    public record Assignment(@Nullable @Pattern(regexp = "[A-Za-z0-9._@+-]{1,255}", message = "must be a username")
                      String assignee) {
    }
}
