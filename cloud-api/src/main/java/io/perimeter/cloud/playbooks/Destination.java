package io.perimeter.cloud.playbooks;

import io.micronaut.core.annotation.Nullable;
import java.util.Map;
import java.util.UUID;

/**
 * Where actions deliver, as stored: {@code secret} is the webhook signing key, the Jira API token or the Kong admin
 * token. Never serialized: the API shows {@link DestinationView}.
 *
 * @param settings jira: project, issueType, username, apiVersion (2 or 3); kong: service
 */
record Destination(UUID id, String name, String kind, String url, @Nullable String secret,
                   Map<String, String> settings) {

    @Override
    public String toString() {
        return "Destination[" + id + ", " + kind + "]";
    }
}
