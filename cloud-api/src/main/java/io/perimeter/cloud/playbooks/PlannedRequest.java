package io.perimeter.cloud.playbooks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A request an action will send, without credentials: the destination's URL plus {@code path}, and the body.
 * Credentials (signature, Authorization, admin token) are added only when it is sent.
 */
@Serdeable
public record PlannedRequest(String method, @Nullable String path, String body) {

    public PlannedRequest {
        path = path == null ? "" : path;
    }
}
