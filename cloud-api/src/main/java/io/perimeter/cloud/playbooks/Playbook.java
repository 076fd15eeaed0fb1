package io.perimeter.cloud.playbooks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A remediation playbook: ordered steps for people, automated actions, and the findings it applies to (rules first,
 * then categories). Built-in playbooks have ids {@code builtin-…} and cannot be edited: a tenant copies one
 * ({@code basedOn}) and edits the copy, which then wins over the built-in for the findings it maps.
 */
@Serdeable
public record Playbook(String id, String name, String description, List<String> rules, List<String> categories,
                       List<String> steps, List<PlaybookAction> actions, boolean builtIn, @Nullable String basedOn,
                       @Nullable String updatedBy, @Nullable Instant updatedAt) {

    public Playbook {
        rules = rules == null ? List.of() : List.copyOf(rules);
        categories = categories == null ? List.of() : List.copyOf(categories);
        steps = steps == null ? List.of() : List.copyOf(steps);
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** Whether a real run needs another analyst's approval first. */
    public boolean needsApproval() {
        return actions.stream().anyMatch(PlaybookAction::changesTraffic);
    }
}
