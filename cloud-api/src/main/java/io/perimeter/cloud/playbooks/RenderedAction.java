package io.perimeter.cloud.playbooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perimeter.cloud.playbooks.policy.PolicyFile;
import java.util.List;

/**
 * One action of a run as rendered for its finding: the policy files, where they go and the requests that would be
 * sent (nothing secret), or why it cannot be rendered.
 *
 * @param changesTraffic whether sending it changes a gateway (needs approval)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RenderedAction(int index, String type, @Nullable String gateway, @Nullable String mode,
                             @Nullable DestinationView destination, List<PolicyFile> files,
                             List<PlannedRequest> requests, boolean changesTraffic, @Nullable String error) {

    public RenderedAction {
        files = files == null ? List.of() : List.copyOf(files);
        requests = requests == null ? List.of() : List.copyOf(requests);
    }
}
