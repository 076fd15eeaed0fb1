package io.perimeter.cloud.playbooks;

import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.util.Map;
import java.util.UUID;

/**
 * A destination as the API shows it: never its secret, never a query string (some receivers take a token there), and
 * for Slack (whose URL is the secret) only the host.
 *
 * @param hasSecret whether a secret is stored
 */
@Serdeable
public record DestinationView(UUID id, String name, String kind, String url, boolean hasSecret,
                              Map<String, String> settings) {

    static DestinationView of(Destination destination) {
        URI uri = URI.create(destination.url());
        String url = uri.getScheme() + "://" + uri.getRawAuthority()
                + ("slack".equals(destination.kind()) ? "/…" : uri.getRawPath() == null ? "" : uri.getRawPath());
        return new DestinationView(destination.id(), destination.name(), destination.kind(), url,
                destination.secret() != null, destination.settings());
    }
}
