package io.perimeter.cloud.playbooks.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a generated policy does to the finding's route. */
public enum PolicyMode {
    /** Refuse every request to the route (403). */
    BLOCK_ROUTE,
    /** Refuse requests to the route whose query (or, where the gateway can, body) carries the attack's syntax (403). */
    BLOCK_PATTERN,
    /** Limit each client's requests to the route (429 above the rate). */
    RATE_LIMIT;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<PolicyMode> of(String id) {
        return Arrays.stream(values()).filter(m -> m.id().equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(PolicyMode::id).toList();
    }
}
