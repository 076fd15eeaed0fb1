package io.perimeter.cloud.playbooks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/** The bodies of playbook requests; checked by {@link PlaybookRules}, which lists every violation at once. */
public final class PlaybookRequests {
    private PlaybookRequests() {
    }

    /**
     * A playbook to create or replace. To copy a built-in one, name it in {@code basedOn}: members left null are
     * taken from it.
     */
    @Serdeable
    public record PlaybookInput(@Nullable String name, @Nullable String description, @Nullable List<String> rules,
                                @Nullable List<String> categories, @Nullable List<String> steps,
                                @Nullable List<PlaybookAction> actions, @Nullable String basedOn) {
    }

    /** A destination; {@code secret} is write-only. */
    @Serdeable
    public record DestinationInput(@Nullable String name, @Nullable String kind, @Nullable String url,
                                   @Nullable String secret, @Nullable Map<String, String> settings) {
    }

    /**
     * Run a playbook on a finding: the one that applies unless {@code playbookId} names another; {@code dryRun}
     * (the default) renders and shows, sending nothing.
     */
    @Serdeable
    public record RunRequest(@Nullable String playbookId, @Nullable Boolean dryRun) {
    }
}
