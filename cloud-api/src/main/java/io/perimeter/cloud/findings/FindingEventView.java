package io.perimeter.cloud.findings;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A step of a finding's history.
 *
 * @param kind {@code status} (from → to, with the reason in comment), {@code comment}, or {@code assignee} (null when
 *             the finding was unassigned)
 */
@Serdeable
public record FindingEventView(long id, Instant at, String actor, String kind, @Nullable String fromStatus,
                               @Nullable String toStatus, @Nullable String assignee, @Nullable String comment) {

    static FindingEventView of(FindingEvent event) {
        String kind = event.toStatus() != null ? "status" : event.comment() != null ? "comment" : "assignee";
        return new FindingEventView(event.id(), event.at(), event.actor(), kind, event.fromStatus(), event.toStatus(),
                event.assignee(), event.comment());
    }
}
