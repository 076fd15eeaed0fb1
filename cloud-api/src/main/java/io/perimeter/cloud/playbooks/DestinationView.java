package io.perimeter.cloud.playbooks;

import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.util.Map;
import java.util.UUID;

/**
 * A destination as the API shows it: never its secret, and for Slack (whose URL is the secret) only the host.
 *
 * @param hasSecret whether a secret is stored
 */
@Serdeable
public record DestinationView(UUID id, String name, String kind, String url, boolean hasSecret,
                              Map<String, String> settings) {

    static DestinationView of(Destination destination) {
        String url = destination.url();
        if ("slack".equals(destination.kind())) {
            URI uri = URI.create(url);
            url = uri.getScheme() + "://" + uri.getAuthority() + "/…";
        }
        return new DestinationView(destination.id(), destination.name(), destination.kind(), url,
                destination.secret() != null, destination.settings());
    }
}
